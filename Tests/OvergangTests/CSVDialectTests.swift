import XCTest
@testable import Pipeline
@testable import Catalogue

/// `output.csv` "nb" (README "Configuration", "Outputs"): the Norwegian spreadsheet copies
/// against `Fixtures/dialect/nb_dialect.py` (the csv module writing the README's rules and
/// reading its files back as a spreadsheet would; its output is committed in
/// `Fixtures/dialect/expected/`, so this test needs no Python).
final class CSVDialectTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/dialect")

    /// Every table of `standard/` read back by the catalogue and written as nb is, byte for
    /// byte, the reference's file: percentages and points to 1 decimal (ties as printf), other
    /// decimals to 6, no minus on a value that rounds to zero, counts and codes (`0105`) as
    /// they are, `;`, a field with `;` or `"` quoted, CRLF, a BOM.
    func testNbFilesAreTheReferencesBytes() throws {
        let standard = Self.fixtures.appendingPathComponent("standard")
        let names = try FileManager.default.contentsOfDirectory(atPath: standard.path).filter { $0.hasSuffix(".csv") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 10)
        for name in names {
            let text = try String(contentsOf: standard.appendingPathComponent(name), encoding: .utf8)
            let table = try CSVTable.read(name: name, text: text)
            let expected = try Data(contentsOf: Self.fixtures.appendingPathComponent("expected/\(name)"))
            XCTAssertEqual(Data(table.csvText(.nb).utf8), expected, name)
        }
    }

    /// A run with `output.csv` "nb" publishes the standard tables unchanged and, in `nb/`, one
    /// copy of each in the dialect; the manifest records the setting and lists the copies.
    func testRunWritesNbCopiesBesideUnchangedStandardTables() throws {
        let plain = try publishedTables(sampleRun { $0.report.formats = [] })
        let folder = sampleRun { $0.report.formats = []; $0.output.csv = .nb }
        XCTAssertEqual(try publishedTables(folder), plain, "the standard tables do not depend on output.csv")
        let copies = try FileManager.default.contentsOfDirectory(atPath: folder + "/nb")
        XCTAssertEqual(Set(copies), Set(plain.keys))
        for (name, text) in plain {
            let written = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/nb/\(name)"))
            XCTAssertEqual(written, Data(try CSVTable.read(name: name, text: text).csvText(.nb).utf8), name)
        }
        let manifest = try Manifest.decoded(Data(contentsOf: URL(fileURLWithPath: folder + "/" + Catalogue.manifest)), file: "")
        XCTAssertEqual(manifest.configuration.output.csv, "nb")
        XCTAssertTrue(manifest.outputs.contains("nb/exit_cohorts.csv"))
    }

    func testConfigurationReadsOutputCsvAndNamesABadValue() throws {
        XCTAssertEqual(try Configuration.parse(json: #"{"output": {"csv": "nb"}}"#).output.csv, .nb)
        XCTAssertEqual(try Configuration.parse(json: #"{"output": {}}"#).output.csv, .standard)
        XCTAssertNil(try Configuration.parse(json: "{}").effective.output.csv, "absent from the manifest when standard")
        XCTAssertThrowsError(try Configuration.parse(json: #"{"output": {"csv": "excel"}}"#)) { error in
            XCTAssertTrue("\(error)".contains(#"output.csv: expected "standard" or "nb", found "excel""#), "\(error)")
        }
    }
}
