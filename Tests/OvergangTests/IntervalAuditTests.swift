import Foundation
import XCTest
@testable import LinearAudit

/// The LP interval audit against scipy's linprog (HiGHS) on the same equations
/// (`Fixtures/interval-audit/make.py`, output `cases.json` committed): hand cases, random
/// table-like problems and one of 2000+ unknowns in many components.
final class IntervalAuditTests: XCTestCase {
    struct Case: Decodable {
        struct Equation: Decodable {
            var terms: [[Double]]
            var constant: Double
        }

        struct Objective: Decodable {
            var objective: [Double]
            var max: Double?
            var min: Double?
        }

        var name: String
        var unknowns: Int
        var equations: [Equation]
        /// [low, high or nil] per unknown.
        var intervals: [[Double?]]
        var inconsistent: [[Int]]
        var objectives: [Objective]?

        /// Every component solved whole (the reference solves them whole).
        var audit: IntervalAudit { audit(wholeLimit: .max) }

        func audit(wholeLimit: Int, cover: IntervalAudit.Cover = .lowestFirst, regions: [[Int]] = []) -> IntervalAudit {
            IntervalAudit(unknowns: unknowns, equations: equations.map { e in
                IntervalAudit.Equation(terms: e.terms.map { IntervalAudit.Term(Int($0[0]), $0[1]) }, constant: e.constant)
            }, wholeLimit: wholeLimit, cover: cover, regions: regions)
        }
    }

