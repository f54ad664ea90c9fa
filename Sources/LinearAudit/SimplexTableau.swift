/// The dense simplex tableau of A x = b, x >= 0 for one basis B: B⁻¹A and B⁻¹b (the basic
/// unknowns' values). Rows are scaled so that their largest coefficient is 1, which makes the
/// fixed tolerances below relative to the data.
///
/// The ratio test runs on B⁻¹(b + δ), b shifted by a tiny amount that differs from row to
/// row: the tables' equations are highly degenerate (many cells 0, many sums tied), and
/// without it the simplex spends most of its pivots going nowhere. The values reported are
/// B⁻¹b for the basis found. Rounding gathers in B⁻¹A over thousands of pivots, so when the
/// solution no longer satisfies the equations the tableau is computed afresh from them for
/// the current basis (`refactor`).
struct SimplexTableau: Sendable {
    /// Equations left (redundant ones are removed after phase 1) and unknowns.
    private(set) var rows: Int
    let columns: Int
    /// B⁻¹A, row by row.
    private(set) var entries: [Double]
    /// B⁻¹b.
    private(set) var values: [Double]
    /// B⁻¹(b + δ), each > 0 but for rounding: what the ratio test reads.
    private(set) var shifted: [Double]
    /// The unknown basic in each row; `columns + i` for the artificial unknown of row i, which
    /// phase 1 starts from and which, once it has left, is never let back in.
    private(set) var basis: [Int]
    /// The row where each unknown is basic, -1 when it is not.
    private(set) var rowOf: [Int]
    /// The scaled equations (the rows left), to compute the tableau afresh and check the solution.
    private var equations: [Equation]
    private var constants: [Double]
    /// A pivot element smaller than this is taken as 0: pivoting on rounding noise is what
    /// ruins a dense tableau.
    static let pivotTolerance = 1e-7
    /// A value smaller than this is taken as 0 (a consistent row, a solution that still holds).
    let feasibilityTolerance: Double
    /// The size of the shift δ: above rounding, far below what the 1e-6 rounding of results sees.
    let shift: Double
    /// How far below 0 a value of a basis found with the shift may be, as B⁻¹δ can (10⁻⁶ for
    /// constants up to 100, at most 10⁻⁴): figures inconsistent by less pass as consistent.
    var shiftTolerance: Double { max(feasibilityTolerance, 1000 * shift) }

    /// Phase 1's start: every row's artificial unknown basic at b's value (b >= 0), but where
    /// an unknown is in that row alone with a positive coefficient (a slack), that unknown.
    init(scaledRows: [[Double]], constants: [Double], columns: Int) {
        self.init(equations: scaledRows.map(Equation.init), constants: constants, columns: columns)
    }

