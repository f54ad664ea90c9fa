import Foundation

/// A published table: a header and rows of cells, written as comma-separated UTF-8 text.
public struct CSVTable: Sendable {
    /// A cell. `nil` payloads are written as empty fields (undefined or suppressed values).
    public enum Cell: Sendable, Equatable {
        case text(String)
        case count(Int?)
        case number(Double?)
    }

    public let name: String
    public let header: [String]
    public private(set) var rows: [[Cell]] = []

    public init(name: String, header: [String]) {
        self.name = name
        self.header = header
    }

    public mutating func append(_ row: [Cell]) {
        precondition(row.count == header.count, "row width")
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
