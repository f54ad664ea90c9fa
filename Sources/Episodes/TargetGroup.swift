import Extracts
import Panel

/// The national follow-up unit's target group (definitions.md §5): who enters it, when.
public struct TargetGroup: Sendable, Equatable {
    /// The unit (`noe.unit`), as the number of its 4-digit `enhet`.
    public var unit: UInt16
    public var minAge: Int
    public var maxAge: Int

    public init(unit: UInt16 = 4154, minAge: Int = 30, maxAge: Int = 59) {
        self.unit = unit
        self.minAge = minAge
        self.maxAge = maxAge
    }

    /// Whether `person` enters the target group in panel month `m` (by any route).
    @inline(__always)
    public func enters(_ panel: Panel, _ person: Int, _ m: Int) -> Bool {
        route(panel, person, m) != nil
    }
}

/// One entry into the target group; it starts a spell.
public struct Entry: Sendable, Equatable {
    public var person: UInt32
    /// Panel month of entry m.
    public var month: UInt16
    /// Whether the row in m has the unit's `enhet`.
    public var atUnit: Bool
    /// How the person entered.
    public var route: EntryRoute
}

/// The events a spell is followed for (definitions.md §5).
public enum SpellEvent: String, CaseIterable, Sendable {
    case deregistered, transferred, job, measure, situational
}

/// Follows spells month by month from entry and gives each its duration and end (§5).
public struct SpellRules: Sendable {
    public var group: TargetGroup
    /// Statuses that count as registered (`exit.statuses`).
    public var registered: [Hovedstatus]
    /// Needs groups that make the `situational` event.
    public var situationalGroups: [Innsatsgruppe]
    public var maxMonths: Int

    public init(group: TargetGroup = TargetGroup(), registered: [Hovedstatus] = [.arbs, .neds],
                situationalGroups: [Innsatsgruppe] = [.bform, .batt, .varig], maxMonths: Int = 12) {
        self.group = group
        self.registered = registered
        self.situationalGroups = situationalGroups
        self.maxMonths = maxMonths
    }

    /// All entries in panel months `months`, by person then month.
    public func entries(in panel: Panel, months: Range<Int>) -> [Entry] {
        var out = [Entry]()
        for p in 0..<panel.personCount {
            // An entry has a row in its month: only the person's rows are looked at.
            for i in panel.rows(of: p) {
                let m = Int(panel.rowMonths[i])
                if months.contains(m), let route = group.route(panel, p, m) {
                    out.append(Entry(person: UInt32(p), month: UInt16(m), atUnit: panel.rowCells[i].enhet == group.unit, route: route))
                }
            }
        }
        return out
    }

    /// What is seen at a snapshot: the event (1), a competing end (2), or neither (0).
    enum Seen { case nothing, event, competing }

    /// (T, D) of the spell for `event`; nil when the entry is not in the event's population.
    public func duration(_ entry: Entry, _ event: SpellEvent, in panel: Panel) -> (time: Int, event: Bool)? {
        if event == .transferred && !entry.atUnit { return nil }
        let p = Int(entry.person), m = Int(entry.month)
        let registeredMask = registered.reduce(UInt8(0)) { $0 | (1 << $1.rawValue) }
        let situational = situationalGroups.reduce(UInt16(0)) { $0 | (1 << UInt16($1.rawValue)) }
        let last = min(maxMonths, panel.monthCount - 1 - m)
        guard last >= 1 else { return (0, false) }
        var walk = PersonMonths(panel, person: p, from: m + 1)
        for k in 1...last {
            let row = walk.row(m + k)
            let isRegistered = registeredMask & (1 << row.statusCode) != 0
            let seen: Seen
            switch event {
            case .deregistered:
                seen = isRegistered ? .nothing : .event
            case .transferred:
                seen = !isRegistered ? .competing : (row.enhet != group.unit ? .event : .nothing)
            case .job:
                seen = !isRegistered && walk.fact(m + k) & Panel.employedBit != 0 ? .event : .nothing
            case .measure:
                seen = !isRegistered ? .competing : (row.tiltak != 0 ? .event : .nothing)
            case .situational:
                seen = !isRegistered ? .competing : (situational & (1 << UInt16(row.innsatsCode)) != 0 ? .event : .nothing)
            }
            switch seen {
            case .event: return (k, true)
            case .competing: return (k, false)
            case .nothing: continue
            }
        }
        return (last, false)
    }

    /// How a spell at the unit ends, for the cumulative incidence of the competing ends:
    /// (T, 1) transferred, (T, 2) deregistered, (T, 0) still at the unit when observation stops.
    public func unitEnd(_ entry: Entry, in panel: Panel) -> (time: Int, cause: Int) {
        let p = Int(entry.person), m = Int(entry.month)
        let registeredMask = registered.reduce(UInt8(0)) { $0 | (1 << $1.rawValue) }
        let last = min(maxMonths, panel.monthCount - 1 - m)
        guard last >= 1 else { return (0, 0) }
        var walk = PersonMonths(panel, person: p, from: m + 1)
        for k in 1...last {
            let row = walk.row(m + k)
            if registeredMask & (1 << row.statusCode) == 0 { return (k, 2) }
            if row.enhet != group.unit { return (k, 1) }
        }
        return (last, 0)
    }
}
