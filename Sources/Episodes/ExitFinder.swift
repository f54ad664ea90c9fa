import Extracts
import Panel

/// Finds exits by the 60-day rule and reads their status after exit (§1, §1b, §2, §7c).
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
        let categories = outcome.effectiveCategories
        let scanner = Scanner(rules: rules, horizon: outcome.horizonMonths, panel: panel,
                              classifier: OutcomeClassifier(categories, registeredMask: rules.registeredMask, panel: panel))
        // Persons split in blocks, one per core; each block's exits stay in person order.
        let blocks = max(1, min(8, panel.personCount / 50_000 + 1))
        let parts: [ExitSet] = (try! parallelMap(blocks) { (b: Int) -> ExitSet in
            let lo = panel.personCount * b / blocks, hi = panel.personCount * (b + 1) / blocks
            return scanner.scan(persons: lo..<hi, firstMonth: firstMonth)
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
                       completeMonths: complete, categories: categories)
    }

    /// The scan of one block of persons, with the rules compiled for the panel.
    private struct Scanner {
        let quiet: Int, lookback: Int, horizon: Int
        let panel: Panel
        let stay: StayRule
        let classifier: OutcomeClassifier

        init(rules: ExitRules, horizon: Int, panel: Panel, classifier: OutcomeClassifier) {
            quiet = rules.quietMonths
            lookback = rules.nedsLookbackMonths
            self.horizon = horizon
            self.panel = panel
            stay = StayRule(rules, panel: panel)
            self.classifier = classifier
        }

        func scan(persons: Range<Int>, firstMonth: Int) -> ExitSet {
            let months = panel.monthCount
            var out = ExitSet(exits: [], pendingDecision: 0, pendingOutcome: 0, completeMonths: 0..<0)
            let rowMonths = panel.rowMonths, rowCells = panel.rowCells
            for p in persons {
                // Only the person's rows are looked at: an exit month has one, and so has any
                // month that continues it or makes it NEDS.
                let rows = panel.rows(of: p)
                for i in rows where Int(rowMonths[i]) >= firstMonth && stay.qualifies(rowCells[i]) {
                    let m = Int(rowMonths[i])
                    if isContinued(i, in: rows) { continue }
                    if m + quiet >= months {
                        out.pendingDecision += 1
                    } else if m + horizon >= months {
                        out.pendingOutcome += 1
                    } else {
                        out.exits.append(Exit(person: UInt32(p), month: UInt16(m), statusCode: exitStatus(i, in: rows),
                                              outcome: category(p, m + horizon, after: i, in: rows)))
                    }
                }
            }
            return out
        }

        /// Whether a row within the quiet months continues row `i`'s state.
        @inline(__always) private func isContinued(_ i: Int, in rows: Range<Int>) -> Bool {
            let m = Int(panel.rowMonths[i])
            var j = i + 1
            while j < rows.upperBound && Int(panel.rowMonths[j]) <= m + quiet {
                if stay.continues(panel.rowCells[j], from: panel.rowCells[i]) { return true }
                j += 1
            }
            return false
        }

        /// Exit status: ARBS with NEDS in the look-back months counts as NEDS.
        @inline(__always) private func exitStatus(_ i: Int, in rows: Range<Int>) -> UInt8 {
            let status = panel.rowCells[i].statusCode, neds = Hovedstatus.neds.rawValue
            guard status == Hovedstatus.arbs.rawValue && lookback > 0 else { return status }
            let m = Int(panel.rowMonths[i])
            var k = i - 1
            while k >= rows.lowerBound && Int(panel.rowMonths[k]) >= m - lookback {
                if panel.rowCells[k].statusCode == neds { return neds }
                k -= 1
            }
            return status
        }

        /// The category at the end of month t (after the exit row `i`).
        @inline(__always) private func category(_ p: Int, _ t: Int, after i: Int, in rows: Range<Int>) -> UInt8 {
            let row = Panel.find(t, in: i..<rows.upperBound, of: panel.rowMonths).map { panel.rowCells[$0] } ?? .none
            return classifier.category(fact: panel.fact(p, t), row: row)
        }
    }
}
