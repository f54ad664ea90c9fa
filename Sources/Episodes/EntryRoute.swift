import Extracts
import Panel

/// The route by which a person enters the unit's target group (definitions.md §7a); the
/// routes are disjoint.
public enum EntryRoute: String, CaseIterable, Sendable {
    /// No row in m−1 nor in m−2: a new registration.
    case new
    /// `innsatsgruppe` IVURD in m−1: from assessment.
    case assessment
    /// `innsatsgruppe` VURDI or VURDU in m−1: from sick leave.
    case sickLeave = "sick_leave"
}

extension TargetGroup {
    /// The route of an entry in panel month `m`; nil when the person does not enter then
    /// (ARBS with standard needs and the age in range in m, and one of the routes; m ≥ 2).
    @inline(__always)
    public func route(_ panel: Panel, _ person: Int, _ m: Int) -> EntryRoute? {
        guard m >= 2 else { return nil }
        let row = panel.row(person, m)
        guard row.statusCode == Hovedstatus.arbs.rawValue, row.innsatsCode == Innsatsgruppe.ikval.rawValue,
              Int(row.alder) >= minAge, Int(row.alder) <= maxAge else { return nil }
        let before = panel.row(person, m - 1)
        if !before.hasRow { return panel.row(person, m - 2).hasRow ? nil : .new }
        switch before.innsatsCode {
        case Innsatsgruppe.ivurd.rawValue: return .assessment
        case Innsatsgruppe.vurdi.rawValue, Innsatsgruppe.vurdu.rawValue: return .sickLeave
        default: return nil
        }
    }
}
