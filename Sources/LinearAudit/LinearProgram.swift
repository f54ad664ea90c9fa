/// A linear programme over one set of equations: the optimum of c·x subject to A x = b,
/// x >= 0, for as many objectives c as asked, by a dense two-phase simplex.
///
/// Phase 1 (in `init`) finds a feasible basis from artificial unknowns, or that there is none;
/// each objective then starts from the basis the last one ended in, which is feasible whatever
/// the objective, so the audit's many objectives over one set of equations (the highest and
/// lowest value of each unknown in turn) need a few pivots each, not a solve from scratch.
/// The same objectives in the same order give the same results: nothing depends on timing.
public struct LinearProgram: Sendable {
    public enum Outcome: Sendable, Equatable {
        case optimum(Double)
        case unbounded
        /// No x >= 0 satisfies the equations.
        case infeasible
    }

    private var tableau: SimplexTableau
    /// Whether some x >= 0 satisfies the equations.
    public let isFeasible: Bool
    /// The number of unknowns.
    public var unknowns: Int { tableau.columns }

    /// `coefficients` row by row (one row per equation, one entry per unknown), `constants`
    /// the right-hand sides.
    public init(coefficients: [[Double]], constants: [Double]) {
        precondition(coefficients.count == constants.count, "one constant per equation")
        let columns = coefficients.first?.count ?? 0
        // Each row scaled to a largest coefficient of 1 and a constant >= 0: an equivalent
        // system whose tolerances then mean the same in every row.
        var rows = [[Double]](), rhs = [Double]()
        for (row, constant) in zip(coefficients, constants) {
            precondition(row.count == columns, "one coefficient per unknown in every equation")
            let scale = row.map(abs).max() ?? 0
            let factor = (scale > 0 ? 1 / scale : 1) * (constant < 0 ? -1 : 1)
            rows.append(row.map { $0 * factor })
            rhs.append(constant * factor)
        }
        tableau = SimplexTableau(scaledRows: rows, constants: rhs, columns: columns)
        isFeasible = Self.phaseOne(&tableau)
    }

    /// Minimises the artificial unknowns' sum; true when it reaches 0 (then the artificials are
    /// dropped and the tableau holds a feasible basis of real unknowns).
    private static func phaseOne(_ tableau: inout SimplexTableau) -> Bool {
        // Maximise −Σ artificials: a real unknown's reduced cost is its column's sum over the
        // rows of the artificials (0 for a slack, basic in another row).
        let artificial = (0..<tableau.rows).filter { tableau.isArtificial(row: $0) }
        var costs = [Double](repeating: 0, count: tableau.columns)
        for i in artificial {
            for j in 0..<tableau.columns { costs[j] += tableau.entry(i, j) }
        }
        var value = -artificial.map { tableau.values[$0] }.reduce(0, +)
        _ = tableau.climb(&costs, &value, tolerance: SimplexTableau.pivotTolerance)
        let left = (0..<tableau.rows).filter { tableau.isArtificial(row: $0) }.map { tableau.values[$0] }.reduce(0, +)
        guard left <= tableau.shiftTolerance else { return false }
        tableau.dropArtificials()
        return true
    }

    /// The highest c·x; a `ceiling` known beforehand (from one equation, say) saves the pivots
    /// that would only prove it.
    public mutating func maximise(_ objective: [Double], ceiling: Double = .infinity) -> Outcome {
        precondition(objective.count == unknowns, "one objective coefficient per unknown")
        guard isFeasible else { return .infeasible }
        if case .unbounded = climb(objective, ceiling) { return .unbounded }
        if tableau.drifted() {
            // Rounding has gathered: the tableau afresh, or if need be phase 1 again.
            if !tableau.refactor() { _ = Self.phaseOne(&tableau) }
            if case .unbounded = climb(objective, ceiling) { return .unbounded }
        }
        // Computed from the solution rather than the running value, which gathers rounding.
        return .optimum(zip(objective, solution).reduce(0) { $0 + $1.0 * $1.1 })
    }

    private mutating func climb(_ objective: [Double], _ ceiling: Double) -> SimplexTableau.Climb {
        var (costs, value) = reducedCosts(objective)
        let tolerance = SimplexTableau.pivotTolerance * max(1, objective.map(\.magnitude).max() ?? 0)
        return tableau.climb(&costs, &value, tolerance: tolerance, ceiling: ceiling)
    }

    /// The lowest c·x.
    public mutating func minimise(_ objective: [Double]) -> Outcome {
        switch maximise(objective.map { -$0 }) {
        case .optimum(let value): return .optimum(value == 0 ? 0 : -value)
        case let other: return other
        }
    }

    /// The current basic solution (feasible; after an objective, one of its optima).
    public var solution: [Double] { (0..<unknowns).map(tableau.value(of:)) }

    /// One unknown's value in the current basic solution.
    public func value(of unknown: Int) -> Double { tableau.value(of: unknown) }

    /// c minus what the basic unknowns' costs make of each column (0 for the basic ones), and
    /// the objective's current value. Only the rows of basic unknowns with a cost count: one
    /// row for the audit's single-unknown objectives.
    private func reducedCosts(_ objective: [Double]) -> ([Double], Double) {
        var costs = objective
        var value = 0.0
        for i in 0..<tableau.rows {
            let c = objective[tableau.basis[i]]
            guard c != 0 else { continue }
            for j in 0..<unknowns { costs[j] -= c * tableau.entry(i, j) }
            value += c * tableau.values[i]
        }
        for i in 0..<tableau.rows { costs[tableau.basis[i]] = 0 }
        return (costs, value)
    }
}
