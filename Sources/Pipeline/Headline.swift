import Foundation
import Tables

/// The results a person at the terminal looks for first, read from the published tables, so
/// a small-cell limit blanks here what it blanks there (printed `:`): the share of exits in
/// work, and each comparison's difference-in-differences in that share with its 95 % interval
/// (a comparison without groups: its two periods' shares).
public struct Headline: Sendable {
    /// The outcome class and comparison measure the headline is about.
    static let measure = "work"

    /// The share (0-100) of all exits in the tables in work at the horizon; nil when a count
    /// it sums is blanked (the total would give the blanked cell away).
    public var workShare: Double??
    public var horizonMonths: Int
    public var comparisons: [Comparison] = []

    public struct Comparison: Sendable {
        public var name: String
        /// With groups: the DiD in percentage points and its interval; nil figures are blank.
        public var did: (estimate: Double?, low: Double?, high: Double?)?
        /// Without groups: the share in work in the baseline and the comparison period.
        public var shares: (baseline: Double?, comparison: Double?)
    }

    /// From the published (suppressed) tables; nil parts when a table is not there.
    init(tables: [CSVTable], horizonMonths: Int) {
        self.horizonMonths = horizonMonths
        if let cohorts = tables.first(where: { $0.name == "exit_cohorts.csv" }) { workShare = Self.workShare(cohorts) }
        if let table = tables.first(where: { $0.name == "comparisons.csv" }) { comparisons = Self.comparisons(table) }
    }

    static func workShare(_ t: CSVTable) -> Double?? {
        guard let outcome = t.column("outcome"), let count = t.column("count"),
              t.rows.contains(where: { $0[outcome].textValue == measure }) else { return nil }
        var work = 0, all = 0
        for row in t.rows {
            guard let n = row[count].intValue else { return .some(nil) }
            all += n
            if row[outcome].textValue == measure { work += n }
        }
        return .some(all > 0 ? 100 * Double(work) / Double(all) : nil)
    }

    static func comparisons(_ t: CSVTable) -> [Comparison] {
        let c = Dictionary(uniqueKeysWithValues: t.header.enumerated().map { ($1, $0) })
        guard let name = c["comparison"], let unit = c["unit"], let measure = c["measure"] else { return [] }
        func value(_ row: [CSVTable.Cell], _ column: String) -> Double? { c[column].flatMap { row[$0].doubleValue } }
        return t.rows.compactMap { row in
            guard row[measure].textValue == Self.measure else { return nil }
            let shares = (value(row, "treatment_baseline_pct"), value(row, "treatment_comparison_pct"))
            switch row[unit].textValue {
            case "total":
                return Comparison(name: row[name].textValue, did: (value(row, "did_pp"), value(row, "ci_low_pp"), value(row, "ci_high_pp")),
                                  shares: shares)
            case "all":
                return Comparison(name: row[name].textValue, did: nil, shares: shares)
            default:
                return nil
            }
        }
    }

    /// The lines of the terminal summary (English, as the rest of it).
    var lines: [String] {
        var out = [String]()
        func pct(_ x: Double?) -> String { x.map { String(format: "%.1f %%", $0) } ?? ":" }
        func pp(_ x: Double?) -> String { x.map { String(format: "%+.1f", $0) } ?? ":" }
        if let workShare {
            out.append("  in work         \(pct(workShare)) of these exits, \(horizonMonths) months after exit")
        }
        for c in comparisons {
            let label = "  " + c.name.padding(toLength: max(15, c.name.count), withPad: " ", startingAt: 0) + " "
            if let did = c.did, let estimate = did.estimate {
                out.append(label + "in work: DiD \(pp(estimate)) pp (95 % CI \(pp(did.low)) to \(pp(did.high)))")
            } else if c.did != nil {
                out.append(label + "in work: DiD :")
            } else {
                out.append(label + "in work: \(pct(c.shares.baseline)) baseline, \(pct(c.shares.comparison)) comparison")
            }
        }
        return out
    }
}
