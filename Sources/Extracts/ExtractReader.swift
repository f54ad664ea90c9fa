import Foundation

/// One data row, as byte ranges into the read buffer, addressed by required column
/// (the order of `ExtractKind.requiredColumns`, whatever the file's column order).
public struct RowView {
    let base: UnsafePointer<UInt8>
    let fields: UnsafeBufferPointer<FieldSplitter.Field>
    let positions: UnsafeBufferPointer<Int>

    /// Pointer and length of required column `c`.
    @inline(__always)
    func value(_ c: Int) -> (UnsafePointer<UInt8>, Int) {
        let f = fields[positions[c]]
        return (base + f.start, f.end - f.start)
    }
}

/// A kind's own field checks and what it keeps of a row.
public protocol RowParser {
    /// Reads one row of the right shape: nil keeps it, else the reason to set it aside.
    mutating func parse(_ row: RowView) -> String?
}

/// Reads an extract row by row: gzip, lines, header, fields, and the row-shape checks that
/// every kind shares. Rows of the wrong shape go to the quarantine; the kind's own field
/// checks are the `RowParser` passed to `read`, which returns a reason to set the row aside.
/// Generic over the parser (not a closure) so that the per-row call is inlined.
public struct ExtractReader {
    public let file: ExtractFile
    public private(set) var stats: FileStats

    /// Blank lines a file may hold beyond its data rows (at any point of it): a few are harmless,
    /// a file of mostly blank lines is damage or a gzip bomb, not a delivery.
    public static let blankLineAllowance = 1000

    /// Files being read by any thread now (whether one more core is free to read ahead).
    static let filesBeingRead = SharedCount()

    public init(file: ExtractFile) {
        self.file = file
        stats = FileStats(file: file)
    }

    /// Reads the whole file into `parser`.
    public mutating func read<P: RowParser>(quarantine: Quarantine, into parser: inout P) throws {
        let gzip = try GzipReader(path: file.path, displayName: file.path)
        let others = Self.filesBeingRead.add(1)
        defer { _ = Self.filesBeingRead.add(-1) }
        let lines = LineReader(ReadAhead.shouldUse(filesBeingRead: others) ? ReadAhead(gzip) : gzip)
        var splitter = FieldSplitter()
        let required = file.kind.requiredColumns

        guard let headerLine = try lines.next() else { throw ExtractError(file: file.path, .emptyFile) }
        let header = try ExtractHeader(headerLine, wasCut: lines.lastLineWasCut, required: required, file: file.path)
        let positions = header.positions
        let width = header.width
        // The fields of the unquoted fast path.
        let plain = UnsafeMutablePointer<FieldSplitter.Field>.allocate(capacity: width)
        defer { plain.deallocate() }

        try positions.withUnsafeBufferPointer { positions in
            while let line = try lines.next() {
                let number = lines.lineNumber
                if line.isEmpty {
                    stats.blankLines += 1
                    if stats.blankLines > stats.rowsRead + Self.blankLineAllowance {
                        throw ExtractError(file: file.path, line: number, .tooManyBlankLines(
                            blank: stats.blankLines, rows: stats.rowsRead, allowance: Self.blankLineAllowance))
                    }
                    continue
                }
                stats.rowsRead += 1
                var reason: String?
                if lines.lastLineWasCut {
                    reason = "line longer than \(LineReader.maxLineLength) bytes (cut in the quarantine file)"
                } else if let count = FieldSplitter.splitUnquoted(line.baseAddress!, line.count, into: plain, capacity: width) {
                    if count != width {
                        reason = "\(count) fields where the header has \(width)"
                    } else {
                        reason = parser.parse(RowView(base: line.baseAddress!, fields: UnsafeBufferPointer(start: plain, count: width),
                                                      positions: positions))
                    }
                } else if let failure = splitter.split(line) {
                    reason = failure == .unterminatedQuote ? "a quoted field is not closed on its line"
                                                           : "text after the closing quote of a field"
                } else if splitter.fields.count != width {
                    reason = "\(splitter.fields.count) fields where the header has \(width)"
                } else {
                    reason = splitter.fields.withUnsafeBufferPointer { fields in
                        for (i, p) in positions.enumerated() where fields[p].hasEscapedQuote {
                            return "\(required[i]): contains a quote character"
                        }
                        return parser.parse(RowView(base: line.baseAddress!, fields: fields, positions: positions))
                    }
                }
                if let reason {
                    stats.rowsSetAside += 1
                    try quarantine.setAside(line: number, reason: reason, raw: line)
                }
            }
        }
        try quarantine.close()
        stats.bytes = gzip.compressedBytes
        stats.gzipMembers = gzip.members
        stats.sha256 = gzip.sha256Hex()
    }
}
