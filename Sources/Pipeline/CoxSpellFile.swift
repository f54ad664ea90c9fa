import Foundation
import Statistics

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
        guard let bytes = FileManager.default.contents(atPath: path) else { throw ConfigurationError("\(path): cannot read the file") }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" })
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard let header = lines.first else { throw ConfigurationError("\(path): no header row") }
        let separator: Character = header.contains(";") ? ";" : ","
        func split(_ line: String) -> [String] {
            line.split(separator: separator, omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        let names = split(header)
        guard let timeCol = names.firstIndex(of: time) else { throw ConfigurationError("\(path): line 1: no column '\(time)' (--time)") }
        guard let eventCol = names.firstIndex(of: event) else { throw ConfigurationError("\(path): line 1: no column '\(event)' (--event)") }
        let countCol = names.firstIndex(of: "count")
        let covariateCols = names.indices.filter { $0 != timeCol && $0 != eventCol && $0 != countCol }
        for (column, _) in chosen where !covariateCols.contains(where: { names[$0] == column }) {
            throw ConfigurationError("--reference \(column)=…: no covariate column '\(column)'")
        }

        var rows = [[String]]()
        for (i, line) in lines.enumerated().dropFirst() {
            let f = split(line)
            guard f.count == names.count else { throw ConfigurationError("\(path): line \(i + 1): \(f.count) fields where the header has \(names.count)") }
            rowsRead += 1
            if f.contains(where: \.isEmpty) { rowsLeftOut += 1; continue }
            guard let t = Double(f[timeCol]), t >= 0 else { throw ConfigurationError("\(path): line \(i + 1): \(time) '\(f[timeCol])' is not a number ≥ 0") }
            guard f[eventCol] == "0" || f[eventCol] == "1" else { throw ConfigurationError("\(path): line \(i + 1): \(event) '\(f[eventCol])' is not 0 or 1") }
            if let c = countCol, Int(f[c]).map({ $0 < 0 }) ?? true {
                throw ConfigurationError("\(path): line \(i + 1): count '\(f[c])' is not a whole number ≥ 0")
            }
            _ = t
            rows.append(f)
        }

        // Each covariate column: numeric, or categorical with one term per non-reference value.
        var termNames = [String]()
        var encoders = [(String) -> [Double]]()
        for c in covariateCols {
            let column = names[c]
            let values = rows.map { $0[c] }
            if values.allSatisfy({ Double($0) != nil }) && chosen[column] == nil {
                termNames.append(column)
                encoders.append { [Double($0)!] }
            } else {
                let levels = Array(Set(values)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                let reference = chosen[column] ?? levels.first ?? ""
                if !levels.isEmpty && !levels.contains(reference) {
                    throw ConfigurationError("--reference \(column)=\(reference): the column has no value '\(reference)'")
                }
                references[column] = reference
                let others = levels.filter { $0 != reference }
                termNames += others.map { "\(column)_\($0)" }
                encoders.append { v in others.map { $0 == v ? 1 : 0 } }
            }
        }
        var data = CoxData(names: termNames)
        for f in rows {
            data.add(time: Double(f[timeCol])!, event: f[eventCol] == "1", count: countCol.map { Int(f[$0])! } ?? 1,
                     covariates: zip(covariateCols, encoders).flatMap { $1(f[$0]) })
        }
        self.data = data
    }
}
