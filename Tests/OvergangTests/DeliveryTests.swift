import XCTest
@testable import Extracts
@testable import Pipeline

/// Deliveries as the registers send them (extracts.md): employment rows outside their month
/// are valid, a short delivery stops the run, and context months before `input.from` make
/// exits and entries independent of where the range starts.
final class DeliveryTests: XCTestCase {
    static let sampleData = SampleDataFixtureTests.repository.appendingPathComponent("sample-data").path

    func configuration(input: String, output: String) -> Configuration {
        var c = Configuration()
        c.input.directory = input
        c.output.directory = output
        c.report.formats = []
        return c
    }

    func inputs(_ dir: String) throws -> [String: [String: JSONValue]] {
        let manifest = try JSONDecoder().decode(JSONValue.self, from: FileManager.default.contents(atPath: "\(dir)/manifest.json")!)
        guard case .object(let m) = manifest, case .array(let list)? = m["inputs"] else { XCTFail("manifest shape"); return [:] }
        var out = [String: [String: JSONValue]]()
        for case .object(let i) in list { if case .string(let name)? = i["file"] { out[name] = i } }
        return out
    }

    /// Every aa file holds more rows outside its month than inside it: the run ends, nothing
    /// is set aside, the rows are counted per file, and every table is the one without them.
    func testRelationshipsOutsideTheirMonthAreValidAtAnyShare() throws {
        var plain = smallExtractSet()
        // Employed only by a relationship that starts after the status month: not in work.
        plain.register("AHEAD", 0)
        var outside = plain
        outside.employ("AHEAD", 2, id: "AFX", start: "2022-04-01")
        for (i, m) in plain.months.months.enumerated() {
            let count = plain.aa[m]!.count + 3
            for k in 0..<count {
                let person = "P\(k % 40)"
                // Registered ahead of its start, or ended before the month and corrected late.
                if k % 2 == 0 { outside.employ(person, i, id: "AF9\(k)", start: (m + 1).description + "-15") }
                else { outside.employ(person, i, id: "AF9\(k)", start: "2015-01-01", end: (m - 1).description + "-28") }
            }
        }
        let reference = temporaryDirectory() + "/out"
        _ = try PipelineRun(config: configuration(input: try plain.write(), output: reference)).run()
        let output = temporaryDirectory() + "/out"
        let summary = try PipelineRun(config: configuration(input: try outside.write(), output: output)).run()
        XCTAssertEqual(summary.rowsSetAside, 0)
        XCTAssertEqual(try publishedTables(output), try publishedTables(reference))
        let files = try inputs(output)
        for (i, m) in plain.months.months.enumerated() {
            let expected = plain.aa[m]!.count + 3 + (i == 2 ? 1 : 0)
            XCTAssertEqual(files["aa_\(m.compact).csv.gz"]?["rowsOutsideMonth"], JSONValue(expected), "\(m)")
            XCTAssertEqual(files["arena_\(m.compact).csv.gz"]?["rowsOutsideMonth"], JSONValue(0))
        }
        let exits = try String(contentsOfFile: output + "/exit_cohorts_detailed.csv", encoding: .utf8)
        XCTAssertTrue(exits.contains("2022-01,ARBS,other,"), exits)
    }

    /// One row in five outside the month is far above the reject limit, and no reject.
    func testAFiveRowFileWithOneRowOutsideItsMonthIsFine() throws {
        var b = smallExtractSet()
        let m = b.month(3)
        b.aa[m] = (0..<4).map { "P\($0);AF\($0);987654321;2021-01-01;;100" } + ["P4;AF4;987654321;2022-05-02;;100"]
        let summary = try PipelineRun(config: configuration(input: try b.write(), output: temporaryDirectory() + "/out")).run()
        XCTAssertEqual(summary.rowsSetAside, 0)
        XCTAssertEqual(summary.rowsOutsideMonth, 1)
    }

