import Disclosure

extension Comparison {
    /// The comparison as a plain sum of exit-table months, if it has no groups and counts every
    /// exit of its periods (no filter in any cell).
    public var plain: PlainComparison? {
        guard treatment.isEmpty, control.isEmpty else { return nil }
        for period in [Period.baseline, .comparison] {
            guard filter(.all, period).isEmpty else { return nil }
        }
        return PlainComparison(name: name, periods: [.init("baseline", from: baseline.from.description, to: baseline.to.description),
                                                     .init("comparison", from: comparison.from.description, to: comparison.to.description)])
    }
}
