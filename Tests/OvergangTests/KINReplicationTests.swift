import XCTest
@testable import Pipeline

/// The KIN example (`Fixtures/kin/`): extracts built by `make_extracts.py` so that the exits
/// of five trial/comparison office pairs in a baseline and a trial period have the counts of
/// `counts.csv`, run through the whole pipeline with `Fixtures/kin/pipeline.json` (the
/// trial offices' trial-period exits from the measure KIN, all others from AVKLARAG, noise
/// the filters must leave out), against `expected.csv`, which `reference.py` computes from
/// the counts alone with numpy/scipy: shares, changes, DiD, SE by both methods (the KIN
/// reports' 100·sqrt(1/n_TB + 1/n_CB) and the binomial), interval, z, one-sided p, did_pct.
///
/// The counts are illustrative, not the published ones: the tables of the KIN final report
/// (AFI-rapport 2016:05) could not be read from this workplace (README, "Reproducing an
/// evaluation"). With the published counts in `counts.csv` the same test and scripts give
/// the published figures.
final class KINReplicationTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/kin")

    func testPipelineGivesTheReferenceFiguresFromTheCounts() throws {
        var config = try Configuration.load(path: Self.folder.appendingPathComponent("pipeline.json").path)
        let output = temporaryDirectory() + "/out"
        config.output.directory = output
        _ = try PipelineRun(config: config).run()

        let ours = try csvRecords(atPath: output + "/comparisons.csv")
        let expected = try csvRecords(atPath: Self.folder.appendingPathComponent("expected.csv").path)
        XCTAssertEqual(ours.count, expected.count)
        XCTAssertEqual(expected.count, 2 * 6 * 3)   // 2 comparisons × (5 pairs + total) × 3 measures
        for want in expected {
            let key = "\(want["comparison"]!)/\(want["unit"]!)/\(want["measure"]!)"
            guard let got = ours.first(where: { $0["comparison"] == want["comparison"] && $0["unit"] == want["unit"] && $0["measure"] == want["measure"] })
            else { XCTFail("no row \(key)"); continue }
            for (column, value) in want where !["comparison", "unit", "measure"].contains(column) {
                if column.hasSuffix("_exits") || column.hasSuffix("_count") {
                    XCTAssertEqual(got[column], value, "\(key) \(column)")
                } else if let w = Double(value), let g = got[column].flatMap(Double.init) {
                    XCTAssertEqual(g, w, accuracy: 1e-9 * max(1, abs(w)), "\(key) \(column)")
                } else {
                    XCTAssertEqual(got[column], value, "\(key) \(column)")
                }
            }
            XCTAssertEqual(got["se_method"], want["comparison"] == "kin" ? "baseline-counts" : "binomial", key)
        }
        // The reports' SE is one number per row, whatever the measure: 100·sqrt(1/212 + 1/254)
        // for the first pair (its baseline exits), worked by hand.
        let pair1 = ours.filter { $0["comparison"] == "kin" && $0["unit"] == "1201" }
        XCTAssertEqual(Set(pair1.map { $0["se_pp"]! }).count, 1)
        XCTAssertEqual(Double(pair1[0]["se_pp"]!)!, 9.302681874648416, accuracy: 1e-12)
    }
}
