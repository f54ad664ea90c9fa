import XCTest
@testable import Pipeline

/// The tables for `sample-data/` against values computed independently from the spec by
/// `Fixtures/reference/exit_cohorts.py` (standard-library Python; its output is committed
/// in `Fixtures/sample-expected/`, so this test needs no Python).
final class SampleDataFixtureTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let expected = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/sample-expected")

    /// Rows keyed by every column but the numbers, so the comparison does not depend on row order.
    func keyed(_ text: String, keyColumns: Int) -> [String: [String]] {
        var out = [String: [String]]()
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            out[fields.prefix(keyColumns).joined(separator: ",")] = Array(fields.dropFirst(keyColumns))
        }
        return out
    }

    func testSampleDataTablesEqualTheIndependentReference() throws {
        let output = temporaryDirectory() + "/out"
        var config = try Configuration.load(path: Self.repository.appendingPathComponent("pipeline.json").path)
        config.output.directory = output
        let summary = try PipelineRun(config: config).run()

        let tables: [(String, Int)] = [
            ("exit_cohorts.csv", 3), ("exit_cohorts_detailed.csv", 3), ("exit_cohorts_by_enhet.csv", 4),
            ("exit_cohorts_by_fylke.csv", 4), ("exit_cohorts_by_kjonn.csv", 4), ("exit_cohorts_by_aldersgruppe.csv", 4),
            ("exit_cohorts_by_innsatsgruppe.csv", 4),
        ]
        for (name, keys) in tables {
            let ours = try String(contentsOfFile: "\(output)/\(name)", encoding: .utf8)
            let reference = try String(contentsOf: Self.expected.appendingPathComponent(name), encoding: .utf8)
            XCTAssertEqual(ours.split(separator: "\n").first, reference.split(separator: "\n").first, "\(name) header")
            let a = keyed(ours, keyColumns: keys), b = keyed(reference, keyColumns: keys)
            XCTAssertEqual(a.count, b.count, "\(name) rows")
            XCTAssertFalse(a.isEmpty, name)
            for (key, theirs) in b {
                guard let mine = a[key] else { XCTFail("\(name): no row \(key)"); continue }
                XCTAssertEqual(mine[0], theirs[0], "\(name) \(key) count")
                XCTAssertEqual(mine[1], theirs[1], "\(name) \(key) exits")
                // Shares: the same double (both print the shortest round-trip text).
                XCTAssertEqual(Double(mine[2]), Double(theirs[2]), "\(name) \(key) pct")
            }
        }
        // Exits and pending exits as the reference counts them.
        let refSummary = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: Self.expected.appendingPathComponent("summary.json")))
        guard case .object(let s) = refSummary else { return XCTFail("summary.json") }
        XCTAssertEqual(s["exits"], JSONValue(summary.exitsTabulated))
        XCTAssertEqual(s["pending_decision"], JSONValue(summary.pendingDecision))
        XCTAssertEqual(s["pending_outcome"], JSONValue(summary.pendingOutcome))
        XCTAssertEqual(summary.rowsSetAside, 0)
    }
}
