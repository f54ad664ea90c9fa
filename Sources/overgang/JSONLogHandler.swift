import Foundation
import Logging

/// One JSON object per line on stderr, for log collectors: time, level, label, message and
/// the metadata as strings. Messages and metadata never carry person keys.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var object: [String: String] = [
            "time": ISO8601DateFormatter().string(from: Date()),
            "level": event.level.rawValue,
            "label": label,
            "message": event.message.description,
        ]
        for (k, v) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) { object[k] = v.description }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(object) else { return }
        FileHandle.standardError.write(data + Data("\n".utf8))
    }
}

/// A progress line on a terminal (files, bytes, rate, time left) that is rewritten in place
/// and removed at the end; nothing at all when stderr is not a terminal.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let totalFiles: Int
    private let totalBytes: Int
    private var files = 0
    private var bytes = 0
    private let started = Date()
    let enabled: Bool

    init(files: Int, bytes: Int, enabled: Bool) {
        totalFiles = files
        totalBytes = max(bytes, 1)
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
    }

    func fileDone(bytes n: Int) {
        guard enabled else { return }
        lock.withLock {
            files += 1
            bytes += n
            let seconds = max(Date().timeIntervalSince(started), 0.001)
            let rate = Double(bytes) / seconds
            let left = rate > 0 ? Double(totalBytes - bytes) / rate : 0
            let line = String(format: "  reading: %d/%d files, %.0f/%.0f MB, %.0f MB/s, about %.0f s left",
                              files, totalFiles, Double(bytes) / 1e6, Double(totalBytes) / 1e6, rate / 1e6, max(0, left))
            FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
        }
    }

    func finish() {
        guard enabled else { return }
        lock.withLock { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
