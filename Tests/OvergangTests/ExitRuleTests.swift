import XCTest
@testable import Episodes
@testable import Extracts

/// The rules of definitions.md §1 (exits) on hand-built persons; expected values are read
/// off the definitions, not off the code.
final class ExitRuleTests: XCTestCase {
    func testOneMonthGapIsNotAnExitButTwoMonthsIs() throws {
        var b = ExtractSetBuilder(from: "2022-01", to: "2022-10")
        // A: registered 0,1, gap in 2, back 3,4, gone from 5 on → one exit, in month 4.
        b.register("A", months: [0, 1, 3, 4])
        // B: registered 0,1, gap in 2 and 3, back 4 → exit in 1; then exit again in 4.
        b.register("B", months: [0, 1, 4])
        let dir = try b.write()
        let (panel, set) = try exits(in: dir)
        XCTAssertEqual(exitsOf("A", panel, set, dir: dir).map(\.0), ["2022-05"])
        XCTAssertEqual(exitsOf("B", panel, set, dir: dir).map(\.0), ["2022-02", "2022-05"])
    }

    func testNedsReclassificationLooksBackExactlyFiveMonths() throws {
        var b = ExtractSetBuilder(from: "2022-01", to: "2022-12")
        // C: NEDS in month 1, ARBS 2..6, exit in 6: NEDS was 5 months before → NEDS exit.
        b.register("C", 1, status: "NEDS")
        b.register("C", months: [2, 3, 4, 5, 6])
        // D: NEDS in month 0, ARBS 1..6, exit in 6: NEDS was 6 months before → stays ARBS.
        b.register("D", 0, status: "NEDS")
        b.register("D", months: [1, 2, 3, 4, 5, 6])
        // E: a NEDS exit stays NEDS.
        b.register("E", months: [3, 4], status: "NEDS")
        let dir = try b.write()
        let (panel, set) = try exits(in: dir)
        XCTAssertEqual(exitsOf("C", panel, set, dir: dir).map(\.1), ["NEDS"])
        XCTAssertEqual(exitsOf("D", panel, set, dir: dir).map(\.1), ["ARBS"])
        XCTAssertEqual(exitsOf("E", panel, set, dir: dir).map(\.1), ["NEDS"])
        // A longer look-back turns D into NEDS as well; none turns C back.
        let (p6, s6) = try exits(in: dir, rules: ExitRules(nedsLookbackMonths: 6))
        XCTAssertEqual(exitsOf("D", p6, s6, dir: dir).map(\.1), ["NEDS"])
        let (p0, s0) = try exits(in: dir, rules: ExitRules(nedsLookbackMonths: 0))
        XCTAssertEqual(exitsOf("C", p0, s0, dir: dir).map(\.1), ["ARBS"])
    }

    func testExitsAtTheEndOfTheDataArePending() throws {
        var b = ExtractSetBuilder(from: "2022-01", to: "2022-06")
        b.register("F", months: [3])        // absent 4, 5 (last): decided; status month 5 exists → counted
        b.register("G", months: [4])        // absent 5, month 6 not in data → pending decision
        b.register("H", months: [5])        // last month → pending decision
        b.register("I", months: [4, 5])     // still registered at the end → pending decision (one, for month 5)
        b.register("J", months: [2, 4])     // registered again in 4: 2 is not an exit; 4 is pending
        let dir = try b.write()
        let (panel, set) = try exits(in: dir)
        XCTAssertEqual(exitsOf("F", panel, set, dir: dir).map(\.0), ["2022-04"])
        XCTAssertEqual(exitsOf("G", panel, set, dir: dir).count, 0)
        XCTAssertEqual(exitsOf("J", panel, set, dir: dir).count, 0)
        XCTAssertEqual(set.pendingDecision, 4)   // G, H, I, J
        XCTAssertEqual(set.pendingOutcome, 0)
        XCTAssertEqual(set.completeMonths, 0..<4) // 2022-01 … 2022-04
        // With the status read three months after, F's status month lies past the data.
        let (_, s3) = try exits(in: dir, outcome: OutcomeRules(horizonMonths: 3))
        XCTAssertEqual(s3.exits.count, 0)
        XCTAssertEqual(s3.pendingOutcome, 1)
        XCTAssertEqual(s3.completeMonths, 0..<3)
    }

    func testIarbsIsNotRegistered() throws {
        var b = ExtractSetBuilder(from: "2022-01", to: "2022-06")
        // K: ARBS in 1, IARBS in 2 and 3 → exit in 1 (IARBS is not a registration by default).
        b.register("K", 1)
        b.register("K", 2, status: "IARBS", innsats: "VURDI")
        b.register("K", 3, status: "IARBS", innsats: "VURDI")
        let dir = try b.write()
        let (panel, set) = try exits(in: dir)
        XCTAssertEqual(exitsOf("K", panel, set, dir: dir).map(\.0), ["2022-02"])
        // With IARBS among the statuses, K is registered through month 3 and exits there.
        let (p2, s2) = try exits(in: dir, rules: ExitRules(statuses: [.arbs, .neds, .iarbs]))
        XCTAssertEqual(exitsOf("K", p2, s2, dir: dir).map { "\($0.0) \($0.1)" }, ["2022-04 IARBS"])
    }

