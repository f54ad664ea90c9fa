/// A CSV table laid out in aligned columns for a terminal, numbers shortened to 6 decimals.
public enum TextTable {
    public static func render(_ table: CSVTable) -> String {
        let cells: [[String]] = [table.header] + table.rows.map { row in
            row.map { cell in
                switch cell {
                case .text(let s): return s
                case .count(let n): return n.map(String.init) ?? ""
                case .number(let x):
                    guard let x, x.isFinite else { return "" }
                    return x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : String(format6(x))
                }
            }
        }
        var widths = [Int](repeating: 0, count: table.header.count)
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        let lines = cells.map { row in
            row.enumerated().map { i, c in String(repeating: " ", count: widths[i] - c.count) + c }.joined(separator: "  ")
        }
        return "\(table.name)\n" + lines.joined(separator: "\n") + "\n"
    }

    static func format6(_ x: Double) -> String {
        let scaled = (x * 1_000_000).rounded() / 1_000_000
        return "\(scaled)"
    }
}
