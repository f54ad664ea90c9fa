import Foundation
import Tables
import Catalogue

/// The results a person at the terminal looks for first, read from the published tables, so
/// a small-cell limit blanks here what it blanks there (printed `:`): the share of exits in
/// work, and each comparison's difference-in-differences in that share with its 95 % interval
/// (a comparison without groups: its two periods' shares).
public struct Headline: Sendable {
    /// The outcome class and comparison measure the headline is about.
    static let measure = "work"

    /// The exits in `exit_cohorts.csv`; nil when a count it sums is blanked (the total would
    /// give the blanked cell away).
    public var exits: Int??
    /// The share (0-100) of those exits in work at the horizon; nil as `exits`.
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
        if let cohorts = tables.first(where: { $0.isFile(of: .exitCohorts) }) {
            let counts = Self.counts(cohorts)
            exits = .some(counts?.all)
            if let counts, let work = counts.work { workShare = .some(counts.all > 0 ? 100 * Double(work) / Double(counts.all) : nil) }
            else if counts == nil { workShare = .some(nil) }
        }
        if let table = tables.first(where: { $0.isFile(of: .comparisons) }) { comparisons = Self.comparisons(table) }
    }

    /// All exits and those in work (nil: no `work` class) in the cohort table; nil when a
    /// count is blank.
    static func counts(_ t: CSVTable) -> (all: Int, work: Int?)? {
        guard let outcome = t.column(.outcome), let count = t.column(.count) else { return nil }
        var work: Int?, all = 0
        for row in t.rows {
            guard let n = row[count].intValue else { return nil }
            all += n
            if row[outcome].textValue == measure { work = (work ?? 0) + n }
        }
        return (all, work)
    }

    static func comparisons(_ t: CSVTable) -> [Comparison] {
        guard let name = t.column(.comparison), let unit = t.column(.unit), let measure = t.column(.measure) else { return [] }
        func value(_ row: [CSVTable.Cell], _ column: Column) -> Double? { t.cell(row, column)?.doubleValue }
        return t.rows.compactMap { row in
            guard row[measure].textValue == Self.measure else { return nil }
            let shares = (value(row, .share("treatment", "baseline")), value(row, .share("treatment", "comparison")))
            switch row[unit].textValue {
            case "total":
                return Comparison(name: row[name].textValue, did: (value(row, .didPP), value(row, .ciLowPP), value(row, .ciHighPP)),
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
