/// Filters that differ by group and period (`filters` of a comparison; extends interface.md).
///
/// The trial offices' exits in the trial period come from a measure code that did not exist
/// before (KIN), so the same `filter` cannot select the exits of all four cells. `filter`
/// stays the default; `filters.<group>.<period>` replaces some of its keys for one cell:
///
///     "filter":  { "tiltak": ["ARBTREN"] },
///     "filters": { "treatment": { "comparison": { "tiltak": ["KIN"] } } }
///
/// Groups are `treatment` and `control` (comparisons with groups) or `all` (without);
/// periods `baseline` and `comparison`; a key left out (`tiltak`, `enhet`) keeps the value
/// of `filter`, and an empty list means no restriction, as in `filter`.
extension Comparison {
    public enum Group: String, CaseIterable, Sendable {
        case treatment, control, all
    }

    public enum Period: String, CaseIterable, Sendable {
        case baseline, comparison
    }

    /// One group in one period.
    public struct FilterCell: Hashable, Sendable {
        public var group: Group
        public var period: Period
        public init(_ group: Group, _ period: Period) {
            self.group = group
            self.period = period
        }
    }

    /// The keys an override replaces (nil: inherited from `filter`).
    public struct FilterOverride: Sendable, Equatable {
        public var tiltak: [String]?
        public var enhet: [String]?
        public init(tiltak: [String]? = nil, enhet: [String]? = nil) {
            self.tiltak = tiltak
            self.enhet = enhet
        }
    }

    /// The filter of one group in one period: `filter` with the cell's override applied.
    public func filter(_ group: Group, _ period: Period) -> Filter {
        var f = filter
        if let o = filterOverrides[FilterCell(group, period)] {
            f.tiltak = o.tiltak ?? f.tiltak
            f.enhet = o.enhet ?? f.enhet
        }
        return f
    }

    /// The groups a comparison's cells belong to.
    public var groups: [Group] { hasGroups ? [.treatment, .control] : [.all] }

    func filterOverridesProblem() -> String? {
        for (cell, o) in filterOverrides.sorted(by: { ($0.key.group.rawValue, $0.key.period.rawValue) < ($1.key.group.rawValue, $1.key.period.rawValue) }) {
            if !groups.contains(cell.group) {
                return hasGroups
                    ? "filters.\(cell.group.rawValue): a comparison with treatment and control has the groups treatment and control"
                    : "filters.\(cell.group.rawValue): a comparison without treatment and control has the one group all"
            }
            if o.tiltak == nil && o.enhet == nil {
                return "filters.\(cell.group.rawValue).\(cell.period.rawValue): names neither tiltak nor enhet (it would change nothing)"
            }
        }
        return nil
    }
}
