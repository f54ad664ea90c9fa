import Foundation

extension CSVTable {
    /// Columns read back as whole counts.
    static let countColumns = Set<String>([
        "count", "exits", "entering", "withdrawn", "events", "at_risk", "censored", "n", "df", "lr_df", "iterations",
        "time", "end", "interval_start", "interval_end",
    ]).union(["treatment", "control"].flatMap { g in ["baseline", "comparison"].flatMap { p in ["\(g)_\(p)_exits", "\(g)_\(p)_count"] } })

    /// Columns read back as numbers; every other column is text (codes such as `enhet` 0301
    /// look like numbers but are labels).
    static let numberColumns: Set<String> = [
        "pct", "treatment_baseline_pct", "treatment_comparison_pct", "treatment_change_pp",
        "control_baseline_pct", "control_comparison_pct", "control_change_pp", "did_pp", "se_pp", "ci_low_pp",
        "ci_high_pp", "z", "p_one_sided", "did_pct", "exposed", "cond_prob",
        "survival_start", "survival_end", "survival_end_se", "hazard", "survival", "se", "ci_low", "ci_high",
        "chisq", "p", "coef", "hr", "hr_low", "hr_high", "incidence", "loglik_null", "loglik", "lr_chisq", "lr_p",
        "months", "covariance",
    ]

    /// A published table read back from its CSV text (as written by `csvText()`), with cells
    /// typed by column name. `kaplan_meier.csv`'s and `cumulative_incidence.csv`'s `month`
    /// (months since entry) is a count; elsewhere `month` is a calendar month (text).
    public static func read(name: String, text: String) throws -> CSVTable {
        var records = try parseCSV(text)
        guard !records.isEmpty else { throw CSVReadError(file: name, line: 1, reason: "no header") }
        let header = records.removeFirst()
        let monthIsCount = name == "kaplan_meier.csv" || name == "cumulative_incidence.csv"
        var table = CSVTable(name: name, header: header)
        for (i, record) in records.enumerated() {
            guard record.count == header.count else {
                throw CSVReadError(file: name, line: i + 2, reason: "\(record.count) fields, the header has \(header.count)")
            }
            var row = [Cell]()
            for (column, field) in zip(header, record) {
                if countColumns.contains(column) || (monthIsCount && column == "month") {
                    guard field.isEmpty || Int(field) != nil else {
                        throw CSVReadError(file: name, line: i + 2, reason: "\(column): expected a whole number")
                    }
                    row.append(.count(Int(field)))
                } else if numberColumns.contains(column) {
                    guard field.isEmpty || Double(field) != nil else {
                        throw CSVReadError(file: name, line: i + 2, reason: "\(column): expected a number")
                    }
                    row.append(.number(Double(field)))
                } else {
                    row.append(.text(field))
                }
            }
            table.append(row)
        }
        return table
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