    static let cases: [Case] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/interval-audit/cases.json")
        return try! JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
    }()

    private func check(_ c: Case, file: StaticString = #filePath, line: UInt = #line) {
        let audit = c.audit
        let intervals = audit.intervals()
        XCTAssertEqual(intervals.count, c.unknowns, c.name, file: file, line: line)
        for (u, (got, expected)) in zip(intervals, c.intervals).enumerated() {
            let what = "\(c.name), unknown \(u): \(got) against scipy's \(expected)"
            XCTAssertEqual(got.low, expected[0]!, accuracy: 1e-6, what, file: file, line: line)
            switch (got.high, expected[1]) {
            case (nil, nil): break
            case let (high?, reference?): XCTAssertEqual(high, reference, accuracy: 1e-6, what, file: file, line: line)
            default: XCTFail(what, file: file, line: line)
            }
            // Counts: a bound that is an integer is returned as exactly that integer.
            for (bound, reference) in [(got.low, expected[0]), (got.high, expected[1])] {
                if let bound, let reference, reference == reference.rounded() { XCTAssertEqual(bound, reference, what, file: file, line: line) }
            }
        }
        XCTAssertEqual(audit.inconsistent, c.inconsistent, c.name, file: file, line: line)
    }

    func testHandCasesAsScipy() throws {
        let hand = Self.cases.filter { !$0.name.hasPrefix("random") && $0.unknowns < 100 }
        XCTAssertEqual(hand.count, 14)
        for c in hand { check(c) }
    }

    /// Nested sums like the exit-cohort tables', 20-400 unknowns each, and a year by month
    /// with 522 blanks tied together (thousands of pivots on one tableau, where rounding
    /// gathers).
    func testTableProblemsAsScipy() throws {
        let random = Self.cases.filter { $0.name.hasPrefix("random") }
        XCTAssertEqual(random.count, 13)
        XCTAssert(random.contains { $0.unknowns > 600 && $0.name.hasSuffix("a year by month") })
        for c in random { check(c) }
    }

    /// Some 90 independent tables, their unknowns and equations shuffled together, one of them
    /// inconsistent, five unknowns in no equation: solved per component.
    func testManyComponentsAsScipy() throws {
        let large = try XCTUnwrap(Self.cases.first { $0.unknowns >= 2000 })
        check(large)
        XCTAssertEqual(large.inconsistent.count, 1)
    }

    /// Components above the whole limit are solved by blocks of 300 (`IntervalAudit.jobs`):
    /// every range must contain scipy's (outer bounds), so a range found narrow is narrow. With
    /// a limit of 100, the table problems' larger components (and the 522 tied blanks of the
    /// year by month) go by blocks.
    func testBlocksGiveOuterBounds() throws {
        var wider = 0
        for c in Self.cases.filter({ $0.name.hasPrefix("random") }) {
            let whole = c.audit.intervals()
            // Both ways of cutting: breadth first, and along the smallest equations (the check),
            // also with blocks kept to regions (scattered by a multiplicative hash: none, one or
            // more of three).
            let regions = (0..<c.unknowns).map { u in (0..<3).filter { r in (u &* 2_654_435_761 >> (8 + 3 * r)) % 3 == 0 } }
            for got in [c.audit(wholeLimit: 100).intervals(), c.audit(wholeLimit: 100, cover: .highestFirst).intervals(),
                        c.audit(wholeLimit: 100, cover: .highestFirst, regions: regions).intervals()] {
                for (u, (interval, expected)) in zip(got, c.intervals).enumerated() {
                    let what = "\(c.name), unknown \(u): \(interval) against scipy's \(expected)"
                    XCTAssertLessThanOrEqual(interval.low, expected[0]! + 1e-6, what)
                    if let high = interval.high { XCTAssertGreaterThanOrEqual(high, try XCTUnwrap(expected[1]) - 1e-6, what) }
                    if interval != whole[u] { wider += 1 }
                }
            }
        }
        XCTAssertGreaterThan(wider, 0, "some ranges wider by blocks (else no blocks were used)")
    }

    /// The check's region blocks (calendar quarters in the tables) keep to the seed's region.
    /// A chain t = u0 ≤ u1 ≤ … ≤ u60 ≤ 2 (uᵢ + vᵢ = uᵢ₊₁) in region 0, each uᵢ and vᵢ also in a
    /// sum of two with a partner in region 1 (uᵢ + dᵢ = 100): a block grown freely along the
    /// smallest equations takes the partners first and ends mid-chain, so t ≤ 100; a block kept
    /// to region 0 holds the chain (122 unknowns), so t ≤ 2 as on the whole set.
    func testTheChecksRegionBlocksKeepToTheSeedsRegion() {
        let t = IntervalAudit.Term.init
        let steps = 60
        // Unknowns: partners first (region 1), then v0…v59, u60…u1, the slack of u60 ≤ 2, and t = u0 last (the first seed).
        let partners = 2 * steps + 1
        func v(_ i: Int) -> Int { partners + i }
        func u(_ i: Int) -> Int { i == 0 ? partners + 2 * steps + 1 : partners + steps + (steps - i) }
        let slack = partners + 2 * steps, count = slack + 2
        var equations = [IntervalAudit.Equation(terms: [t(u(steps), 1), t(slack, 1)], constant: 2)]
        for i in 0..<steps { equations.append(.init(terms: [t(u(i), 1), t(v(i), 1), t(u(i + 1), -1)], constant: 0)) }
        let chain = (0...steps).map(u) + (0..<steps).map(v)
        for (d, member) in chain.enumerated() { equations.append(.init(terms: [t(member, 1), t(d, 1)], constant: 100)) }
        let regions = (0..<count).map { $0 < partners ? [1] : [0] }
        func high(_ audit: IntervalAudit) -> Double? { audit.intervals()[u(0)].high }
        XCTAssertEqual(high(IntervalAudit(unknowns: count, equations: equations, wholeLimit: .max)), 2)
        XCTAssertEqual(high(IntervalAudit(unknowns: count, equations: equations, wholeLimit: 100, cover: .highestFirst)), 100)
        let kept = IntervalAudit(unknowns: count, equations: equations, wholeLimit: 100, cover: .highestFirst, regions: regions)
        XCTAssertEqual(high(kept), 2)
        // Still outer bounds for every unknown.
        let whole = IntervalAudit(unknowns: count, equations: equations, wholeLimit: .max).intervals()
        for (got, exact) in zip(kept.intervals(), whole) {
            XCTAssertLessThanOrEqual(got.low, exact.low)
            if let h = got.high { XCTAssertGreaterThanOrEqual(h, exact.high ?? .infinity) }
        }
        // Regions are ignored outside the check; in it, a block kept to a region that equals a
        // free one is not solved twice (one region for all: no job added).
        let all = Array(equations.indices)
        XCTAssertEqual(IntervalAudit.jobs(all, of: equations, wholeLimit: 100, cover: .lowestFirst, regions: regions),
                       IntervalAudit.jobs(all, of: equations, wholeLimit: 100, cover: .lowestFirst, regions: []))
        let check = { (regions: [[Int]]) in IntervalAudit.jobs(all, of: equations, wholeLimit: 100, cover: .highestFirst, regions: regions) }
        XCTAssertGreaterThan(check(regions).count, check([]).count)
        XCTAssertEqual(check(Array(repeating: [0], count: count)), check([]))
    }

    /// A check block keeps what an equation past its edge says of its unknowns: with the other
    /// side's terms all of one sign, their sum is one new unknown ≥ 0; with mixed signs the
    /// equation says nothing and is left out.
    func testABlocksEdgeEquationsKeepWhatTheySayOfTheBlock() {
        let t = IntervalAudit.Term.init
        let touching = [IntervalAudit.Equation(terms: [t(0, 1), t(1, 1), t(2, 1)], constant: 5),   // x2 outside, +
                        IntervalAudit.Equation(terms: [t(0, 1), t(3, -1)], constant: 1),           // x3 outside, -
                        IntervalAudit.Equation(terms: [t(1, 1), t(2, 1), t(3, -1)], constant: 0),  // mixed: nothing
                        IntervalAudit.Equation(terms: [t(0, 1), t(1, 1)], constant: 3)]            // inside
        let kept = IntervalAudit.blockEquations(touching, inside: [0, 1], edges: true)
        XCTAssertEqual(kept, [IntervalAudit.Equation(terms: [t(0, 1), t(1, 1), t(-1, 1)], constant: 5),
                              IntervalAudit.Equation(terms: [t(0, 1), t(-2, -1)], constant: 1),
                              touching[3]])
        XCTAssertEqual(IntervalAudit.blockEquations(touching, inside: [0, 1], edges: false), [touching[3]])
        // x0 + x1 = 3, x0 + x1 + s = 5, x0 - s' = 1: x0 in [1, 3] (without the edges [0, 3]).
        func x0(_ equations: [IntervalAudit.Equation]) -> IntervalAudit.Interval? {
            IntervalAudit.Job.programme(equations: equations, targets: [0, 1]).solve().compactMap { $0 }.first { $0.unknown == 0 }?.range
        }
        XCTAssertEqual(x0(kept), IntervalAudit.Interval(low: 1, high: 3))
        XCTAssertEqual(x0([touching[3]]), IntervalAudit.Interval(low: 0, high: 3))
    }

    /// Values the equations alone fix (`IntervalAudit.fixedValues`, for sets too large to solve
    /// whole): x0 + x1 + x2 = 10 and x1 + x2 = 4 fix x0 at 6 and neither x1 nor x2; x3 + x4 = 2
    /// fixes nothing. On the table problems every value it calls fixed is one scipy finds exact
    /// (none falsely fixed), and it finds some.
    func testValuesTheEquationsAloneFix() throws {
        let t = IntervalAudit.Term.init
        let hand = [IntervalAudit.Equation(terms: [t(0, 1), t(1, 1), t(2, 1)], constant: 10),
                    IntervalAudit.Equation(terms: [t(1, 1), t(2, 1)], constant: 4),
                    IntervalAudit.Equation(terms: [t(3, 1), t(4, 1)], constant: 2)]
        XCTAssertEqual(IntervalAudit.fixedValues(hand), [0: 6])
        var found = 0
        for c in Self.cases.filter({ $0.name.hasPrefix("random") }) {
            let equations = c.equations.map { e in
                IntervalAudit.Equation(terms: e.terms.map { IntervalAudit.Term(Int($0[0]), $0[1]) }, constant: e.constant)
            }
            for (u, value) in IntervalAudit.fixedValues(equations) {
                XCTAssertEqual(c.intervals[u][0]!, value, accuracy: 1e-6, "\(c.name), unknown \(u)")
                XCTAssertEqual(try XCTUnwrap(c.intervals[u][1]), value, accuracy: 1e-6, "\(c.name), unknown \(u)")
                found += 1
            }
        }
        XCTAssertGreaterThan(found, 0)
    }

    /// A memo answers what it solved before and nothing else: the same problem twice, then a
    /// changed one (one equation's constant moved), each equal to a solve without it.
    func testMemoGivesTheAnswersOfAFreshSolve() throws {
        let c = try XCTUnwrap(Self.cases.first { $0.name.hasSuffix("a year by month") })
        let memo = IntervalAudit.Memo()
        let fresh = c.audit(wholeLimit: 100).intervals()
        XCTAssertEqual(c.audit(wholeLimit: 100).intervals(memo: memo), fresh)
        XCTAssertEqual(c.audit(wholeLimit: 100).intervals(memo: memo), fresh)
        var changed = c
        changed.equations[0].constant += 3
        XCTAssertEqual(changed.audit(wholeLimit: 100).intervals(memo: memo), changed.audit(wholeLimit: 100).intervals())
        XCTAssertNotEqual(changed.audit(wholeLimit: 100).intervals(), fresh)
    }

    /// Same input, same output, whatever the threads did.
    func testDeterministic() throws {
        let large = try XCTUnwrap(Self.cases.first { $0.unknowns >= 2000 }).audit
        let first = large.intervals()
        for _ in 0..<2 { XCTAssertEqual(large.intervals(), first) }
    }

    /// Beale's example, which cycles under Dantzig's rule from the slack basis (where phase 1
    /// starts it) with a naive tie rule: the programme itself, maximised and minimised over a
    /// general objective, warm from the last optimum.
    func testBealesCyclingExample() throws {
        let beale = try XCTUnwrap(Self.cases.first { $0.objectives != nil })
        let rows = beale.equations.map { e in
            var row = [Double](repeating: 0, count: beale.unknowns)
            for term in e.terms { row[Int(term[0])] += term[1] }
            return row
        }
        var program = LinearProgram(coefficients: rows, constants: beale.equations.map(\.constant))
        for objective in try XCTUnwrap(beale.objectives) {
            // Twice, the second time warm from the minimum.
            assert(program.maximise(objective.objective), is: objective.max)
            assert(program.minimise(objective.objective), is: objective.min)
            assert(program.maximise(objective.objective), is: objective.max)
        }
    }

    /// An optimum within 1e-9 of the reference; unbounded where it is nil.
    private func assert(_ outcome: LinearProgram.Outcome, is reference: Double?, line: UInt = #line) {
        switch (outcome, reference) {
        case let (.optimum(value), reference?): XCTAssertEqual(value, reference, accuracy: 1e-9, line: line)
        case (.unbounded, nil): break
        default: XCTFail("\(outcome) against scipy's \(String(describing: reference))", line: line)
        }
    }

    func testInfeasibleProgram() {
        var program = LinearProgram(coefficients: [[1, 1], [1, 0]], constants: [5, 7])
        XCTAssertFalse(program.isFeasible)
        XCTAssertEqual(program.maximise([1, 0]), .infeasible)
        XCTAssertEqual(program.minimise([0, 1]), .infeasible)
    }
}
