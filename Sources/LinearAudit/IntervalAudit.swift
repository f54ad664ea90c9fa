import Dispatch

/// The bounds an intruder can put on the blanked cells of a table set: the unknowns tied by
/// linear equations whose other members are published, each unknown >= 0.
///
/// Each bound is a linear programme (`LinearProgram`) over the equations of the unknown's
/// connected component (the unknowns linked through shared equations): the components are
/// independent, so they are solved apart, in parallel, each from one feasible basis for all
/// its objectives. Components are taken in the order of their first equation. A component of
/// more than `wholeLimit` unknowns is solved by blocks (`jobs`): its ranges are outer bounds,
/// never narrower than the true ones, so a range found narrow is narrow.
public struct IntervalAudit: Sendable {
    /// Σ coefficient · unknown = constant.
    public struct Equation: Sendable, Hashable {
        public var terms: [Term]
        public var constant: Double
        public init(terms: [Term], constant: Double) {
            self.terms = terms
            self.constant = constant
        }
    }

    public struct Term: Sendable, Hashable {
        public var unknown: Int
        public var coefficient: Double
        public init(_ unknown: Int, _ coefficient: Double) {
            self.unknown = unknown
            self.coefficient = coefficient
        }
    }

    /// The range of one unknown: `high` nil when unbounded above. An unknown in no equation
    /// is [0, nil].
    public struct Interval: Sendable, Equatable {
        public var low: Double
        public var high: Double?
        public init(low: Double, high: Double?) {
            self.low = low
            self.high = high
        }
    }

    /// The largest component solved whole by default.
    public static let wholeLimit = 400

    private let unknowns: Int
    private let equations: [Equation]
    private let groups: [[Int]]
    private let jobs: [Job]

    /// `regions`: per unknown, the regions it lies in (e.g. the calendar quarters its cells
    /// count in); given, the check (`Cover.highestFirst`) also cuts blocks that keep to a
    /// region (`regionJobs`). Empty: no such blocks.
    public init(unknowns: Int, equations: [Equation], wholeLimit: Int = IntervalAudit.wholeLimit, cover: Cover = .lowestFirst,
                regions: [[Int]] = []) {
        for equation in equations {
            for term in equation.terms { precondition((0..<unknowns).contains(term.unknown), "a term's unknown out of range") }
        }
        precondition(regions.isEmpty || regions.count == unknowns, "regions for every unknown or none")
        self.unknowns = unknowns
        self.equations = equations
        groups = Component.groups(equations)
        jobs = groups.flatMap { Self.jobs($0, of: equations, wholeLimit: wholeLimit, cover: cover, regions: regions) }
    }

    /// Each unknown's interval over the LP relaxation (x >= 0, all equations), solved per
    /// connected component (or block), in parallel; outer bounds in components larger than
    /// `wholeLimit`. The unknowns of an inconsistent component get [0, nil]. Bounds within
    /// 1e-6 of an integer are that integer (the data are counts). `memo`: the answers of the
    /// last calls, taken where a job is the same.
    public func intervals(memo: Memo? = nil) -> [Interval] {
        let known = memo?.answers ?? [:]
        let todo = jobs.indices.filter { known[jobs[$0]] == nil }
        let fresh = Self.inParallel(todo.map { jobs[$0] }) { $0.solve() }
        var solved = jobs.map { known[$0]?.ranges ?? [] }
        for (j, answer) in zip(todo, fresh) { solved[j] = answer }
        if let memo {
            memo.calls += 1
            for (job, answer) in zip(jobs, solved) { memo.answers[job] = (answer, memo.calls) }
            memo.answers = memo.answers.filter { $0.value.call >= memo.calls - 3 }
        }
        var out = Array(repeating: Interval(low: 0, high: nil), count: unknowns)
        var answered = [Bool](repeating: false, count: unknowns)
        for case let (unknown, got)? in solved.joined() {
            answered[unknown] = true
            // A block's range and the whole's: both contain the true one.
            let high = [out[unknown].high, got.high].compactMap { $0 }.min()
            out[unknown] = Interval(low: max(out[unknown].low, got.low), high: high)
        }
        // What one equation alone gives, over every equation (a block keeps only those wholly
        // inside it): a sum of same-signed parts whose printed rest is 0 makes them all 0. Not
        // for the unknowns of an inconsistent component, which stay [0, nil] (a negative cap is
        // an inconsistent equation, which a block of a large set may not have seen).
        for (unknown, cap) in Self.ceilings(equations, unknowns: unknowns).enumerated() where cap.isFinite && cap >= 0 && answered[unknown] {
            let high = min(out[unknown].high ?? .infinity, Component.counted(cap))
            out[unknown] = Interval(low: min(out[unknown].low, high), high: high)
        }
        return out
    }

    /// Per unknown, the lowest constant / coefficient over the equations whose coefficients
    /// all have its sign (a sum of non-negative parts): a bound read off one equation;
    /// infinity where there is none.
    static func ceilings(_ equations: [Equation], unknowns: Int) -> [Double] {
        var caps = [Double](repeating: .infinity, count: unknowns)
        for equation in equations {
            for sign in [1.0, -1.0] where equation.terms.allSatisfy({ $0.coefficient * sign >= 0 }) {
                for term in equation.terms where term.coefficient * sign > 0 {
                    caps[term.unknown] = min(caps[term.unknown], equation.constant / term.coefficient)
                }
            }
        }
        return caps
    }

    /// The components whose equations have no solution with every unknown >= 0 (indexes of
    /// the equations), empty when all are consistent. Runs phase 1 of each component's
    /// programme (again, if `intervals()` has run).
    public var inconsistent: [[Int]] {
        let equations = self.equations
        let feasible = Self.inParallel(groups) { Component(equations: $0, of: equations).program().isFeasible }
        return zip(groups, feasible).filter { !$0.1 }.map(\.0)
    }

    /// `body` of each item, in order, on all cores when there are several.
    private static func inParallel<Item: Sendable, T: Sendable>(_ items: [Item], _ body: @Sendable (Item) -> T) -> [T] {
        var results = [T?](repeating: nil, count: items.count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes its own slot only.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: items.count) { slots[$0] = body(items[$0]) }
        }
        return results.map { $0! }
    }
}
