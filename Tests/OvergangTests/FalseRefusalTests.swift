import XCTest
@testable import Extracts
@testable import Pipeline

/// Genuine deliveries that a check once refused.
final class FalseRefusalTests: XCTestCase {
    /// A checksum or signature beside an extract is not a misnamed extract; misnamed extracts
    /// still stop the run.
    func testSideFilesOfAnExtractAreNotExtracts() throws {
        for name in ["aa_202401.csv.gz.md5", "arena_202401.csv.gz.sha256", "ytelse_202401.csv.gz.sig"] {
            XCTAssertNil(try ExtractFile.recognise(name: name, in: "/x"), name)
        }
        for name in ["aa_202401.csv", "aa_2024-01.csv.gz", "aa_202401.csv.gz~", "aa_202401.csv.gz."] {
            XCTAssertThrowsError(try ExtractFile.recognise(name: name, in: "/x"), name)
        }
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for name in ["aa_202401.csv.gz", "aa_202401.csv.gz.md5"] {
            FileManager.default.createFile(atPath: dir + "/" + name, contents: Data())
        }
        XCTAssertEqual(try ExtractInventory(directory: dir).files.map(\.name), ["aa_202401.csv.gz"])
    }

    /// A register starting up (100 rows rising to 300 in six months) is not short in its first
    /// month, nor one winding down in its last; a header-only file at either edge still is.
    func testARegisterStartingUpOrWindingDownIsNotShort() {
        let months = MonthRange(from: Month("2022-01")!, to: Month("2022-10")!)
        let files = months.months.map { ExtractFile(kind: .arena, month: $0, path: "arena_\($0.compact).csv.gz") }
        func short(_ rows: [Int]) -> [String] {
            let stats = zip(files, rows).map { var s = FileStats(file: $0); s.rowsRead = $1; return s }
            return ShortDeliveryCheck(minRowShare: 0.5).shortFiles(files, stats: stats, in: months).map(\.file)
        }
        let rising = [100, 140, 180, 220, 260, 300, 300, 300, 300, 300]
        XCTAssertEqual(short(rising), [])
        XCTAssertEqual(short(rising.reversed()), [])
        XCTAssertEqual(short([0] + rising.dropFirst()), ["arena_202201.csv.gz"])
        XCTAssertEqual(short(rising.dropLast() + [0]), ["arena_202210.csv.gz"])
        // Two header-only files side by side: the one next to a full file is named.
        XCTAssertEqual(short([300, 300, 300, 300, 0, 0, 300, 300, 300, 300]),
                       ["arena_202205.csv.gz", "arena_202206.csv.gz"])
    }
}
