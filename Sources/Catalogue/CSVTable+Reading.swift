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

    /// The table as `read` gives it back from its `csvText()`, without writing and parsing
    /// the text: a run hands its tables to the report this way (reading them back was a
    /// tenth of a rerun). Cells are typed by the catalogue as `read` types them; a table with
    /// a cell whose text would not read back plainly (a label that is quoted, a count column
    /// holding a fraction: `read` would fail) goes through the text after all.
    public func asRead() throws -> CSVTable {
        var out = CSVTable(name: name, header: header)
        let kinds = out.declaredKinds.map { $0 ?? .label }
        let plainHeader = header.allSatisfy { !Self.needsText($0) } && !(header.first?.hasPrefix("\u{FEFF}") ?? false)
        guard plainHeader else { return try Self.read(name: name, text: csvText()) }
        out.rows.reserveCapacity(rows.count)
        for row in rows {
            var cells = [Cell]()
            cells.reserveCapacity(row.count)
            for (cell, kind) in zip(row, kinds) {
                guard let read = Self.readBack(cell, kind: kind) else { return try Self.read(name: name, text: csvText()) }
                cells.append(read)
            }
            out.rows.append(cells)
        }
        return out
    }

    /// A label that `csvText` quotes: it reads back only through the text.
    private static func needsText(_ s: String) -> Bool {
        s.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
    }

    /// What `cell` (with the text `csvText` writes for it) reads back as in a column of
    /// `kind`; nil when only reading the text tells (or it would not read).
    private static func readBack(_ cell: Cell, kind: ColumnKind) -> Cell? {
        switch (kind, cell) {
        case (.label, .text(let s)), (.calendarPeriod, .text(let s)): return needsText(s) ? nil : cell
        case (.label, .count(let n)), (.calendarPeriod, .count(let n)): return .text(n.map { String($0) } ?? "")
        case (.label, .number(let x)), (.calendarPeriod, .number(let x)): return .text(x.map(format) ?? "")
        case (.count, .count), (.monthsSinceEntry, .count): return cell
        // Written as the shortest text that reads back as the same double; -0 is written 0.
        case (.percent, .number(let x)), (.number, .number(let x)): return .number(x.flatMap { $0.isFinite ? ($0 == 0 ? 0 : $0) : nil })
        case (.percent, .count(let n)), (.number, .count(let n)): return .number(n.map { Double($0) })
        default: return nil
        }
    }

    private static func cell(_ field: String, kind: ColumnKind, column: String, file: String, line: Int) throws -> Cell {
        switch kind {
        case .label, .calendarPeriod:
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