    private init(equations: [Equation], constants: [Double], columns: Int) {
        rows = equations.count
        self.columns = columns
        self.equations = equations
        self.constants = constants
        entries = equations.flatMap(\.dense)
        values = constants
        shifted = constants
        basis = (0..<rows).map { columns + $0 }
        rowOf = Array(repeating: -1, count: columns)
        let scale = max(1, constants.max() ?? 0)
        feasibilityTolerance = 1e-9 * scale
        shift = min(1e-7, max(1e-9, 1e-11 * scale))
        for j in 0..<columns { startAsSlack(j) }
        reshift()
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

    /// A new shift: each row's value plus between 1 and 2 times `shift`, by a fixed pattern
    /// (the same input gives the same pivots).
    mutating func reshift() {
        shifted = values.indices.map { i in max(0, values[i]) + shift * (1 + Double((i &* 40503) & 1023) / 1024) }
    }

    func entry(_ row: Int, _ column: Int) -> Double { entries[row * columns + column] }

    func isArtificial(row: Int) -> Bool { basis[row] >= columns }

    /// The current value of one unknown (0 when it is not basic).
    func value(of unknown: Int) -> Double { rowOf[unknown] < 0 ? 0 : values[rowOf[unknown]] }

    /// Makes `q` basic in row `p`: the row divided by its pivot element, subtracted from the
    /// others (only where they have a non-zero in column q, and only over the row's non-zeros:
    /// the tables' equations are sparse), and likewise from the reduced costs.
    mutating func pivot(_ p: Int, _ q: Int, _ costs: inout [Double], _ value: inout Double) {
        let a = entry(p, q)
        values[p] /= a
        shifted[p] /= a
        let support = normalise(row: p, by: a, column: q)
        eliminate(column: q, using: p, support)
        let f = costs.isEmpty ? 0 : costs[q]
        if f != 0 {
            for j in support { costs[j] -= f * entry(p, j) }
            costs[q] = 0
            value += f * values[p]
        }
        if !isArtificial(row: p) { rowOf[basis[p]] = -1 }
        basis[p] = q
        rowOf[q] = p
    }

    /// Divides row p by its pivot element; its non-zero columns.
    private mutating func normalise(row p: Int, by a: Double, column q: Int) -> [Int] {
        let start = p * columns
        var support = [Int]()
        for j in 0..<columns where entries[start + j] != 0 {
            entries[start + j] /= a
            support.append(j)
        }
        entries[start + q] = 1
        return support
    }

    /// Row p (normalised) subtracted from every other row with a non-zero in column q. Plain
    /// loops over unchecked buffers: this is nearly all of the solver's time, and the test
    /// builds are unoptimised.
    private mutating func eliminate(column q: Int, using p: Int, _ support: [Int]) {
        let (n, m, start) = (columns, rows, p * columns)
        var factors = [(row: Int, factor: Double)]()
        entries.withUnsafeMutableBufferPointer { t in
            support.withUnsafeBufferPointer { support in
                var i = 0
                while i < m {
                    let (row, f) = (i * n, t[i * n + q])
                    if i != p && f != 0 {
                        var k = 0
                        while k < support.count {
                            let j = support[k]
                            let e = t[row + j] - f * t[start + j]
                            t[row + j] = e < 1e-11 && e > -1e-11 ? 0 : e
                            k += 1
                        }
                        t[row + q] = 0
                        factors.append((i, f))
                    }
                    i += 1
                }
            }
        }
        for (i, f) in factors {
            values[i] -= f * values[p]
            shifted[i] = max(0, shifted[i] - f * shifted[p])
        }
    }

    /// After phase 1 (every artificial at 0): each artificial still basic is pivoted out on its
    /// row's largest entry; a row with none is a combination of the others and is removed.
    mutating func dropArtificials() {
        var noCosts = [Double]()
        var unused = 0.0
        for i in (0..<rows).reversed() where isArtificial(row: i) {
            values[i] = 0
            if let j = largest(inRow: i) { pivot(i, j, &noCosts, &unused) } else { removeRow(i) }
        }
        reshift()
    }

    /// The nonbasic column with the largest entry in a row (the first of equals), if any is
    /// above the pivot tolerance.
    private func largest(inRow i: Int) -> Int? {
        var best: Int?
        var size = Self.pivotTolerance
        for j in 0..<columns where rowOf[j] < 0 && entry(i, j).magnitude > size {
            best = j
            size = entry(i, j).magnitude
        }
        return best
    }

    private mutating func removeRow(_ i: Int) {
        entries.removeSubrange(i * columns..<(i + 1) * columns)
        values.remove(at: i)
        shifted.remove(at: i)
        basis.remove(at: i)
        equations.remove(at: i)
        constants.remove(at: i)
        rows -= 1
        for r in i..<rows where !isArtificial(row: r) { rowOf[basis[r]] = r }
    }

    /// Whether the basic solution has drifted off the equations (or below 0) by more than the
    /// tolerance.
    func drifted() -> Bool {
        if values.contains(where: { $0 < -shiftTolerance }) { return true }
        for (row, constant) in zip(equations, constants) {
            var sum = -constant
            for (j, a) in row.terms { sum += a * value(of: j) }
            if sum.magnitude > feasibilityTolerance { return true }
        }
        return false
    }

    /// The tableau computed afresh from the equations for the current basis (no artificials
    /// left): Gauss-Jordan on the basic columns, each on the free row where it is largest.
    /// False when the basis proves singular (rounding let a pivot on noise through): then
    /// the tableau is phase 1's start again.
    mutating func refactor() -> Bool {
        let keep = basis.sorted()
        entries = equations.flatMap(\.dense)
        values = constants
        basis = (0..<rows).map { columns + $0 }
        rowOf = Array(repeating: -1, count: columns)
        var noCosts = [Double]()
        var unused = 0.0
        for j in keep {
            let free = (0..<rows).filter { isArtificial(row: $0) }
            guard let p = free.max(by: { entry($0, j).magnitude < entry($1, j).magnitude }),
                  entry(p, j).magnitude > Self.pivotTolerance else {
                self = SimplexTableau(equations: equations, constants: constants, columns: columns)
                return false
            }
            pivot(p, j, &noCosts, &unused)
        }
        reshift()
        return true
    }

    /// One scaled equation, dense as given and sparse for the check.
    struct Equation: Sendable {
        var dense: [Double]
        var terms: [(Int, Double)]
        init(_ dense: [Double]) {
            self.dense = dense
            terms = dense.enumerated().filter { $0.1 != 0 }.map { ($0.0, $0.1) }
        }
    }
}
