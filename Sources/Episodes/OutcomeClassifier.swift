import Extracts
import Panel

/// `OutcomeCategories` compiled for one panel into small integer tests, since the status of
/// every exit at national scale goes through them.
public struct OutcomeClassifier: Sendable {
    struct Test: Sendable {
        /// 0: any; 1: employed; 2: not employed.
        var employed: UInt8
        /// `Benefit` mask of which one must be received, when `checksBenefits` (an empty
        /// list never holds).
        var benefits: UInt8
        var checksBenefits: Bool
        /// `Hovedstatus` bits of which the row must have one, when `checksStatus`.
        var statuses: UInt8
        var checksStatus: Bool
        /// Which tiltak ids count (index: id), when there is a measure condition.
        var measures: [Bool]?
        var category: UInt8
    }

    let tests: [Test]

    /// `registeredMask`: the statuses that count as registered (`ExitRules.registeredMask`);
    /// a `registered` condition holds only for those.
    public init(_ categories: OutcomeCategories, registeredMask: UInt8, panel: Panel) {
        tests = categories.rules.map { rule in
            let category = UInt8(categories.names.firstIndex(of: rule.category)!)
            let measures = rule.measures.map(panel.measureSet)
            return Test(employed: rule.employed.map { $0 ? 1 : 2 } ?? 0,
                        benefits: rule.benefits.map { Benefit.mask($0) } ?? 0, checksBenefits: rule.benefits != nil,
                        statuses: (rule.registered ?? []).reduce(0) { $0 | (1 << $1.rawValue) } & registeredMask,
                        checksStatus: rule.registered != nil, measures: measures, category: category)
        }
    }

    /// The category of a status month with these fact bits (`Panel.fact`) and Arena row
    /// (`ArenaRow.none` without one). The configuration ends the list with a rule for everyone.
    @inline(__always) public func category(fact: UInt8, row: ArenaRow) -> UInt8 {
        let employed: UInt8 = fact & Panel.employedBit != 0 ? 1 : 2
        for t in tests {
            if t.employed != 0 && t.employed != employed { continue }
            if t.checksBenefits && fact & t.benefits == 0 { continue }
            if t.checksStatus && t.statuses & (1 << row.statusCode) == 0 { continue }
            if let m = t.measures, row.tiltak == 0 || !m[Int(row.tiltak)] { continue }
            return t.category
        }
        return tests.last?.category ?? 0
    }
}
