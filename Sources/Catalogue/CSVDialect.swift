import Foundation

/// How a published table is written (`output.csv`). `standard` is the machine-readable
/// CSV every reader of the outputs takes; `nb` is a copy for Norwegian spreadsheets, written
/// beside it (`folder`), that Excel and LibreOffice with Norwegian settings open in columns.
public enum CSVDialect: String, Sendable, CaseIterable {
    /// `,` between fields, `.` decimals, numbers as shortest round-trip text, LF, no BOM.
    case standard
    /// `;` between fields, decimal comma, percentages to 1 decimal and other decimals to
    /// `decimals`, CRLF (what Excel writes), a UTF-8 byte order mark (without it Excel
    /// reads æøå as Latin-1).
    case nb

    /// The subfolder of the output folder the dialect's copies go into; nil: the tables themselves.
    public var folder: String? { self == .standard ? nil : rawValue }

    var separator: Character { self == .standard ? "," : ";" }
    var lineEnd: String { self == .standard ? "\n" : "\r\n" }
    var byteOrderMark: String { self == .standard ? "" : "\u{FEFF}" }

    /// Decimals of a percentage, and of any other decimal, in the `nb` dialect: shares read
    /// as `12,3`; six decimals keep small p values, hazards and covariances visible.
    public static let percentDecimals = 1
    public static let decimals = 6

    /// A field: quoted when it holds the separator, a quote or a line break.
    func field(_ s: String) -> String {
        guard s.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A decimal of a column of `kind`; never NaN or Inf (undefined values are written empty).
    func number(_ x: Double, kind: ColumnKind?) -> String {
        guard self == .nb else { return CSVTable.format(x) }
        guard x.isFinite else { return "" }
        var text = String(format: "%.\(kind == .percent ? Self.percentDecimals : Self.decimals)f", x)
        // A value that rounds to zero is written 0,0…, not -0,0…
        if text.hasPrefix("-"), !text.contains(where: { ("1"..."9").contains($0) }) { text.removeFirst() }
        return text.replacingOccurrences(of: ".", with: ",")
    }
}
