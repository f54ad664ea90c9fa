extension IntervalAudit {
    /// Unknowns linked through shared equations, and those equations: an independent linear
    /// programme. An equation whose terms are all 0 is a component of its own, with no
    /// unknowns (consistent when its constant is 0).
    struct Component: Sendable {
        /// The unknowns, ascending; the programme's columns in this order.
        var unknowns: [Int]
        /// The equations' indexes, ascending.
        var equations: [Int]
        /// The equations as dense rows over `unknowns`, and their constants.
        var rows: [[Double]]
        var constants: [Double]

        /// The components of a set of equations, in the order of their first equation.
        static func all(unknowns: Int, equations: [Equation]) -> [Component] {
            var links = UnionFind(unknowns)
            for equation in equations {
                let members = equation.terms.filter { $0.coefficient != 0 }.map(\.unknown)
                for u in members.dropFirst() { links.join(members[0], u) }
            }
            var byRoot = [Int: Int]()
            var groups = [[Int]]()
            for (e, equation) in equations.enumerated() {
                guard let first = equation.terms.first(where: { $0.coefficient != 0 }) else {
                    groups.append([e])
                    continue
                }
                let root = links.root(first.unknown)
                if let g = byRoot[root] { groups[g].append(e) } else {
                    byRoot[root] = groups.count
                    groups.append([e])
                }
            }
            return groups.map { Component(equations: $0, of: equations) }
        }

        private init(equations indexes: [Int], of equations: [Equation]) {
            self.equations = indexes
            let terms = indexes.flatMap { equations[$0].terms.filter { $0.coefficient != 0 } }
            let members = Set(terms.map(\.unknown)).sorted()
            let column = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($1, $0) })
            unknowns = members
            rows = indexes.map { e in
                var row = [Double](repeating: 0, count: members.count)
                for term in equations[e].terms where term.coefficient != 0 { row[column[term.unknown]!] += term.coefficient }
                return row
            }
            constants = indexes.map { equations[$0].constant }
        }

        func program() -> LinearProgram { LinearProgram(coefficients: rows, constants: constants) }

        /// Each unknown's lowest and highest value, in `unknowns`' order, for those in
        /// `targets` (nil: all; the others [0, nil]); nil when the equations are inconsistent.
        /// One programme, warm-started objective after objective.
        func intervals(of targets: Set<Int>? = nil) -> [Interval]? {
            var program = program()
            guard program.isFeasible else { return nil }
            let n = unknowns.count
            let caps = ceilings()
            var unit = [Double](repeating: 0, count: n)
            // Whether a feasible solution met so far has the unknown at 0: then that is its lowest.
            var reachesZero = [Bool](repeating: false, count: n)
            func note() { for j in 0..<n where !reachesZero[j] && program.value(of: j) <= 1e-6 { reachesZero[j] = true } }
            note()
            return unknowns.indices.map { k in
                guard targets?.contains(unknowns[k]) ?? true else { return Interval(low: 0, high: nil) }
                unit[k] = 1
                defer { unit[k] = 0 }
                let low = reachesZero[k] ? 0 : Self.optimum(program.minimise(unit)) ?? 0
                note()
                let high = Self.optimum(program.maximise(unit, ceiling: caps[k]))
                note()
                return Interval(low: max(0, Self.counted(low)), high: high.map(Self.counted))
            }
        }

        /// Per unknown, the lowest constant / coefficient over the equations whose
        /// coefficients all have its sign (a sum of non-negative parts): a bound read off one
        /// equation; infinity where there is none.
        private func ceilings() -> [Double] {
            var caps = [Double](repeating: .infinity, count: unknowns.count)
            for (row, constant) in zip(rows, constants) {
                for sign in [1.0, -1.0] where row.allSatisfy({ $0 * sign >= 0 }) {
                    for (j, a) in row.enumerated() where a * sign > 0 { caps[j] = min(caps[j], constant / a) }
                }
            }
            return caps
        }

        private static func optimum(_ outcome: LinearProgram.Outcome) -> Double? {
            if case .optimum(let value) = outcome { return value }
            return nil
        }

        /// A bound within 1e-6 of an integer is that integer: the cells are counts.
        private static func counted(_ bound: Double) -> Double {
            let integer = bound.rounded()
            return abs(bound - integer) <= 1e-6 ? integer + 0 : bound
        }
    }
}
