extension IntervalAudit {
    /// Unknowns linked through shared equations, and those equations: an independent linear
    /// programme. An equation whose terms are all 0 is a component of its own, with no
    /// unknowns (consistent when its constant is 0).
    struct Component: Sendable {
        /// The unknowns, ascending; the programme's columns in this order.
        var unknowns: [Int]
        /// The equations over `unknowns`' columns (sparse: a large component is only cut into
        /// blocks, never laid out dense), and their constants.
        var rows: [[Entry]]
        var constants: [Double]

        struct Entry: Sendable {
            var column: Int
            var coefficient: Double
        }

        /// The components of a set of equations, in the order of their first equation.
        static func all(_ equations: [Equation]) -> [Component] {
            groups(equations).map { Component(equations: $0, of: equations) }
        }

        /// The indexes of the equations of each component, in the order of their first equation.
        static func groups(_ equations: [Equation]) -> [[Int]] {
            // The unknowns that occur, numbered as met (the whole range may be far larger).
            var local = [Int: Int]()
            for equation in equations {
                for term in equation.terms where term.coefficient != 0 && local[term.unknown] == nil { local[term.unknown] = local.count }
            }
            var links = UnionFind(local.count)
            for equation in equations {
                let members = equation.terms.filter { $0.coefficient != 0 }.map { local[$0.unknown]! }
                for u in members.dropFirst() { links.join(members[0], u) }
            }
            var byRoot = [Int: Int]()
            var groups = [[Int]]()
            for (e, equation) in equations.enumerated() {
                guard let first = equation.terms.first(where: { $0.coefficient != 0 }) else {
                    groups.append([e])
                    continue
                }
                let root = links.root(local[first.unknown]!)
                if let g = byRoot[root] { groups[g].append(e) } else {
                    byRoot[root] = groups.count
                    groups.append([e])
                }
            }
            return groups
        }

        init(equations indexes: [Int], of equations: [Equation]) {
            let members = Set(indexes.flatMap { equations[$0].terms.filter { $0.coefficient != 0 }.map(\.unknown) }).sorted()
            unknowns = members
            rows = indexes.map { e in
                let entries = equations[e].terms.filter { $0.coefficient != 0 }
                    .map { Entry(column: Self.position(of: $0.unknown, in: members), coefficient: $0.coefficient) }
                    .sorted { $0.column < $1.column }
                // One entry per column (an unknown named twice in an equation: coefficients added).
                var merged = [Entry]()
                for entry in entries {
                    if merged.last?.column == entry.column { merged[merged.count - 1].coefficient += entry.coefficient } else { merged.append(entry) }
                }
                return merged
            }
            constants = indexes.map { equations[$0].constant }
        }

        /// The index of `unknown` in the ascending `members` (which hold it).
        private static func position(of unknown: Int, in members: [Int]) -> Int {
            var (low, high) = (0, members.count)
            while low < high {
                let middle = (low + high) / 2
                if members[middle] < unknown { low = middle + 1 } else { high = middle }
            }
            return low
        }

        func program() -> LinearProgram {
            let dense = rows.map { row in
                var out = [Double](repeating: 0, count: unknowns.count)
                for entry in row { out[entry.column] = entry.coefficient }
                return out
            }
            return LinearProgram(coefficients: dense, constants: constants)
        }

        /// Each unknown's lowest and highest value, in `unknowns`' order, for those in
        /// `targets` (nil: all; the others [0, nil]); nil when the equations are inconsistent.
        /// One programme, warm-started objective after objective.
        func intervals(of targets: Set<Int>? = nil) -> [Interval]? {
            var program = program()
            guard program.isFeasible else { return nil }
            let n = unknowns.count
            let caps = IntervalAudit.ceilings(rows.indices.map { r in
                Equation(terms: rows[r].map { Term($0.column, $0.coefficient) }, constant: constants[r])
            }, unknowns: n)
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

        private static func optimum(_ outcome: LinearProgram.Outcome) -> Double? {
            if case .optimum(let value) = outcome { return value }
            return nil
        }

        /// A bound within 1e-6 of an integer is that integer: the cells are counts.
        static func counted(_ bound: Double) -> Double {
            let integer = bound.rounded()
            return abs(bound - integer) <= 1e-6 ? integer + 0 : bound
        }
    }
}
