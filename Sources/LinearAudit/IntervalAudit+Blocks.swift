extension IntervalAudit {
    /// What the audit solves apart.
    enum Job: Sendable, Hashable {
        /// The programme of a component's equations, or of one block of a component too large
        /// to solve whole, bounding `targets` (nil: every unknown).
        case programme(equations: [Equation], targets: [Int]?)
        /// Not a programme: the values a set's equations alone fix (`fixedValues`), in a set too
        /// large to solve whole.
        case fixedValues(equations: [Equation])

        /// Each target's range (a block's components solved apart); nil for the unknowns of
        /// an inconsistent component.
        func solve() -> [(unknown: Int, range: Interval)?] {
            switch self {
            case .fixedValues(let equations):
                return IntervalAudit.fixedValues(equations).sorted { $0.key < $1.key }
                    .map { (unknown: $0.key, range: Interval(low: $0.value, high: $0.value)) }
            case .programme(let equations, let targets):
                return Self.bounds(equations, targets)
            }
        }

        private static func bounds(_ equations: [Equation], _ targets: [Int]?) -> [(unknown: Int, range: Interval)?] {
            let wanted = targets.map(Set.init)
            return Component.all(equations).flatMap { component -> [(unknown: Int, range: Interval)?] in
                guard wanted.map({ !$0.isDisjoint(with: component.unknowns) }) ?? true else { return [] }
                guard let ranges = component.intervals(of: wanted) else { return [nil] }
                return zip(component.unknowns, ranges).filter { wanted?.contains($0.0) ?? true }.map { (unknown: $0.0, range: $0.1) }
            }
        }
    }

    /// The answers of the last four `intervals(memo:)` calls, by job: an audit run again after a
    /// few blanks changed (the disclosure model's repair rounds) solves only the components
    /// and blocks that changed, also when calls alternate between two ways of cutting blocks.
    public final class Memo: @unchecked Sendable {
        var answers: [Job: (ranges: [(unknown: Int, range: Interval)?], call: Int)] = [:]
        var calls = 0
        public init() {}
    }

    /// How a large set is audited: blocks cut from the lowest unknown not yet covered, grown
    /// breadth first; or, for a check, from the highest (other edges), grown along the smallest
    /// equations first, with the values the equations alone fix found over the whole set
    /// (`fixedValues`).
    public enum Cover: Sendable {
        case lowestFirst, highestFirst

        /// The check's blocks carry their edges (`blockEquations`), which makes them larger
        /// programmes: 150 kept every-table runs within ~1.5 times the time without a check; 300
        /// took three times as long, and 100 missed a [0, 1] that 150 caught.
        var block: (size: Int, core: Int) { self == .lowestFirst ? (300, 150) : (150, 75) }
        /// Whether this is the check: blocks from the other end, grown along the smallest
        /// equations (freely, and kept to regions where given), with their edges and the fixed
        /// values of the whole set.
        var isCheck: Bool { self == .highestFirst }

        /// A block grown by `grow` from each seed in turn not yet covered, answering for its
        /// `block.core` first unknowns, which are then covered.
        func blocks(from seeds: [Int], _ equationsOf: [Int: [Int]], _ equations: [Equation], grow: (Int) -> [Int]) -> [Job] {
            var covered = Set<Int>(), jobs = [Job]()
            for seed in seeds where !covered.contains(seed) {
                let members = grow(seed), targets = members.prefix(block.core)
                covered.formUnion(targets)
                let touching = Set(members.flatMap { equationsOf[$0]! }).sorted().map { equations[$0] }
                jobs.append(.programme(equations: IntervalAudit.blockEquations(touching, inside: Set(members), edges: isCheck),
                                       targets: targets.sorted()))
            }
            return jobs
        }
    }

    /// A component of more than `wholeLimit` unknowns (a dense simplex's work grows with the
    /// cube of its size) is cut into blocks: from the lowest (or highest) unknown not yet covered, the
    /// `cover.block.size` unknowns nearest to it through shared equations (breadth first), with the
    /// equations whose unknowns all lie in the block. Dropping the other equations relaxes
    /// the programme, so a block's ranges contain the true ones: they are outer bounds. Each
    /// block answers for its `cover.block.core` nearest unknowns (farther from its edge), which are then
    /// covered. On the sample's exit-cohort tables (sets of ~3 400 tied blanks) blocks of 300
    /// found every range that HiGHS on the whole set found narrower than 5, and no other. The
    /// check adds the fixed values and, given `regions`, blocks kept to a region (`regionJobs`).
    static func jobs(_ component: [Int], of equations: [Equation], wholeLimit: Int, cover: Cover, regions: [[Int]]) -> [Job] {
        var equationsOf = [Int: [Int]]()
        for e in component {
            for term in equations[e].terms where term.coefficient != 0 { equationsOf[term.unknown, default: []].append(e) }
        }
        guard equationsOf.count > wholeLimit else { return [.programme(equations: component.map { equations[$0] }, targets: nil)] }
        let seeds = equationsOf.keys.sorted()
        guard cover.isCheck else {
            return cover.blocks(from: seeds, equationsOf, equations) { nearest($0, count: cover.block.size, equationsOf, equations) }
        }
        let free = cover.blocks(from: seeds.reversed(), equationsOf, equations) {
            nearestBySmallEquations($0, count: cover.block.size, equationsOf, equations)
        }
        let kept = regions.isEmpty ? [] : regionJobs(seeds, cover, equationsOf, equations, regions)
        // A region block equal to a free one (a set within one region) is not solved twice.
        let solved = Set(free)
        return [.fixedValues(equations: component.map { equations[$0] })] + free + kept.filter { !solved.contains($0) }
    }

    /// The check's second cover: blocks grown along the smallest equations, but only through
    /// unknowns that share a region with the seed (or lie in none), seeded at each unknown with
    /// a region not yet covered so. In the tables the regions are calendar quarters: a quarter's
    /// months, the quarter and its year are tied by sums that a block grown freely spends on
    /// other quarters. On the every-table sample at limit 5, six zeros of a crossing known to
    /// be in [0, 3.67] or [0, 4.67] through 159 equations over 276 blanks were missed by free
    /// blocks of 150 and 300 (found by 600) and found by blocks of 150 kept to their quarter.
    private static func regionJobs(_ seeds: [Int], _ cover: Cover, _ equationsOf: [Int: [Int]], _ equations: [Equation],
                                   _ regions: [[Int]]) -> [Job] {
        cover.blocks(from: seeds.reversed().filter { !regions[$0].isEmpty }, equationsOf, equations) { seed in
            let own = Set(regions[seed])
            return nearestBySmallEquations(seed, count: cover.block.size, equationsOf, equations) { u in
                regions[u].isEmpty || regions[u].contains(where: own.contains)
            }
        }
    }

    /// A block's equations: those wholly inside it; with `edges`, also each equation reaching
    /// past its edge whose outside terms all have one sign, with those terms replaced by one
    /// new unknown ≥ 0 standing for their sum (numbered -1, -2, … in the block). That is what
    /// the equation alone says of the block's unknowns (their sum outside is some value ≥ 0),
    /// so the ranges stay outer bounds, but the bounds past the edge are not lost: on the
    /// every-table sample a 0 known to be in [0, 8.5] through 60 equations over 111 blanks,
    /// which no block of 300 or 600 without them showed, came out of a block of 100 with them.
    static func blockEquations(_ touching: [Equation], inside: Set<Int>, edges: Bool) -> [Equation] {
        var own = [Equation](), slack = 0
        for equation in touching {
            let terms = equation.terms.filter { $0.coefficient != 0 }
            let outside = terms.filter { !inside.contains($0.unknown) }
            if outside.isEmpty { own.append(equation); continue }
            guard edges else { continue }
            let positive = outside.allSatisfy { $0.coefficient > 0 }
            guard positive || outside.allSatisfy({ $0.coefficient < 0 }) else { continue }
            slack += 1
            own.append(Equation(terms: terms.filter { inside.contains($0.unknown) } + [Term(-slack, positive ? 1 : -1)],
                                constant: equation.constant))
        }
        return own
    }

    /// `seed` and at most `count` - 1 more unknowns, taken through the smallest equations first:
    /// from the equations of the unknowns taken so far, always one of the fewest unknowns. A
    /// small equation (a sum of two or three cells) narrows its unknowns most, and a block
    /// grown along them keeps such chains whole where breadth first cuts them at its edge
    /// (a check-pass block grown so caught a range of [0, 3.5] that blocks of 300 and 600
    /// grown breadth first had missed).
    /// `admits`: which unknowns the block may take (the seed always).
    private static func nearestBySmallEquations(_ seed: Int, count: Int, _ equationsOf: [Int: [Int]], _ equations: [Equation],
                                                admits: (Int) -> Bool = { _ in true }) -> [Int] {
        var order = [seed], seen: Set = [seed], done = Set<Int>()
        // A bucket queue of equations by their number of unknowns.
        var buckets = [[Int]](), smallest = 0
        func push(_ e: Int) {
            let size = equations[e].terms.count
            if size >= buckets.count { buckets += Array(repeating: [], count: size + 1 - buckets.count) }
            buckets[size].append(e)
            smallest = min(smallest, size)
        }
        equationsOf[seed]!.forEach(push)
        while order.count < count {
            while smallest < buckets.count && buckets[smallest].isEmpty { smallest += 1 }
            guard smallest < buckets.count else { break }
            let e = buckets[smallest].removeLast()
            guard done.insert(e).inserted else { continue }
            for term in equations[e].terms where term.coefficient != 0 && order.count < count && admits(term.unknown) {
                guard seen.insert(term.unknown).inserted else { continue }
                order.append(term.unknown)
                for next in equationsOf[term.unknown]! where !done.contains(next) { push(next) }
            }
        }
        return order
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
