import XCTest
@testable import Extracts
@testable import Pipeline

final class ValidationTests: XCTestCase {
    func testValidateListsEveryProblemNotOnlyTheFirst() throws {
        var b = ExtractSetBuilder(from: "2022-01", to: "2022-04")
        for i in 0..<4 { b.register("P1", i) }
        let dir = try b.write()
        try FileManager.default.removeItem(atPath: "\(dir)/aa_202202.csv.gz")
        try "not gzip".write(toFile: "\(dir)/ytelse_202203.csv.gz", atomically: true, encoding: .utf8)
        try ExtractSetBuilder.writeGzip("\(dir)/arena_202204.csv.gz",
                                        [ExtractSetBuilder.arenaHeader, "P1;ARBS;IKVAL;0301;03;;35;K;V;N;N", "P2;ARBS;IKVAL;0301;03;;99;K;V;N;N"].joined(separator: "\n"))
        var input = Configuration.Input()
        input.directory = dir
        let report = try Validation(input: input).run()
        XCTAssertFalse(report.ok)
        XCTAssertEqual(report.missing.map(\.file), ["\(dir)/aa_202202.csv.gz"])
        XCTAssertEqual(report.files.count, 11)
        XCTAssertEqual(report.files.filter { $0.error != nil }.map(\.file.name), ["ytelse_202203.csv.gz"])
        let arena = report.files.first { $0.file.name == "arena_202204.csv.gz" }!
        XCTAssertTrue(arena.overLimit)
        XCTAssertEqual(arena.samples, ["line 3: alder: '…' is not a whole number from 15 to 80"])
    }
}
