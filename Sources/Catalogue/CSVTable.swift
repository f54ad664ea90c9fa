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
        let separator = String(dialect.separator)
        let kinds = dialect == .standard ? [] : declaredKinds
        var out = dialect.byteOrderMark + header.map(dialect.field).joined(separator: separator) + dialect.lineEnd
        for row in rows {
            for (i, cell) in row.enumerated() {
                if i > 0 { out += separator }
                switch cell {
                case .text(let s): out += dialect.field(s)
                case .count(let n): if let n { out += String(n) }
                case .number(let x): if let x { out += dialect.number(x, kind: kinds.isEmpty ? nil : kinds[i]) }
                }
            }
            out += dialect.lineEnd
        }
        return out
    }

    /// Writes the table into `directory` (for a dialect with a subfolder, that folder: the caller makes it once).
    public func write(into directory: String, dialect: CSVDialect = .standard) throws {
        try csvText(dialect).write(toFile: (directory as NSString).appendingPathComponent(name), atomically: false, encoding: .utf8)
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
