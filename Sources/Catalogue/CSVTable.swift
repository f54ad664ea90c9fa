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

    public func csvText() -> String {
        var out = header.map(csvEscape).joined(separator: ",") + "\n"
        for row in rows {
            var first = true
            for cell in row {
                if !first { out += "," }
                first = false
                switch cell {
                case .text(let s): out += csvEscape(s)
                case .count(let n): if let n { out += String(n) }
                case .number(let x): if let x { out += CSVTable.format(x) }
                }
            }
            out += "\n"
        }
        return out
    }

    public func write(into directory: String) throws {
        let path = (directory as NSString).appendingPathComponent(name)
        try csvText().write(toFile: path, atomically: false, encoding: .utf8)
    }
}

func csvEscape(_ s: String) -> String {
    if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
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
