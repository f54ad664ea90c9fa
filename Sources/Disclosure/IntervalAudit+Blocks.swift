extension IntervalAudit {
    /// What one linear programme solves: a component, or one block of a component too large
    /// to solve whole, for the unknowns in `targets` (nil: all of them).
    struct Job: Sendable {
        var component: Component
        var targets: Set<Int>?
    }

    /// A component of more than `wholeLimit` unknowns (a dense simplex's work grows with the
    /// cube of its size) is cut into blocks: from the lowest unknown not yet covered, the
    /// `blockSize` unknowns nearest to it through shared equations (breadth first), with the
    /// equations whose unknowns all lie in the block. Dropping the other equations relaxes
    /// the programme, so a block's ranges contain the true ones: they are outer bounds. Each
    /// block answers for its `core` nearest unknowns (farther from its edge), which are then
    /// covered. On the sample's exit-cohort tables (sets of ~3 400 tied blanks) blocks of 300
    /// found every range that HiGHS on the whole set found narrower than 5, and no other.
    static func jobs(_ component: Component, of equations: [Equation], unknowns: Int,
                     wholeLimit: Int, blockSize: Int = 300, core: Int = 150) -> [Job] {
        guard component.unknowns.count > wholeLimit else { return [Job(component: component, targets: nil)] }
        var equationsOf = [Int: [Int]]()
        for e in component.equations {
            for term in equations[e].terms where term.coefficient != 0 { equationsOf[term.unknown, default: []].append(e) }
        }
        var covered = Set<Int>(), jobs = [Job]()
        for seed in component.unknowns where !covered.contains(seed) {
            let block = nearest(seed, count: blockSize, equationsOf, equations)
            let inside = Set(block)
            let own = Set(block.flatMap { equationsOf[$0]! }).sorted().filter { e in
                equations[e].terms.allSatisfy { $0.coefficient == 0 || inside.contains($0.unknown) }
            }
            let targets = Set(block.prefix(core))
            covered.formUnion(targets)
            for part in Component.all(unknowns: unknowns, equations: own.map { equations[$0] }) {
                let mine = targets.intersection(part.unknowns)
                if !mine.isEmpty { jobs.append(Job(component: part, targets: mine)) }
            }
        }
        return jobs
    }

    /// `seed` and the unknowns nearest to it through shared equations, at most `count`, nearest first.
    private static func nearest(_ seed: Int, count: Int, _ equationsOf: [Int: [Int]], _ equations: [Equation]) -> [Int] {
        var order = [seed], seen: Set = [seed], next = 0
        while next < order.count && order.count < count {
            for e in equationsOf[order[next]]! {
                for term in equations[e].terms where term.coefficient != 0 && order.count < count {
                    if seen.insert(term.unknown).inserted { order.append(term.unknown) }
                }
            }
            next += 1
        }
        return order
    }
}