    func testQuietMonthsSetting() throws {
        var b = ExtractSetBuilder(from: "2022-01", to: "2022-08")
        b.register("L", months: [0, 1, 4])  // gap of 2 months (2, 3)
        let dir = try b.write()
        let (p3, s3) = try exits(in: dir, rules: ExitRules(quietMonths: 3))
        XCTAssertEqual(exitsOf("L", p3, s3, dir: dir).map(\.0), ["2022-05"])
        let (p1, s1) = try exits(in: dir, rules: ExitRules(quietMonths: 1))
        XCTAssertEqual(exitsOf("L", p1, s1, dir: dir).map(\.0), ["2022-02", "2022-05"])
    }

    func testMeasureExits() throws {
        var b = ExtractSetBuilder(from: "2022-01", to: "2022-08")
        // M: in ARBTREN months 0-2, still registered without a measure 3-6 → measure exit in 2.
        for i in 0...2 { b.register("M", i, tiltak: "ARBTREN") }
        for i in 3...6 { b.register("M", i) }
        // N: ARBTREN 0-1, VASV 2-3 → with the list [ARBTREN] the exit is in 1; with any measure, in 3.
        for i in 0...1 { b.register("N", i, tiltak: "ARBTREN") }
        for i in 2...3 { b.register("N", i, tiltak: "VASV") }
        let dir = try b.write()
        let (p, s) = try exits(in: dir, rules: ExitRules(kind: .measure(codes: ["ARBTREN"])))
        XCTAssertEqual(exitsOf("M", p, s, dir: dir).map { "\($0.0) \($0.2)" }, ["2022-03 job_seeker"])
        XCTAssertEqual(exitsOf("N", p, s, dir: dir).map(\.0), ["2022-02"])
        let (pa, sa) = try exits(in: dir, rules: ExitRules(kind: .measure(codes: [])))
        XCTAssertEqual(exitsOf("N", pa, sa, dir: dir).map(\.0), ["2022-04"])
    }

    /// §1b on the timelines the issue names: moving to another listed code and out of it, a
    /// one-month break inside the quiet window, a continuation in a row that is not
    /// registered, and a measure row that is not registered (no exit starts there).
    func testMeasureExitTimelines() throws {
        var b = ExtractSetBuilder(from: "2022-01", to: "2022-10")
        // P: ARBTREN 0-1, VASV 2-3 (both listed), registered without a measure 4-9 → one exit, in 3.
        for i in 0...1 { b.register("P", i, tiltak: "ARBTREN") }
        for i in 2...3 { b.register("P", i, tiltak: "VASV") }
        for i in 4...9 { b.register("P", i) }
        // Q: ARBTREN 0-1, a month without it (2), ARBTREN 3, gone from 4 → one exit, in 3
        // (the break is shorter than the two quiet months).
        for i in [0, 1, 3] { b.register("Q", i, tiltak: "ARBTREN") }
        b.register("Q", 2)
        // R: ARBTREN 0-2, then in ARBTREN 3 as IARBS (a row, not registered), gone from 4: the
        // measure goes on in 3 ("a row with a tiltak in that list"), so no exit in 2; month 3 is
        // not a registered row, so no exit starts there either.
        for i in 0...2 { b.register("R", i, tiltak: "ARBTREN") }
        b.register("R", 3, status: "IARBS", tiltak: "ARBTREN")
        // S: ARBTREN 0-1, then registered without a measure 2-3 and gone: the exit is in 1 with
        // status at m+2 = month 3, still registered ARBS → job_seeker.
        for i in 0...1 { b.register("S", i, tiltak: "ARBTREN") }
        for i in 2...3 { b.register("S", i) }
        // T: an unlisted code only (MIDLONTIL) → no measure exit with the list.
        for i in 0...2 { b.register("T", i, tiltak: "MIDLONTIL") }
        let dir = try b.write()
        let (p, s) = try exits(in: dir, rules: ExitRules(kind: .measure(codes: ["ARBTREN", "VASV"])))
        XCTAssertEqual(exitsOf("P", p, s, dir: dir).map(\.0), ["2022-04"])
        XCTAssertEqual(exitsOf("Q", p, s, dir: dir).map(\.0), ["2022-04"])
        XCTAssertEqual(exitsOf("R", p, s, dir: dir).map(\.0), [])
        XCTAssertEqual(exitsOf("S", p, s, dir: dir).map { "\($0.0) \($0.2)" }, ["2022-02 job_seeker"])
        XCTAssertEqual(exitsOf("T", p, s, dir: dir).map(\.0), [])
        // With any measure, T leaves MIDLONTIL in 2; P still leaves once, in 3.
        let (pa, sa) = try exits(in: dir, rules: ExitRules(kind: .measure(codes: [])))
        XCTAssertEqual(exitsOf("T", pa, sa, dir: dir).map(\.0), ["2022-03"])
        XCTAssertEqual(exitsOf("P", pa, sa, dir: dir).map(\.0), ["2022-04"])
        // Register exits of the same people: P is still registered in the last month (pending),
        // S leaves the register in 3.
        let (pr, sr) = try exits(in: dir)
        XCTAssertEqual(exitsOf("P", pr, sr, dir: dir).map(\.0), [])
        XCTAssertEqual(exitsOf("S", pr, sr, dir: dir).map(\.0), ["2022-04"])
    }
}
