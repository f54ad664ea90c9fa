import Foundation

extension CSVTable {
    /// A published table read back from its CSV text (as written by `csvText()`), each cell
    /// typed by its column in the catalogue (`Catalogue`). A file the catalogue does not
    /// know, or a column its table does not declare, is read as text.
    public static func read(name: String, text: String) throws -> CSVTable {
        var records = try parseCSV(text)
        guard !records.isEmpty else { throw CSVReadError(file: name, line: 1, reason: "no header") }
        let header = records.removeFirst()
        var out = CSVTable(name: name, header: header)
        let kinds = out.declaredKinds.map { $0 ?? .label }
        for (i, record) in records.enumerated() {
            guard record.count == header.count else {
                throw CSVReadError(file: name, line: i + 2, reason: "\(record.count) fields, the header has \(header.count)")
            }
            out.append(try zip(header, zip(kinds, record)).map { column, typed in
                try cell(typed.1, kind: typed.0, column: column, file: name, line: i + 2)
            })
        }
        return out
    }

    private static func cell(_ field: String, kind: ColumnKind, column: String, file: String, line: Int) throws -> Cell {
        switch kind {
        case .label, .calendarMonth:
            return .text(field)
        case .count, .monthsSinceEntry:
            guard field.isEmpty || Int(field) != nil else { throw CSVReadError(file: file, line: line, reason: "\(column): expected a whole number") }
            return .count(Int(field))
        case .percent, .number:
            guard field.isEmpty || Double(field) != nil else { throw CSVReadError(file: file, line: line, reason: "\(column): expected a number") }
            return .number(Double(field))
        }
    }

    /// RFC 4180 fields: quoted fields may hold commas, quotes (doubled) and line breaks.
    static func parseCSV(_ text: String) throws -> [[String]] {
        // No file name here: the caller's error names the table.
        try CSVReader().records(text, file: "").map(\.fields)
    }
}

/// A CSV text that cannot be read (`CSVReader`) or a table that cannot be read back: names the file and line.
public struct CSVReadError: Error, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let reason: String
    public var description: String { "\(file):\(line): \(reason)" }
}
