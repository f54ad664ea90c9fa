import Extracts
import Statistics

/// A before/after comparison of exits (definitions.md §4): a baseline and a comparison range
/// of exit months, optionally treatment and control offices and office pairs.
public struct Comparison: Sendable, Equatable {
    /// Which exits a comparison looks at: an empty list means no restriction.
    public typealias Filter = ExitFilter

    public var name: String
    public var baseline: MonthRange
    public var comparison: MonthRange
    public var filter: Filter
    /// Treatment and control offices (`enhet`, 4 digits); both empty: all exits, unit `all`.
    public var treatment: [String]
    public var control: [String]
    /// (treatment office, control office) pairs, each reported as its own unit.
    public var pairs: [(treatment: String, control: String)]
    public var se: DiDStandardError
    /// `filters`: per group and period, keys that replace those of `filter` (an extension of
    /// interface.md, for trials whose measure code exists only in one group and period).
    public var filterOverrides: [FilterCell: FilterOverride] = [:]
    /// `marks`: the symbols of `comparisons.csv`'s `mark` column (none: the column is empty).
    public var marks = SignificanceMarks()

    public init(name: String, baseline: MonthRange, comparison: MonthRange, filter: Filter = Filter(),
                treatment: [String] = [], control: [String] = [], pairs: [(treatment: String, control: String)] = [],
                se: DiDStandardError = .binomial) {
        self.name = name
        self.baseline = baseline
        self.comparison = comparison
        self.filter = filter
        self.treatment = treatment
        self.control = control
        self.pairs = pairs
        self.se = se
    }

    public var hasGroups: Bool { !treatment.isEmpty }

    public static func == (a: Comparison, b: Comparison) -> Bool {
        a.name == b.name && a.baseline == b.baseline && a.comparison == b.comparison && a.filter == b.filter
            && a.treatment == b.treatment && a.control == b.control && a.se == b.se
            && a.pairs.map { [$0.treatment, $0.control] } == b.pairs.map { [$0.treatment, $0.control] }
            && a.filterOverrides == b.filterOverrides && a.marks == b.marks
    }

    /// Checks what can be checked before any extract is read; returns the problem, if any.
    public func problem() -> String? {
        if baseline.overlaps(comparison) {
            return "the baseline \(baseline) and the comparison \(comparison) overlap"
        }
        for office in treatment + control + filter.enhet + filterOverrides.values.flatMap({ $0.enhet ?? [] })
        where !Comparison.isOffice(office) {
            return "'\(office)' is not a 4-digit enhet"
        }
        if let problem = filterOverridesProblem() { return problem }
        if let problem = marks.problem() { return "marks: \(problem)" }
        if treatment.isEmpty != control.isEmpty {
            return "treatment and control go together: name offices for both or for neither"
        }
        // An office listed twice would have its exits counted twice (and the SE shrunk).
        for (name, group) in [("treatment", treatment), ("control", control)] {
            var listed = Set<String>()
            if let twice = group.first(where: { !listed.insert($0).inserted }) {
                return "office \(twice) is listed twice in the \(name) group"
            }
        }
        if let both = treatment.first(where: { control.contains($0) }) {
            return "office \(both) is in both the treatment and the control group"
        }
        if !pairs.isEmpty && treatment.isEmpty { return "pairs need treatment and control offices" }
        var seen = Set<String>()
        for pair in pairs {
            if !treatment.contains(pair.treatment) {
                return "the pair [\(pair.treatment), \(pair.control)] names \(pair.treatment), which is not a treatment office"
            }
            if !control.contains(pair.control) {
                return "the pair [\(pair.treatment), \(pair.control)] names \(pair.control), which is not a control office"
            }
            if !seen.insert(pair.treatment).inserted {
                return "treatment office \(pair.treatment) is in two pairs (each pair is a row named by its treatment office)"
            }
        }
        return nil
    }

    /// Whether `s` is a 4-digit `enhet`.
    public static func isOffice(_ s: String) -> Bool { s.count == 4 && s.allSatisfy { $0.isASCII && $0.isNumber } }
}
