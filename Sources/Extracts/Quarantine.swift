import Foundation

/// Rows set aside from one extract, written to a file only its owner may read.
///
/// The quarantine file is the one place where raw rows (and so person keys) are written:
/// the analyst who owns the run needs them to trace a delivery error. Messages elsewhere
/// give the file, line and reason only.
public final class Quarantine {
    private let fileName: String
    private let path: String?
    private var handle: FileHandle?
    private var pending = [UInt8]()
    /// Rows set aside so far.
    public private(set) var count = 0
    /// The first few reasons (line and reason, with quoted field values left out: a shifted
    /// column could put a person key in any field), for summaries on a terminal.
    public private(set) var samples: [(line: Int, reason: String)] = []

    /// `path`: where to write the part for this file (created on the first row set aside);
    /// nil counts and samples without writing (`overgang validate`).
    public init(fileName: String, path: String?) {
        self.fileName = fileName
        self.path = path
    }

    deinit { try? close() }

    /// The reason with every field value replaced by `'…'`.
    static func withoutValues(_ reason: String) -> String {
        var out = "", inValue = false
        for c in reason {
            if c == FieldRules.valueMark {
                if !inValue { out += "'…'" }
                inValue.toggle()
            } else if !inValue {
                out.append(c)
            }
        }
        return out
    }

    /// The reason as the quarantine file shows it: values in single quotes.
    static func withValues(_ reason: String) -> String {
        reason.replacingOccurrences(of: String(FieldRules.valueMark), with: "'")
    }

    /// The header of a quarantine file.
    public static let header = "file,line,reason,row\n"

    public func setAside(line: Int, reason: String, raw: UnsafeBufferPointer<UInt8>) throws {
        count += 1
        if samples.count < 5 { samples.append((line, Quarantine.withoutValues(reason))) }
        guard let path else { return }
        if handle == nil {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
                  let h = FileHandle(forWritingAtPath: path) else {
                throw ExtractError(file: path, .unreadable("cannot create the quarantine file"))
            }
            handle = h
        }
        pending.append(contentsOf: "\(csvField(fileName)),\(line),\(csvField(Quarantine.withValues(reason))),\"".utf8)
        for b in raw {
            if b == 0x22 { pending.append(0x22) }
            pending.append(b)
        }
        pending.append(contentsOf: "\"\n".utf8)
        if pending.count > 1 << 16 { try flush() }
    }

    private func flush() throws {
        guard let handle, !pending.isEmpty else { return }
        try handle.write(contentsOf: pending)
        pending.removeAll(keepingCapacity: true)
    }

    public func close() throws {
        try flush()
        try handle?.close()
        handle = nil
    }
}

/// Quotes a CSV field when it needs it.
public func csvField(_ s: String) -> String {
    if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
}
