import Foundation
import Extracts

/// The temporary files cache files are written as before they are renamed into place, and
/// the sweep of those a killed run left behind.
///
/// A temporary file is named `<final name>.tmp-<pid>-<host>-<random>`: the writer's process
/// id and a tag of its host name. One whose writer is gone (this host, and `kill(pid, 0)`
/// says there is no such process) is removed by the next run; any other one only when it
/// is a day old (a writer on another host sharing the folder, or a name of an older
/// version), since its writer may still be at work.
enum CacheScratch {
    static let marker = ".tmp-"
    static let maximumAge: TimeInterval = 86_400

    /// This host's tag: the CRC-32 of its name, in hex (names may hold `-`).
    static let hostTag: String = {
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count - 1)
        let bytes = name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(format: "%08x", CacheEntry.crc(bytes))
    }()

    /// A fresh temporary name for `path` written by process `pid`.
    static func path(for path: String, pid: Int32 = getpid()) -> String {
        path + marker + "\(pid)-\(hostTag)-\(UInt64.random(in: 0...UInt64.max))"
    }

    static func isScratch(_ name: String) -> Bool { name.contains(marker) }

    /// Whether the temporary file `name`, last modified at `modified`, was left by a writer
    /// that is gone.
    static func isAbandoned(_ name: String, modified: Date, now: Date = Date()) -> Bool {
        guard let range = name.range(of: marker, options: .backwards) else { return false }
        if now.timeIntervalSince(modified) > maximumAge { return true }
        let parts = name[range.upperBound...].split(separator: "-")
        guard parts.count == 3, parts[1] == hostTag, let pid = Int32(parts[0]), pid > 0 else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// Removes the abandoned temporary files in `directory`.
    static func sweep(_ directory: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where isScratch(name) {
            let path = "\(directory)/\(name)"
            guard let modified = FileStamp(path: path)?.modified else { continue }
            if isAbandoned(name, modified: modified) { unlink(path) }
        }
    }
}
