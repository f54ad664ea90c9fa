import Crypto
import Extracts
import Foundation
import Catalogue

/// An extra Cox covariate of `survival.covariates` (definitions.md §5): one number per
/// calendar month (e.g. vacancies in thousands), read from a CSV of `month,value` rows and
/// taken at a spell's entry month. Read and checked before any extract, so that a bad file
/// stops the run as a configuration error.
public struct MonthlyCovariate: Sendable, Equatable {
    /// The Cox term's name (the key in `survival.covariates`).
    public var name: String
    public var path: String
    public var values: [Month: Double]
    /// SHA-256 of the file, for the manifest.
    public var sha256: String
    /// The file's line of each month, for messages.
    public var lines: [Month: Int] = [:]

    public var rows: Int { values.count }
    public var months: MonthRange? {
        guard let first = values.keys.min(), let last = values.keys.max() else { return nil }
        return MonthRange(from: first, to: last)
    }

    public init(name: String, path: String, values: [Month: Double], sha256: String = "") {
        self.name = name
        self.path = path
        self.values = values
        self.sha256 = sha256
    }

    /// Reads `path`: header `month,value`, then one `YYYY-MM,number` row per month, each
    /// month once, every value finite. Empty lines are skipped.
    public static func load(name: String, path: String) throws -> MonthlyCovariate {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("\(path): survival.covariates.\(name): cannot read the file")
        }
        func fail(_ line: Int, _ why: String) -> ConfigurationError {
            ConfigurationError("\(path): line \(line): survival.covariates.\(name): \(why)")
        }
        let records: [CSVRecord]
        do {
            records = try CSVReader(trimsSpaces: true).records(String(decoding: data, as: UTF8.self), file: path)
        } catch let e as CSVReadError {
            throw fail(e.line, e.reason)
        }
        guard let header = records.first, header.fields == ["month", "value"] else {
            throw fail(1, "expected the header 'month,value', found '\(records.first?.fields.joined(separator: ",") ?? "")'")
        }
        var values = [Month: Double](), lineOf = [Month: Int]()
        for record in records.dropFirst() where !record.isBlank {
            let (fields, line) = (record.fields, record.line)
            guard fields.count == 2 else { throw fail(line, "expected 2 fields (month,value), found \(fields.count)") }
            guard fields[0].count == 7, let month = Month(fields[0]) else {
                throw fail(line, "expected a month YYYY-MM, found '\(fields[0])'")
            }
            guard let value = Double(fields[1]), value.isFinite else {
                throw fail(line, "expected a finite number, found '\(fields[1])'")
            }
            guard values.updateValue(value, forKey: month) == nil else {
                throw fail(line, "month \(month) appears twice (first on line \(lineOf[month]!))")
            }
            lineOf[month] = line
        }
        guard !values.isEmpty else { throw fail(1, "the file has no rows") }
        let sha = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        var covariate = MonthlyCovariate(name: name, path: path, values: values, sha256: sha)
        covariate.lines = lineOf
        return covariate
    }

    /// The first month of `periods` that lies between the file's first and last month but
    /// has no value: a hole in the series, which must not silently drop a month of spells.
    /// (Months before the first or after the last row are "no value": those spells are left
    /// out of the Cox model and counted.)
    public func gap(in periods: [MonthRange]) -> Month? {
        guard let covered = months else { return nil }
        for period in periods {
            for m in period.months where covered.contains(m) && values[m] == nil { return m }
        }
        return nil
    }

    /// Where a missing month would be: "between line a (month) and line b (month)".
    func place(of missing: Month) -> String {
        let before = values.keys.filter { $0 < missing }.max(), after = values.keys.filter { $0 > missing }.min()
        guard let before, let after else { return "" }
        return "between line \(lines[before] ?? 0) (\(before)) and line \(lines[after] ?? 0) (\(after))"
    }

    /// Whether `name` can be a Cox term: letters, digits and `_`, not a built-in term.
    static func problem(name: String, builtIn: [String]) -> String? {
        if name.isEmpty || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
            return "a term name is letters, digits and _ only"
        }
        if builtIn.contains(name) { return "\(name) is already a Cox term" }
        return nil
    }
}
