import XCTest
@testable import Episodes
@testable import Extracts
@testable import Pipeline

final class ConfigurationTests: XCTestCase {
    func testDefaultsAreThoseOfTheInterface() throws {
        let c = try Configuration.parse(json: "{}")
        XCTAssertEqual(c.input.directory, "sample-data")
        XCTAssertEqual(c.input.maxRejectedShare, 0.001)
        XCTAssertEqual(c.output.directory, "output")
        XCTAssertEqual(c.exit, ExitRules(kind: .register, statuses: [.arbs, .neds], quietMonths: 2, nedsLookbackMonths: 5))
        XCTAssertEqual(c.outcome.horizonMonths, 2)
        XCTAssertEqual(c.outcome.workBenefits.map(\.name), ["DAGP", "AAP", "INDST", "OVST", "UFOR", "ALDER"])
        XCTAssertEqual(c.outcome.disability, [.ufor])
        XCTAssertEqual(c.outcome.oldAge, [.alder])
        XCTAssertEqual(c.cohortBreakdowns.map(\.rawValue), ["enhet", "fylke", "kjonn", "aldersgruppe", "innsatsgruppe"])
    }

    func testEveryKeyIsRead() throws {
        let c = try Configuration.parse(json: """
            {"input": {"directory": "in", "from": "2021-01", "to": "2022-12", "maxRejectedShare": 0.01},
             "output": {"directory": "out", "minCellCount": 5},
             "exit": {"kind": "measure", "measures": ["ARBTREN"], "statuses": ["ARBS"], "quietMonths": 3, "nedsLookbackMonths": 4},
             "outcome": {"horizonMonths": 3, "workBenefits": ["DAGP"], "disability": ["UFOR", "AAP"], "oldAge": []},
             "cohorts": {"breakdowns": ["tiltak"]}, "comparisons": [], "survival": {}, "noe": {}, "stocks": {}, "report": {}}
            """)
        XCTAssertEqual(c.input.from, Month("2021-01"))
        XCTAssertEqual(c.output.minCellCount, 5)
        XCTAssertEqual(c.exit, ExitRules(kind: .measure(codes: ["ARBTREN"]), statuses: [.arbs], quietMonths: 3, nedsLookbackMonths: 4))
        XCTAssertEqual(c.outcome, OutcomeRules(horizonMonths: 3, workBenefits: [.dagp], disability: [.ufor, .aap], oldAge: []))
        XCTAssertEqual(c.cohortBreakdowns, [.tiltak])
        XCTAssertEqual(c.exitStatuses, [.arbs, .neds])  // NEDS rows appear through the look-back
    }

    func testMistakesNameTheKey() {
        let cases: [(String, String)] = [
            (#"{"exit": {"quietMonth": 2}}"#, "pipeline.json: exit.quietMonth: unknown key"),
            (#"{"exit": {"quietMonths": 0}}"#, "pipeline.json: exit.quietMonths: expected a whole number from 1 to 24"),
            (#"{"exit": {"quietMonths": "2"}}"#, "pipeline.json: exit.quietMonths: expected a whole number from 1 to 24"),
            (#"{"exit": {"statuses": ["ARBS", "XX"]}}"#, "pipeline.json: exit.statuses: unknown hovedstatus \"XX\""),
            (#"{"exit": {"statuses": ["ARBS", "NEDS", "ARBS"]}}"#, "pipeline.json: exit.statuses: ARBS is listed twice"),
            (#"{"exit": {"kind": "tiltak"}}"#, "pipeline.json: exit.kind: expected \"register\" or \"measure\", found \"tiltak\""),
            (#"{"input": {"from": "2021-13"}}"#, "pipeline.json: input.from: expected a month YYYY-MM, found '2021-13'"),
            (#"{"input": {"maxRejectedShare": true}}"#, "pipeline.json: input.maxRejectedShare: expected a number from 0.0 to 1.0"),
            (#"{"outcome": {"workBenefits": ["DAGP", "SYKEP"]}}"#, "pipeline.json: outcome.workBenefits: unknown benefit \"SYKEP\""),
            (#"{"cohorts": {"breakdowns": ["kommune"]}}"#, "pipeline.json: cohorts.breakdowns: unknown breakdown \"kommune\""),
            (#"{"comparisons": {}}"#, "pipeline.json: comparisons: expected a list"),
            (#"{"inputs": {}}"#, "pipeline.json: inputs: unknown key"),
            (#"{"input": "#, "pipeline.json:1:11: input: unexpected end of file; expected a value"),
        ]
        for (json, message) in cases {
            XCTAssertThrowsError(try Configuration.parse(json: json), json) { error in
                XCTAssertTrue("\(error)".hasPrefix(message), "'\(error)' does not start with '\(message)'")
            }
        }
    }

    func testRelativePathsResolveAgainstTheConfigurationFolder() throws {
        let dir = temporaryDirectory()
        try #"{"input": {"directory": "data"}, "output": {"directory": "/abs/out"}}"#.write(toFile: "\(dir)/p.json", atomically: true, encoding: .utf8)
        let c = try Configuration.load(path: "\(dir)/p.json")
        XCTAssertEqual(c.input.directory, "\(dir)/data")
        XCTAssertEqual(c.output.directory, "/abs/out")
    }

    func testTheRepositoryPipelineJsonLoads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let c = try Configuration.load(path: root.appendingPathComponent("pipeline.json").path)
        XCTAssertTrue(c.input.directory.hasSuffix("sample-data"))
    }
}
