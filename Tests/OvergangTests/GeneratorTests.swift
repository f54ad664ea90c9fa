import XCTest
@testable import Episodes
@testable import Extracts
@testable import Generator
@testable import Pipeline

/// The synthetic extracts: deterministic, valid by our own reader, and realistic in the ways
/// the rules need (gaps, repeated exits, NEDS histories, the national unit from 2023).
final class GeneratorTests: XCTestCase {
    func generate(seed: UInt64 = 3) throws -> String {
        let dir = temporaryDirectory()
        var options = GeneratorOptions(persons: 400, from: Month(year: 2022, month: 1), to: Month(year: 2023, month: 12), seed: seed)
        options.workforcePerPerson = 1
        _ = try SyntheticExtracts.write(options, to: dir)
        return dir
    }

    func testSameSeedSameBytesOtherSeedOtherBytes() throws {
        let a = try generate(), b = try generate(), c = try generate(seed: 4)
        let names = try FileManager.default.contentsOfDirectory(atPath: a).sorted()
        XCTAssertEqual(names.count, 72)
        XCTAssertEqual(names, try FileManager.default.contentsOfDirectory(atPath: b).sorted())
        for n in names {
            XCTAssertEqual(FileManager.default.contents(atPath: "\(a)/\(n)"), FileManager.default.contents(atPath: "\(b)/\(n)"), n)
        }
        XCTAssertNotEqual(FileManager.default.contents(atPath: "\(a)/arena_202301.csv.gz"),
                          FileManager.default.contents(atPath: "\(c)/arena_202301.csv.gz"))
    }

    func testGeneratedExtractsFollowTheDeliveryFormatAndExerciseTheRules() throws {
        let dir = try generate()
        var input = Configuration.Input()
        input.directory = dir
        let report = try Validation(input: input).run()
        XCTAssertTrue(report.ok)
        XCTAssertEqual(report.files.reduce(0) { $0 + ($1.stats?.rowsSetAside ?? 0) }, 0)
        XCTAssertTrue(report.files.filter { $0.file.kind == .ytelse }.allSatisfy { $0.stats!.gzipMembers == 2 })

        let (panel, set) = try exits(in: dir)
        XCTAssertGreaterThan(set.exits.count, 200)
        var oneMonthGaps = 0, repeatExits = 0, unitBefore2023 = 0, unitFrom2023 = 0, nedsExits = 0, employedAfter = 0
        let start2023 = Month("2023-01")! - panel.months.from
        for p in 0..<panel.personCount {
            for m in 1..<(panel.monthCount - 1) where panel.row(p, m - 1).hasRow && !panel.row(p, m).hasRow && panel.row(p, m + 1).hasRow {
                oneMonthGaps += 1
            }
            for m in 0..<panel.monthCount where panel.row(p, m).enhet == 4154 && panel.row(p, m).hasRow {
                if m < start2023 { unitBefore2023 += 1 } else { unitFrom2023 += 1 }
            }
        }
        var exitsPerPerson = [UInt32: Int]()
        for e in set.exits {
            exitsPerPerson[e.person, default: 0] += 1
            if e.status == .neds { nedsExits += 1 }
            if [.work, .workBenefit].contains(set.categories.headline(e.outcome)) { employedAfter += 1 }
        }
        repeatExits = exitsPerPerson.values.filter { $0 > 1 }.count
        XCTAssertGreaterThan(oneMonthGaps, 5)
        XCTAssertGreaterThan(repeatExits, 5)
        XCTAssertEqual(unitBefore2023, 0)
        XCTAssertGreaterThan(unitFrom2023, 100)
        XCTAssertGreaterThan(nedsExits, 5)
        let share = Double(employedAfter) / Double(set.exits.count)
        XCTAssertTrue((0.35...0.75).contains(share), "share employed after exit \(share)")
    }

    func testGzipWriterMembersReadBack() throws {
        let dir = temporaryDirectory()
        let w = try GzipWriter(path: "\(dir)/arena_202201.csv.gz")
        try w.write(ExtractSetBuilder.arenaHeader + "\n")
        try w.finishMember()
        try w.write("P1;ARBS;IKVAL;0301;03;;35;K;V;N;N\n")
        try w.finishMember()
        try w.write("P2;NEDS;BATT;0219;30;;50;M;G;J;N")
        try w.close()
        let file = try ExtractFile.recognise(name: "arena_202201.csv.gz", in: dir)!
        let a = try ArenaExtract.read(file, quarantine: Quarantine(fileName: file.name, path: nil))
        XCTAssertEqual(a.rows.count, 2)
        XCTAssertEqual(a.stats.gzipMembers, 3)
    }
}
