import XCTest
@testable import Episodes
@testable import Extracts

/// The status after exit (definitions.md §2), read at the end of m + 2.
final class OutcomeRuleTests: XCTestCase {
    /// Each person exits in month 1 (2022-02); the status month is 3 (2022-04, 30 days).
    func outcomes(_ build: (inout ExtractSetBuilder) -> Void, outcome: OutcomeRules = OutcomeRules()) throws -> [String: String] {
        var b = ExtractSetBuilder(from: "2022-01", to: "2022-07")
        build(&b)
        let dir = try b.write()
        let (panel, set) = try exits(in: dir, outcome: outcome)
        var result = [String: String]()
        for person in ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"] {
            if let e = exitsOf(person, panel, set, dir: dir).first { result[person] = e.2 }
        }
        return result
    }

    func testEmploymentEndingOnTheLastDayCountsAndTheDayBeforeDoesNot() throws {
        let r = try outcomes { b in
            for p in ["A", "B", "C", "D", "E"] { b.register(p, months: [0, 1]) }
            b.employ("A", 3, start: "2022-03-15", end: "2022-04-30")   // ends on the last day → employed
            b.employ("B", 3, start: "2022-03-15", end: "2022-04-29")   // ends the day before → not
            b.employ("C", 3, start: "2022-04-30")                       // starts on the last day, ongoing → employed
            b.employ("D", 3, start: "2021-06-01")                       // ongoing → employed
            // E: two relationships, one ended mid-month, one ongoing → employed.
            b.employ("E", 3, id: "AF7", start: "2020-01-01", end: "2022-04-10")
            b.employ("E", 3, id: "AF8", start: "2022-04-11")
        }
        XCTAssertEqual(r, ["A": "work_only", "B": "other", "C": "work_only", "D": "work_only", "E": "work_only"])
    }

    func testEmploymentWithAndWithoutEachBenefit() throws {
        let codes = ["DAGP", "AAP", "TILTP", "INDST", "OVST", "UFOR", "ALDER"]
        let persons = ["A", "B", "C", "D", "E", "F", "G"]
        let r = try outcomes { b in
            for (p, code) in zip(persons, codes) {
                b.register(p, months: [0, 1])
                b.employ(p, 3, start: "2021-01-01")
                b.benefit(p, 3, code)
            }
            // H: employed, no benefit. I: employed, benefit only in another month.
            b.register("H", months: [0, 1]); b.employ("H", 3, start: "2021-01-01")
            b.register("I", months: [0, 1]); b.employ("I", 3, start: "2021-01-01"); b.benefit("I", 2, "DAGP")
        }
        // TILTP is not among the work benefits (outcome.workBenefits), so it stays work_only.
        XCTAssertEqual(r, ["A": "work_benefit", "B": "work_benefit", "C": "work_only", "D": "work_benefit",
                           "E": "work_benefit", "F": "work_benefit", "G": "work_benefit", "H": "work_only", "I": "work_only"])
    }

    func testBenefitsWithoutWork() throws {
        let r = try outcomes { b in
            for p in ["A", "B", "C", "D", "E"] { b.register(p, months: [0, 1]) }
            b.benefit("A", 3, "UFOR")                       // disability
            b.benefit("B", 3, "ALDER")                      // old age
            b.benefit("C", 3, "UFOR"); b.benefit("C", 3, "ALDER")  // disability comes first
            b.benefit("D", 3, "DAGP")                       // other
            // E: nothing at all → other
        }
        XCTAssertEqual(r, ["A": "disability", "B": "old_age", "C": "disability", "D": "other", "E": "other"])
    }

    func testRegisteredAgainWhenTheHorizonIsLongerThanTheQuietMonths() throws {
        // Status read at the end of m + 3 = month 4 (2022-05).
        let r = try outcomes({ b in
            for p in ["A", "B", "C", "D"] { b.register(p, months: [0, 1]) }
            b.register("A", 4)                              // ARBS again → job_seeker
            b.register("B", 4, status: "NEDS")              // NEDS → reduced_capacity
            b.register("C", 4); b.employ("C", 4, start: "2022-05-02")  // employment comes first → work_only
            b.register("D", 4, status: "IARBS", innsats: "VURDU"); b.benefit("D", 4, "UFOR")  // IARBS is not registered
        }, outcome: OutcomeRules(horizonMonths: 3))
        XCTAssertEqual(r, ["A": "job_seeker", "B": "reduced_capacity", "C": "work_only", "D": "disability"])
    }

    func testConfiguredBenefitLists() throws {
        let r = try outcomes({ b in
            for p in ["A", "B"] { b.register(p, months: [0, 1]) }
            b.employ("A", 3, start: "2021-01-01"); b.benefit("A", 3, "DAGP")
            b.benefit("B", 3, "AAP")
        }, outcome: OutcomeRules(workBenefits: [.aap], disability: [.aap], oldAge: []))
        XCTAssertEqual(r, ["A": "work_only", "B": "disability"])
    }

    func testHeadlineClasses() {
        XCTAssertEqual(DetailedStatus.allCases.map(\.headline.name),
                       ["work", "work_benefit", "other", "other", "disability", "other", "other"])
    }
}
