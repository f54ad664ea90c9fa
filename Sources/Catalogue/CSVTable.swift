import Foundation

/// A published table: a header and rows of cells, written as comma-separated UTF-8 text.
public struct CSVTable: Sendable {
    /// A cell. `nil` payloads are written as empty fields (undefined or suppressed values).
    public enum Cell: Sendable, Hashable {
        case text(String)
        case count(Int?)
        case number(Double?)
    }

    public let name: String
    public let header: [String]
    public internal(set) var rows: [[Cell]] = []
    /// The columns as the catalogue declares them, for a table made from its spec (nil
    /// otherwise): each appended cell must be of its column's kind.
    public internal(set) var columns: [Column]?

    public init(name: String, header: [String]) {
        self.name = name
        self.header = header
    }

    /// A table as it was made before (a stored copy): its columns as declared, if they were.
    public init(name: String, header: [String], columns: [Column]?, rows: [[Cell]]) {
        precondition(columns.map { $0.map(\.name) == header } ?? true, "columns and header")
        self.init(name: name, header: header)
        self.columns = columns
        self.rows = rows
    }

    public mutating func append(_ row: [Cell]) {
        precondition(row.count == header.count, "row width")
        assert(columns.map { zip($0, row).allSatisfy { $0.kind.holds($1) } } ?? true, "\(name): a cell not of its column's kind")
        rows.append(row)
    }

    /// Shortest text that reads back as the same double (Swift's description round-trips);
    /// never NaN or Inf: those are undefined values and are written empty.
    public static func format(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        return x == 0 ? "0" : "\(x)"
    }

    /// The table's text in a dialect (`standard`: the published file every reader takes).
    public func csvText(_ dialect: CSVDialect = .standard) -> String {
        String(decoding: csvBytes(dialect), as: UTF8.self)
    }

    /// `csvText` as UTF-8 bytes, appended to one buffer: building a `String` cell by cell
    /// (and checking each label for quotes character by character) was most of the time
    /// spent writing the tables.
    public func csvBytes(_ dialect: CSVDialect = .standard) -> [UInt8] {
        var out = CSVBytes()
        let separator = dialect.separator.asciiValue!
        let kinds = dialect == .standard ? [] : declaredKinds
        out.append(dialect.byteOrderMark)
        for (i, name) in header.enumerated() {
            if i > 0 { out.bytes.append(separator) }
            out.field(name, dialect)
        }
        out.append(dialect.lineEnd)
        for row in rows {
            for (i, cell) in row.enumerated() {
                if i > 0 { out.bytes.append(separator) }
                switch cell {
                case .text(let s): out.field(s, dialect)
                case .count(let n): if let n { out.integer(n) }
                case .number(let x):
                    guard let x else { break }
                    if dialect == .standard { out.number(x) } else { out.append(dialect.number(x, kind: kinds.isEmpty ? nil : kinds[i])) }
                }
            }
            out.append(dialect.lineEnd)
        }
        return out.bytes
    }

    /// Writes the table into `directory` (for a dialect with a subfolder, that folder: the caller makes it once).
    public func write(into directory: String, dialect: CSVDialect = .standard) throws {
        try Data(csvBytes(dialect)).write(to: URL(fileURLWithPath: (directory as NSString).appendingPathComponent(name)))
    }
}

/// The bytes of a CSV text as `CSVTable.csvBytes` builds them; a `TextOutputStream` so that a
/// double is written from the standard library's digits without a `String` in between.
struct CSVBytes: TextOutputStream {
    var bytes: [UInt8] = []

    mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
    mutating func append(_ string: String) { bytes.append(contentsOf: string.utf8) }

    /// A label: as is when no byte needs quoting, else as `CSVDialect.field` quotes it.
    mutating func field(_ s: String, _ dialect: CSVDialect) {
        let separator = dialect.separator.asciiValue!
        if s.utf8.contains(where: { $0 == separator || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) {
            append(dialect.field(s))
        } else {
            append(s)
        }
    }

    /// A whole number in decimal digits, as `String(n)` writes it.
    mutating func integer(_ n: Int) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: room for 20 digits
        var v = n.magnitude, count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                count += 1
                buffer[24 - count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            } while v != 0
            bytes.append(contentsOf: buffer[(24 - count)...])
        }
    }

    /// A finite double as `CSVTable.format` writes it (shortest round-trip text).
    mutating func number(_ x: Double) {
        guard x.isFinite else { return }
        if x == 0 { bytes.append(UInt8(ascii: "0")) } else { x.write(to: &self) }
    }
}

extension CSVTable {
    /// The index of a column by its header name.
    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// Empties one cell (suppression): its payload becomes nil, its kind is kept.
    public mutating func blank(row: Int, column: Int) {
        switch rows[row][column] {
        case .text: rows[row][column] = .text("")
        case .count: rows[row][column] = .count(nil)
        case .number: rows[row][column] = .number(nil)
        }
    }
}

extension CSVTable.Cell {
    /// A whole count, or nil (blank, text or a fraction).
    public var intValue: Int? {
        switch self {
        case .count(let n): return n
        case .number(let x): return x.flatMap { $0 == $0.rounded() && abs($0) < 1e15 ? Int($0) : nil }
        case .text: return nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .count(let n): return n.map(Double.init)
        case .number(let x): return x
        case .text: return nil
        }
    }

    public var textValue: String {
        if case .text(let s) = self { return s }
        return ""
    }

    public var isText: Bool {
        if case .text = self { return true }
        return false
    }
}