    /// A relationship that ends before it starts still breaks the table.
    func testEndBeforeStartAboveTheLimitStillStopsTheRun() throws {
        var b = smallExtractSet()
        b.employ("P1", 3, id: "AFBAD", start: "2021-05-01", end: "2021-04-30")
        let output = temporaryDirectory() + "/out"
        XCTAssertThrowsError(try PipelineRun(config: configuration(input: try b.write(), output: output)).run()) { error in
            guard let e = error as? ExtractError, case .tooManySetAside = e.reason else { return XCTFail("\(error)") }
            XCTAssertTrue(e.file.hasSuffix("aa_202204.csv.gz"), e.file)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }

    /// A header-only Arena file inside the range of a sizeable set is a short delivery (65),
    /// named with its count and its neighbours'; `input.minRowShare` 0 accepts it.
    func testAShortDeliveryStopsTheRun() throws {
        let input = temporaryDirectory()
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.sampleData) {
            try FileManager.default.copyItem(atPath: "\(Self.sampleData)/\(name)", toPath: "\(input)/\(name)")
        }
        try ExtractSetBuilder.writeGzip("\(input)/arena_202105.csv.gz", ExtractSetBuilder.arenaHeader + "\n")
        let output = temporaryDirectory() + "/out"
        var config = configuration(input: input, output: output)
        config.input.to = Month("2021-09")
        XCTAssertThrowsError(try PipelineRun(config: config).run()) { error in
            guard let e = error as? ExtractError, case .shortDelivery(let rows, let median, _) = e.reason else { return XCTFail("\(error)") }
            XCTAssertEqual(rows, 0)
            XCTAssertGreaterThan(median, 1000)
            XCTAssertTrue("\(e)".hasPrefix("\(input)/arena_202105.csv.gz: a short delivery? 0 rows"), "\(e)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
        var validation = Configuration.Input()
        validation.directory = input
        validation.to = Month("2021-09")
        XCTAssertEqual(try Validation(input: validation).run().shortDeliveries.count, 1)
        config.input.minRowShare = 0
        XCTAssertNoThrow(try PipelineRun(config: config).run())
    }

    /// Small files (neighbours under `ShortDeliveryCheck.smallFile` rows) are not judged.
    func testSmallFilesAreNotJudgedShort() {
        let months = MonthRange(from: Month("2022-01")!, to: Month("2022-05")!)
        let files = months.months.map { ExtractFile(kind: .arena, month: $0, path: "arena_\($0.compact).csv.gz") }
        func stats(_ rows: [Int]) -> [FileStats] {
            zip(files, rows).map { var s = FileStats(file: $0); s.rowsRead = $1; return s }
        }
        let check = ShortDeliveryCheck(minRowShare: 0.5)
        XCTAssertEqual(check.shortFiles(files, stats: stats([40, 40, 0, 40, 40]), in: months), [])
        XCTAssertEqual(check.shortFiles(files, stats: stats([400, 400, 199, 400, 400]), in: months).map(\.file), ["arena_202203.csv.gz"])
        XCTAssertEqual(check.shortFiles(files, stats: stats([400, 400, 200, 400, 400]), in: months), [])
        // Only files in the analysed range are judged; the others count as neighbours.
        XCTAssertEqual(check.shortFiles(files, stats: stats([0, 400, 400, 400, 400]),
                                        in: MonthRange(from: Month("2022-02")!, to: Month("2022-05")!)), [])
    }

    /// A range that starts inside the data reads the months before it as context: exits and
    /// their status, and the survival analysis's entries, are those of the whole data.
    func testARangeStartingInsideTheDataGivesTheWholeDataResults() throws {
        let json = #"{"survival": {"baseline": {"from": "2021-06", "to": "2021-11"}, "comparison": {"from": "2023-03", "to": "2023-11"}}}"#
        var whole = try Configuration.parse(json: json)
        whole.input.directory = Self.sampleData
        whole.output.directory = temporaryDirectory() + "/whole"
        whole.report.formats = []
        var late = whole
        late.input.from = Month("2021-06")
        late.output.directory = temporaryDirectory() + "/late"
        _ = try PipelineRun(config: whole).run()
        let summary = try PipelineRun(config: late).run()
        // The NEDS look-back (5 months) is read from 2021-01.
        XCTAssertEqual(summary.files.filter { $0.kind == "arena" && $0.month < "2021-06" }.map(\.month),
                       ["2021-01", "2021-02", "2021-03", "2021-04", "2021-05"])
        let a = try publishedTables(whole.output.directory), b = try publishedTables(late.output.directory)
        for name in ["exit_cohorts.csv", "exit_cohorts_detailed.csv", "exit_cohorts_by_enhet.csv"] {
            let wholeRows = a[name]!.split(separator: "\n").filter { $0.hasPrefix("exit_month") || $0 >= "2021-06" }
            XCTAssertEqual(b[name]!.split(separator: "\n"), wholeRows, name)
            XCTAssertTrue(a[name]!.contains("\n2021-06,NEDS,"), name)
        }
        // Life tables of the comparison period are the same, and so are the baseline's, whose
        // first entries need 2021-04 and 2021-05 (context) to be decided.
        for name in ["lifetables.csv", "kaplan_meier.csv", "survival_spells.csv", "cumulative_incidence.csv"] {
            XCTAssertEqual(b[name], a[name], name)
        }
        XCTAssertTrue(a["survival_spells.csv"]!.contains(",baseline,"))
    }
}
