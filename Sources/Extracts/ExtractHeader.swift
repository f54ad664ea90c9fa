/// The header line of an extract: where each required column is.
///
/// Names are matched after trimming ASCII spaces and tabs and ignoring ASCII case
/// (`Person_ID ` is `person_id`): systems that deliver the registers write them so. A line
/// that cannot be a header (empty, a NUL or CR inside, not UTF-8, overlong) is named as
/// such rather than reported as a missing column.
struct ExtractHeader {
    /// Field index of each required column, in the order of `requiredColumns`.
    let positions: [Int]
    /// Number of fields every row must have.
    let width: Int

    /// Reads the header `line` of `file` (its line number is 1).
    init(_ line: UnsafeBufferPointer<UInt8>, wasCut: Bool, required: [String], file: String) throws {
        func bad(_ why: String) -> ExtractError { ExtractError(file: file, line: 1, .badHeader(why)) }
        if wasCut { throw bad("is longer than \(LineReader.maxLineLength) bytes") }
        if let why = Self.problem(line) { throw bad(why) }
        var splitter = FieldSplitter()
        if splitter.split(line) != nil { throw bad("has a quoted name that is not closed or has text after its closing quote") }
        let names = splitter.fields.map { Self.normalised(UnsafeBufferPointer(rebasing: line[$0.start..<$0.end])) }
        var positions = [Int]()
        for column in required {
            let hits = names.indices.filter { names[$0] == column }
            if hits.isEmpty { throw ExtractError(file: file, line: 1, .missingColumn(column)) }
            if hits.count > 1 { throw ExtractError(file: file, line: 1, .duplicateColumn(column)) }
            positions.append(hits[0])
        }
        self.positions = positions
        width = names.count
    }

    /// Why `line` cannot be a header at all, naming the byte (1-based); nil if it can.
    static func problem(_ line: UnsafeBufferPointer<UInt8>) -> String? {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return "is empty" }
        if let i = line.firstIndex(of: 0) { return "holds a NUL byte at byte \(i + 1) (UTF-16, or not text?)" }
        if let i = line.firstIndex(of: 0x0D) {
            return "holds a carriage return at byte \(i + 1): lines must end in LF or CRLF, not CR alone"
        }
        if let i = firstInvalidUTF8(line) { return "is not UTF-8 (byte \(i + 1))" }
        return nil
    }

    /// Offset of the first byte that is not part of valid UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }

    /// A header name as matched: ASCII spaces and tabs trimmed, ASCII letters in lower case.
    static func normalised(_ name: UnsafeBufferPointer<UInt8>) -> String {
        var bytes = name[...]
        while let b = bytes.first, b == 0x20 || b == 0x09 { bytes = bytes.dropFirst() }
        while let b = bytes.last, b == 0x20 || b == 0x09 { bytes = bytes.dropLast() }
        return String(decoding: bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
