import XCTest
@testable import Episodes
@testable import Pipeline

/// `outcome.categories`/`classes`/`order` and `exit.between*` (definitions.md §7c): read,
/// recorded, and every mistake named by the rule at fault.
final class OutcomeCategoryConfigurationTests: XCTestCase {
    func error(_ outcome: String, extra: String = #", "comparisons": []"#) -> String {
        do {
            _ = try Configuration.parse(json: #"{"outcome": "# + outcome + "}" + extra + "}")
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    func testMistakesNameTheRuleAtFault() {
        XCTAssertEqual(error(#"{"categories": [{"name": "Jobb", "employed": true, "benefits": ["UFØR"]}, {"name": "other"}], "classes": {"Jobb": "work"}"#),
                       #"pipeline.json: outcome.categories[0] ("Jobb").benefits: unknown benefit "UFØR""#)
        XCTAssertEqual(error(#"{"categories": [{"name": "Søker", "registered": ["SØK"]}, {"name": "other"}], "classes": {"Søker": "other"}"#),
                       #"pipeline.json: outcome.categories[0] ("Søker").registered: unknown hovedstatus "SØK""#)
        XCTAssertEqual(error(#"{"categories": [{"name": "Jobb", "employed": true}, {"name": "Rest"}], "classes": {"Jobb": "work"}"#),
                       #"pipeline.json: outcome.categories[1] ("Rest"): the category has no class in outcome.classes"#)
        XCTAssertEqual(error(#"{"categories": [{"name": "Jobb", "employed": true}, {"name": "other"}], "classes": {"Jobb": "arbeid"}"#),
                       #"pipeline.json: outcome.classes.Jobb: "arbeid" is not a headline class (work, work_benefit, disability, other)"#)
        XCTAssertEqual(error(#"{"categories": [{"name": "other"}, {"name": "Jobb", "employed": true}], "classes": {"Jobb": "work"}"#),
                       #"pipeline.json: outcome.categories[1] ("Jobb"): can never match: categories[0] ("other") has no condition and catches everyone"#)
        XCTAssertEqual(error(#"{"categories": [{"name": "Jobb", "employed": true}], "classes": {"Jobb": "work"}"#),
                       #"pipeline.json: outcome.categories[0] ("Jobb"): the last rule must have no condition (e.g. { "name": "other" }), so that every exit gets a status"#)
        XCTAssertEqual(error(#"{"categories": [{"name": "Jobb", "employed": true, "benefit": ["AAP"]}, {"name": "other"}], "classes": {"Jobb": "work"}"#),
                       #"pipeline.json: outcome.categories[0] ("Jobb").benefit: unknown key"#)
        XCTAssertEqual(error(#"{"categories": [{"name": "other"}], "classes": {"Jobb": "work"}"#),
                       #"pipeline.json: outcome.classes.Jobb: names no category of outcome.categories"#)
        XCTAssertEqual(error(#"{"categories": [{"name": "Søker", "registered": ["IARBS"]}, {"name": "other"}], "classes": {"Søker": "other"}"#),
                       #"pipeline.json: outcome.categories[0] ("Søker").registered: IARBS is not in exit.statuses, so it never counts as registered"#)
        XCTAssertEqual(error(#"{"categories": [{"name": "other"}]"#, extra: #", "comparisons": [{"name": "x", "baseline": {"from": "2021-03", "to": "2021-11"}, "comparison": {"from": "2023-03", "to": "2023-11"}}]"#),
                       #"pipeline.json: comparisons: not available with outcome.categories yet (their tables and suppression use §2's statuses); set "comparisons": []"#)
        XCTAssertEqual(error(#"{"classes": {"other": "other"}"#), #"pipeline.json: outcome.classes: needs outcome.categories"#)
    }

    func testBetweenMeasuresNeedsMeasureExits() {
        XCTAssertThrowsError(try Configuration.parse(json: #"{"exit": {"betweenMeasures": true}}"#)) { e in
            XCTAssertEqual("\(e)", #"pipeline.json: exit.betweenMeasures: applies to measure exits only (exit.kind "measure")"#)
        }
        XCTAssertThrowsError(try Configuration.parse(json: #"{"exit": {"kind": "measure", "betweenStatuses": true}}"#)) { e in
            XCTAssertEqual("\(e)", #"pipeline.json: exit.betweenStatuses: applies to register exits only (exit.kind "register"); measure exits have betweenMeasures"#)
        }
    }

    /// The official example: its categories in NAV's order, each with its class, recorded in the
    /// manifest; the defaults record nothing new (a default manifest is as before).
    func testOfficialExampleIsReadAndRecorded() throws {
        let c = try Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("examples/nav-official.json").path)
        XCTAssertTrue(c.exit.betweenStatuses)
        let categories = try XCTUnwrap(c.outcome.categories)
        XCTAssertEqual(categories.names, ["Kun arbeidstaker", "Arbeidstakere med uføretrygd", "Arbeidstakere med annen ytelse/oppfølging",
                                          "Uføretrygd", "Annen ytelse", "Nedsatt arbeidsevne", "Arbeidssøker", "Ukjent"])
        XCTAssertEqual(categories.classes.map(\.name), ["work", "work_benefit", "work_benefit", "disability", "other", "other", "other", "other"])
        XCTAssertEqual(c.effective.outcome.order, categories.names)
        XCTAssertEqual(c.effective.exit.betweenStatuses, true)
        XCTAssertNil(Configuration().effective.outcome.categories)
        XCTAssertNil(Configuration().effective.exit.betweenStatuses)
    }
}
