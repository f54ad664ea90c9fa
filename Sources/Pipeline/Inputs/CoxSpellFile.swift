import Foundation
import Statistics
import Catalogue

/// A CSV of spells for `overgang cox`: a time and an event column, an optional `count`, and
/// every other column a covariate: numeric if all its values are numbers, else categorical
/// with its first value in sorted (byte) order as reference (or the one chosen), one term
/// per other value named `<column>_<value>`. Rows with an empty field are left out and counted.
public struct CoxSpellFile {
    public var data: CoxData
    public var rowsRead = 0
    public var rowsLeftOut = 0
    /// Categorical columns and their reference values.
    public var references: [String: String] = [:]

    public init(path: String, time: String, event: String, references chosen: [String: String] = [:]) throws {
        let records = try SpellFileText.records(path).filter { !$0.isBlank }
        guard let header = records.first else { throw SpellFileError(file: path, line: 1, "no header row") }
        let names = header.fields
        guard let timeCol = names.firstIndex(of: time) else { throw ConfigurationError("\(path): line \(header.line): no column '\(time)' (--time)", key: "--time") }
        guard let eventCol = names.firstIndex(of: event) else { throw ConfigurationError("\(path): line \(header.line): no column '\(event)' (--event)", key: "--event") }
        let countCol = names.firstIndex(of: "count")
        let covariateCols = names.indices.filter { $0 != timeCol && $0 != eventCol && $0 != countCol }
        for (column, _) in chosen where !covariateCols.contains(where: { names[$0] == column }) {
            throw ConfigurationError("--reference \(column)=…: no covariate column '\(column)'")
        }

        var rows = [[String]]()
        var lineOf = [Int]()   // each kept row's line in the file
        for record in records.dropFirst() {
            let f = record.fields
            func bad(_ column: String?, _ problem: String) -> SpellFileError { SpellFileError(file: path, line: record.line, column: column, problem) }
            guard f.count == names.count else { throw bad(nil, "\(f.count) fields where the header has \(names.count)") }
            rowsRead += 1
            if f.contains(where: \.isEmpty) { rowsLeftOut += 1; continue }
            guard let t = Double(f[timeCol]), t.isFinite, t >= 0 else {
                throw bad(time, "\(time): '\(f[timeCol])' is not a finite number ≥ 0")
            }
            guard f[eventCol] == "0" || f[eventCol] == "1" else { throw bad(event, "\(event) '\(f[eventCol])' is not 0 or 1") }
            if let c = countCol, Int(f[c]).map({ $0 < 0 }) ?? true {
                throw bad("count", "count '\(f[c])' is not a whole number ≥ 0")
            }
            rows.append(f)
            lineOf.append(record.line)
        }

        var termNames = [String]()
        var encoders = [(String) -> [Double]]()
        for c in covariateCols {
            let term = try Self.covariate(names[c], values: rows.map { $0[c] }, reference: chosen[names[c]], path: path, lines: lineOf)
            references[names[c]] = term.reference
            termNames += term.names
            encoders.append(term.encode)
        }
        var data = CoxData(names: termNames)
        for f in rows {
            data.add(time: Double(f[timeCol])!, event: f[eventCol] == "1", count: countCol.map { Int(f[$0])! } ?? 1,
                     covariates: zip(covariateCols, encoders).flatMap { $1(f[$0]) })
        }
        self.data = data
    }

    /// One covariate column's terms: numeric (one term, every value finite), or categorical
    /// with one term per value other than the reference (`reference`, else the first value in
    /// byte order), named `<column>_<value>`.
    private static func covariate(_ column: String, values: [String], reference chosen: String?, path: String, lines: [Int])
        throws -> (names: [String], encode: (String) -> [Double], reference: String?) {
        if values.allSatisfy({ Double($0) != nil }) && chosen == nil {
            // A numeric column: `inf`, `nan` or `1e999` would poison every sum of the fit.
            if let r = values.firstIndex(where: { !Double($0)!.isFinite }) {
                throw SpellFileError(file: path, line: lines[r], column: column, "\(column): '\(values[r])' is not a finite number")
            }
            return ([column], { [Double($0)!] }, nil)
        }
        let levels = Array(Set(values)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let reference = chosen ?? levels.first ?? ""
        if !levels.isEmpty && !levels.contains(reference) {
            throw ConfigurationError("--reference \(column)=\(reference): the column has no value '\(reference)'")
        }
        let others = levels.filter { $0 != reference }
        return (others.map { "\(column)_\($0)" }, { v in others.map { $0 == v ? 1 : 0 } }, reference)
    }
}
