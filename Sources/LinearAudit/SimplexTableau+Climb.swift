extension SimplexTableau {
    enum Climb { case optimal, unbounded }

    /// Pivots towards a higher objective until none of the reduced `costs` (of the nonbasic
    /// unknowns) exceeds `tolerance`, or the objective's `value` reaches a `ceiling` known
    /// beforehand. Dantzig's rule (the largest cost enters), and Bland's
    /// (the first) after a pivot that did not move, until one does: Bland's rule cannot cycle,
    /// so a run of such pivots ends. After a very large number of pivots (never seen) it stops
    /// where it is: a feasible point, so a maximum found too low, which errs towards a
    /// narrower interval in the audit, not a wider one.
    mutating func climb(_ costs: inout [Double], _ value: inout Double, tolerance: Double, ceiling: Double = .infinity) -> Climb {
        var bland = false
        for _ in 0..<(50 * (rows + columns) + 1000) where value < ceiling - feasibilityTolerance {
            guard let q = entering(costs, tolerance: tolerance, bland: bland) else { return .optimal }
            guard let p = leaving(q, bland: bland) else { return .unbounded }
            bland = shifted[p] / entry(p, q) <= 1e-3 * shift
            pivot(p, q, &costs, &value)
        }
        return .optimal
    }

    /// The nonbasic unknown to enter: the largest reduced cost above `tolerance`, or under
    /// Bland's rule the first.
    private func entering(_ costs: [Double], tolerance: Double, bland: Bool) -> Int? {
        var best: Int?
        var bestCost = tolerance
        for j in 0..<columns where rowOf[j] < 0 && costs[j] > bestCost {
            if bland { return j }
            best = j
            bestCost = costs[j]
        }
        return best
    }

    /// The row to leave when `q` enters: the smallest ratio of shifted value to entry over the
    /// entries above the pivot tolerance; of equals, the largest entry (the stabler pivot), or
    /// under Bland's rule the unknown first in his order (artificials first, so phase 1 drives
    /// them out). Nil when there is none: the objective is unbounded.
    private func leaving(_ q: Int, bland: Bool) -> Int? {
        var best: Int?
        var bestRatio = Double.infinity
        for i in 0..<rows {
            let a = entry(i, q)
            guard a > Self.pivotTolerance else { continue }
            let ratio = shifted[i] / a
            let tie = (ratio - bestRatio).magnitude <= 1e-12 * max(1, ratio)
            if best == nil || (ratio < bestRatio && !tie) || (tie && preferred(i, over: best!, q, bland)) {
                best = i
                bestRatio = min(ratio, bestRatio)
            }
        }
        return best
    }

    private func preferred(_ row: Int, over other: Int, _ q: Int, _ bland: Bool) -> Bool {
        bland ? blandOrder(row) < blandOrder(other) : entry(row, q) > entry(other, q)
    }

    /// The basic unknown of a row in Bland's order: artificials before the real unknowns.
    private func blandOrder(_ row: Int) -> Int { isArtificial(row: row) ? basis[row] - columns - rows : basis[row] }
}
