/// The one reader of the tool's small CSV files: spells (`overgang lifetable`, `overgang cox`),
/// covariate series (`survival.covariates`) and published tables read back for the report.
/// (The extracts have their own streaming reader.)
///
/// Quoting is RFC 4180's: a field that starts with `"` runs to the next lone `"`, and holds
/// separators, line breaks and `""` (one quote) as text; after its closing quote comes the
/// separator, the line end or the end of the text, anything else is an error. A quote inside
/// an unquoted field is text. Lines end with LF or CRLF; a leading byte-order mark is dropped.
public struct CSVReader: Sendable {
    public enum Separator: Sendable {
        case comma, semicolon
        /// `;` when the first line has one outside quotes, else `,` (files saved by a
        /// spreadsheet with a decimal comma use `;`).
        case fromHeader
    }

    public var separator: Separator
    /// Spaces and tabs around a field are dropped, and a quote after them opens a quoted
    /// field (hand-written input files); published tables are read as they are.
    public var trimsSpaces: Bool

    public init(separator: Separator = .comma, trimsSpaces: Bool = false) {
        self.separator = separator
        self.trimsSpaces = trimsSpaces
    }

    /// The records of `text`; `file` names it in errors. A text that ends with a line end has
    /// no empty record after it; an empty line is a record of one empty field.
    public func records(_ text: String, file: String) throws -> [CSVRecord] {
        var text = text
        return try text.withUTF8 { bytes in
            var scan = CSVScan(bytes: bytes, file: file, trims: trimsSpaces)
            scan.separator = separatorByte(bytes, from: scan.position)
            return try scan.records()
        }
    }

    private func separatorByte(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt8 {
        switch separator {
        case .comma: return CSVScan.comma
        case .semicolon: return CSVScan.semicolon
        case .fromHeader:
            var quoted = false
            for b in bytes[start...] {
                if b == CSVScan.quote { quoted.toggle() }
                else if !quoted && b == CSVScan.semicolon { return CSVScan.semicolon }
                else if !quoted && b == CSVScan.lineFeed { break }
            }
            return CSVScan.comma
        }
    }
}

/// One record: its fields and the line of the file it starts on (a quoted line break makes
/// a record span lines).
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    public var line: Int

    public init(_ fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }

    /// An empty line (input files may have them; they hold no row).
    public var isBlank: Bool { fields.count == 1 && fields[0].isEmpty }
}

/// The scan of one text's bytes (`CSVReader.records`): a field at a time.
private struct CSVScan {
    static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), semicolon = UInt8(ascii: ";")
    static let lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    let trims: Bool
    var separator = CSVScan.comma
    var position: Int
    /// The line `position` is on.
    var line = 1

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, trims: Bool) {
        self.bytes = bytes
        self.file = file
        self.trims = trims
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    mutating func records() throws -> [CSVRecord] {
        var records = [CSVRecord]()
        guard position < bytes.count else { return records }
        var fields = [String](), start = line
        while true {
            fields.append(try field())
            if position < bytes.count && bytes[position] == separator {
                position += 1
                continue
            }
            // At a line end (LF or CRLF) or the end of the text.
            if position < bytes.count && bytes[position] == Self.carriageReturn { position += 1 }
            position += 1
            records.append(CSVRecord(fields, line: start))
            if position >= bytes.count { return records }
            fields = []
            line += 1
            start = line
        }
    }

    /// The field at `position`, which is left at the byte after it.
    private mutating func field() throws -> String {
        let start = position
        if trims { skipSpaces() }
        if position < bytes.count && bytes[position] == Self.quote { return try quotedField() }
        // A local index: the scan of a large table's unquoted fields is most of its reading.
        var end = start
        while end < bytes.count && bytes[end] != separator && bytes[end] != Self.lineFeed { end += 1 }
        position = end
        // The CR of a CRLF line end (or of the text's last line); a CR elsewhere is text.
        let atLineEnd = position == bytes.count || bytes[position] == Self.lineFeed
        if atLineEnd && end > start && bytes[end - 1] == Self.carriageReturn { end -= 1 }
        var first = start
        if trims {
            while first < end && Self.isSpace(bytes[first]) { first += 1 }
            while end > first && Self.isSpace(bytes[end - 1]) { end -= 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<end]), as: UTF8.self)
    }

    /// A field in quotes, from its opening quote at `position`.
    private mutating func quotedField() throws -> String {
        let opened = line
        var value = [UInt8]()
        position += 1
        while true {
            guard position < bytes.count else { throw CSVReadError(file: file, line: opened, reason: "a quoted field is not closed") }
            let b = bytes[position]
            position += 1
            if b == Self.quote {
                guard position < bytes.count && bytes[position] == Self.quote else { break }
                position += 1
            } else if b == Self.lineFeed {
                line += 1
            }
            value.append(b)
        }
        if trims { skipSpaces() }
        guard atFieldEnd else {
            throw CSVReadError(file: file, line: line,
                               reason: "text after the closing quote of a field (a quote inside quotes is written \"\")")
        }
        return String(decoding: value, as: UTF8.self)
    }

    /// Whether `position` is at a separator, a line end (LF or CRLF) or the end of the text.
    private var atFieldEnd: Bool {
        guard position < bytes.count else { return true }
        let b = bytes[position]
        if b == separator || b == Self.lineFeed { return true }
        return b == Self.carriageReturn && (position + 1 == bytes.count || bytes[position + 1] == Self.lineFeed)
    }

    private mutating func skipSpaces() {
        while position < bytes.count && Self.isSpace(bytes[position]) { position += 1 }
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
}
