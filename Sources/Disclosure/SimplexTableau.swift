/// The dense simplex tableau of A x = b, x >= 0 for one basis B: B⁻¹A, and B⁻¹b (the basic
/// unknowns' values, each >= 0). Rows are expected scaled so that their largest coefficient
/// is 1, which makes the fixed tolerances below relative to the data.
struct SimplexTableau: Sendable {
    /// Equations left (redundant ones are removed after phase 1) and unknowns.
    private(set) var rows: Int
    let columns: Int
    /// B⁻¹A, row by row.
    private(set) var entries: [Double]
    /// B⁻¹b.
    private(set) var values: [Double]
    /// The unknown basic in each row; `columns + i` for the artificial unknown of row i, which
    /// phase 1 starts from and which, once it has left, is never let back in.
    private(set) var basis: [Int]
    /// The row where each unknown is basic, -1 when it is not.
    private(set) var rowOf: [Int]
    /// A pivot element smaller than this is taken as 0.
    static let pivotTolerance = 1e-9
    /// A value smaller than this is taken as 0 (a degenerate pivot, a consistent row).
    let feasibilityTolerance: Double

    /// Phase 1's start: every row's artificial unknown basic at b's value (b >= 0), but where
    /// an unknown is in that row alone with a positive coefficient (a slack), that unknown.
    init(scaledRows: [[Double]], constants: [Double], columns: Int) {
        rows = scaledRows.count
        self.columns = columns
        entries = scaledRows.flatMap { $0 }
        values = constants
        basis = (0..<rows).map { columns + $0 }
        rowOf = Array(repeating: -1, count: columns)
        feasibilityTolerance = 1e-9 * max(1, constants.max() ?? 0)
        for j in 0..<columns { startAsSlack(j) }
    }

    private mutating func startAsSlack(_ j: Int) {
        let rowsIn = (0..<rows).filter { entry($0, j) != 0 }
        guard rowsIn.count == 1, let i = rowsIn.first, isArtificial(row: i), entry(i, j) > Self.pivotTolerance else { return }
        let a = entry(i, j)
        for k in 0..<columns { entries[i * columns + k] /= a }
        values[i] /= a
        basis[i] = j
        rowOf[j] = i
    }

    func entry(_ row: Int, _ column: Int) -> Double { entries[row * columns + column] }

    func isArtificial(row: Int) -> Bool { basis[row] >= columns }

    /// The current value of one unknown (0 when it is not basic).
    func value(of unknown: Int) -> Double { rowOf[unknown] < 0 ? 0 : values[rowOf[unknown]] }

    enum Climb { case optimal, unbounded }

    /// Pivots towards a higher objective until none of the reduced `costs` (of the nonbasic
    /// unknowns) exceeds `tolerance`. Dantzig's rule (the largest cost enters), and Bland's
    /// (the first) from a degenerate pivot until the value moves again: Bland's rule cannot
    /// cycle, so a run of degenerate pivots ends. After a very large number of pivots (never
    /// seen) it stops where it is: a feasible point, so a maximum found too low, which errs
    /// towards a narrower interval in the audit, not a wider one.
    mutating func climb(_ costs: inout [Double], _ value: inout Double, tolerance: Double) -> Climb {
        var bland = false
        for _ in 0..<(50 * (rows + columns) + 1000) {
            guard let q = entering(costs, tolerance: tolerance, bland: bland) else { return .optimal }
            guard let p = leaving(q) else { return .unbounded }
            bland = values[p] <= feasibilityTolerance
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

    /// The row to leave when `q` enters: the smallest ratio value / entry over the positive
    /// entries, ties to the unknown first in Bland's order (artificials first, so phase 1
    /// drives them out); nil when no entry is positive (the objective is unbounded).
    private func leaving(_ q: Int) -> Int? {
        var best: Int?
        var bestRatio = Double.infinity
        for i in 0..<rows {
            let a = entry(i, q)
            guard a > Self.pivotTolerance else { continue }
            let ratio = values[i] / a
            let tie = abs(ratio - bestRatio) <= 1e-12 * max(1, ratio)
            if best == nil || (ratio < bestRatio && !tie) || (tie && blandOrder(i) < blandOrder(best!)) {
                best = i
                bestRatio = min(ratio, bestRatio)
            }
        }
        return best
    }

    /// The basic unknown of a row in Bland's order: artificials before the real unknowns.
    private func blandOrder(_ row: Int) -> Int { isArtificial(row: row) ? basis[row] - columns - rows : basis[row] }

    /// Makes `q` basic in row `p`: the row divided by its pivot element, subtracted from the
    /// others (only where they have a non-zero in column q, and only over the row's non-zeros:
    /// the tables' equations are sparse), and likewise from the reduced costs.
    mutating func pivot(_ p: Int, _ q: Int, _ costs: inout [Double], _ value: inout Double) {
        let n = columns
        let start = p * n
        let a = entries[start + q]
        var support = [Int]()
        for j in 0..<n where entries[start + j] != 0 {
            entries[start + j] /= a
            support.append(j)
        }
        entries[start + q] = 1
        values[p] = max(0, values[p] / a)
        for i in 0..<rows where i != p && entries[i * n + q] != 0 {
            let f = entries[i * n + q]
            for j in support {
                let e = entries[i * n + j] - f * entries[start + j]
                entries[i * n + j] = abs(e) < 1e-12 ? 0 : e
            }
            entries[i * n + q] = 0
            values[i] = max(0, values[i] - f * values[p])
        }
        let f = costs.isEmpty ? 0 : costs[q]
        if f != 0 {
            for j in support { costs[j] -= f * entries[start + j] }
            costs[q] = 0
            value += f * values[p]
        }
        if !isArtificial(row: p) { rowOf[basis[p]] = -1 }
        basis[p] = q
        rowOf[q] = p
    }

    /// After phase 1 (every artificial at 0): each artificial still basic is pivoted out on its
    /// row's largest entry; a row with none is a combination of the others and is removed.
    mutating func dropArtificials() {
        var noCosts = [Double]()
        var unused = 0.0
        for i in (0..<rows).reversed() where isArtificial(row: i) {
            values[i] = 0
            var best: Int?
            for j in 0..<columns where rowOf[j] < 0 && abs(entry(i, j)) > Self.pivotTolerance
                && abs(entry(i, j)) > abs(best.map { entry(i, $0) } ?? 0) { best = j }
            if let best { pivot(i, best, &noCosts, &unused) } else { removeRow(i) }
        }
    }

    private mutating func removeRow(_ i: Int) {
        entries.removeSubrange(i * columns..<(i + 1) * columns)
        values.remove(at: i)
        basis.remove(at: i)
        rows -= 1
        for r in i..<rows where !isArtificial(row: r) { rowOf[basis[r]] = r }
    }
}
