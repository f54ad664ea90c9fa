import Extracts
import Panel

/// Finds exits by the 60-day rule and reads their status after exit (§1, §1b, §2).
public struct ExitFinder: Sendable {
    public let rules: ExitRules
    public let outcome: OutcomeRules

    public init(rules: ExitRules, outcome: OutcomeRules) {
        precondition(rules.quietMonths >= 1 && outcome.horizonMonths >= 0 && rules.nedsLookbackMonths >= 0)
        self.rules = rules
        self.outcome = outcome
    }

    /// Finds the exits of months `firstMonth` and later; earlier panel months are context
    /// (read only so that the NEDS look-back sees the months before the analysed range).
    public func find(in panel: Panel, firstMonth: Int = 0) -> ExitSet {
        let months = panel.monthCount
        let lastComplete = months - 1 - max(rules.quietMonths, outcome.horizonMonths)
        let complete = firstMonth..<max(firstMonth, lastComplete + 1)
        // Persons split in blocks, one per core; each block's exits stay in person order.
        let blocks = max(1, min(8, panel.personCount / 50_000 + 1))
        let parts: [ExitSet] = (try! parallelMap(blocks) { (b: Int) -> ExitSet in
            let lo = panel.personCount * b / blocks, hi = panel.personCount * (b + 1) / blocks
            return scan(panel, persons: lo..<hi, firstMonth: firstMonth)
        })
        var exits = [Exit]()
        exits.reserveCapacity(parts.reduce(0) { $0 + $1.exits.count })
        var pendingDecision = 0, pendingOutcome = 0
        for part in parts {
            exits.append(contentsOf: part.exits)
            pendingDecision += part.pendingDecision
            pendingOutcome += part.pendingOutcome
        }
        return ExitSet(exits: exits, pendingDecision: pendingDecision, pendingOutcome: pendingOutcome,
                       completeMonths: complete)
    }

    private func scan(_ panel: Panel, persons: Range<Int>, firstMonth: Int) -> ExitSet {
        let months = panel.monthCount
        let registered = rules.registeredMask
        let quiet = rules.quietMonths, lookback = rules.nedsLookbackMonths, horizon = outcome.horizonMonths
        let workMask = Benefit.mask(outcome.workBenefits)
        let disabilityMask = Benefit.mask(outcome.disability)
        let oldAgeMask = Benefit.mask(outcome.oldAge)
        let arbs = Hovedstatus.arbs.rawValue, neds = Hovedstatus.neds.rawValue

        let stay = StayRule(rules, panel: panel)

        var out = ExitSet(exits: [], pendingDecision: 0, pendingOutcome: 0, completeMonths: 0..<0)
        let rowMonths = panel.rowMonths, rowCells = panel.rowCells
        @inline(__always) func isRegistered(_ row: ArenaRow) -> Bool { registered & (1 << row.statusCode) != 0 }
        for p in persons {
            // Only the person's rows are looked at: an exit month has one, and so has any
            // month that continues it or makes it NEDS.
            let rows = panel.rows(of: p)
            for i in rows where Int(rowMonths[i]) >= firstMonth && stay.qualifies(rowCells[i]) {
                let m = Int(rowMonths[i])
                var j = i + 1, continued = false
                while j < rows.upperBound && Int(rowMonths[j]) <= m + quiet {
                    if stay.continues(rowCells[j]) { continued = true; break }
                    j += 1
                }
                if continued { continue }
                if m + quiet >= months {
                    out.pendingDecision += 1
                    continue
                }
                let t = m + horizon
                if t >= months {
                    out.pendingOutcome += 1
                    continue
                }
                // Exit status: ARBS with NEDS in the look-back months counts as NEDS.
                var status = rowCells[i].statusCode
                if status == arbs && lookback > 0 {
                    var k = i - 1
                    while k >= rows.lowerBound && Int(rowMonths[k]) >= m - lookback {
                        if rowCells[k].statusCode == neds { status = neds; break }
                        k -= 1
                    }
                }
                // Status at the end of m + horizon, first rule that holds.
                let after = Panel.find(t, in: i..<rows.upperBound, of: rowMonths).map { rowCells[$0] } ?? .none
                let fact = panel.fact(p, t)
                let benefits = fact & ~Panel.employedBit
                let result: DetailedStatus
                if fact & Panel.employedBit != 0 {
                    result = benefits & workMask != 0 ? .workBenefit : .workOnly
                } else if isRegistered(after) && after.statusCode == arbs {
                    result = .jobSeeker
                } else if isRegistered(after) && after.statusCode == neds {
                    result = .reducedCapacity
                } else if benefits & disabilityMask != 0 {
                    result = .disability
                } else if benefits & oldAgeMask != 0 {
                    result = .oldAge
                } else {
                    result = .other
                }
                out.exits.append(Exit(person: UInt32(p), month: UInt16(m), statusCode: status, outcome: result))
            }
        }
        return out
    }
}
