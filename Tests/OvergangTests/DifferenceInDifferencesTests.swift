import XCTest
@testable import Statistics

/// Shares, changes, DiD, SE, interval, z, p and relative effect against values computed
/// independently by `Fixtures/did/reference.py` (numpy/scipy; its output is committed).
final class DifferenceInDifferencesTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/did")

    func rows(_ name: String) throws -> [[String: String]] {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    func assertClose(_ ours: Double?, _ reference: String, _ what: String) {
        if reference.isEmpty { return XCTAssertNil(ours, "\(what): expected empty, got \(String(describing: ours))") }
        guard let ours, let theirs = Double(reference) else { return XCTFail("\(what): expected \(reference), got nil") }
        XCTAssertEqual(ours, theirs, accuracy: max(1e-12, abs(theirs) * 1e-10), what)
    }

    func testAgainstTheReferenceFixture() throws {
        let cases = try rows("cases.csv")
        let expected = try rows("expected.csv")
        XCTAssertEqual(cases.count, 20)
        for (c, e) in zip(cases, expected) {
            XCTAssertEqual(c["case"], e["case"])
            func p(_ prefix: String) -> Proportion { Proportion(Int(c[prefix + "_count"]!)!, of: Int(c[prefix + "_n"]!)!) }
            let did = DifferenceInDifferences(treatment: PeriodChange(baseline: p("tb"), comparison: p("tc")),
                                              control: PeriodChange(baseline: p("cb"), comparison: p("cc")),
                                              method: DiDStandardError(rawValue: c["se"]!)!)
            let label = "\(c["case"]!)/\(c["se"]!)"
            assertClose(did.treatment.baseline.percent, e["treatment_baseline_pct"]!, "\(label) treatment_baseline_pct")
            assertClose(did.treatment.comparison.percent, e["treatment_comparison_pct"]!, "\(label) treatment_comparison_pct")
            assertClose(did.treatment.changePoints, e["treatment_change_pp"]!, "\(label) treatment_change_pp")
            assertClose(did.control.baseline.percent, e["control_baseline_pct"]!, "\(label) control_baseline_pct")
            assertClose(did.control.comparison.percent, e["control_comparison_pct"]!, "\(label) control_comparison_pct")
            assertClose(did.control.changePoints, e["control_change_pp"]!, "\(label) control_change_pp")
            assertClose(did.estimate, e["did_pp"]!, "\(label) did_pp")
            assertClose(did.standardError, e["se_pp"]!, "\(label) se_pp")
            assertClose(did.interval?.low, e["ci_low_pp"]!, "\(label) ci_low_pp")
            assertClose(did.interval?.high, e["ci_high_pp"]!, "\(label) ci_high_pp")
            assertClose(did.z, e["z"]!, "\(label) z")
            assertClose(did.pOneSided, e["p_one_sided"]!, "\(label) p_one_sided")
            assertClose(did.relativePercent, e["did_pct"]!, "\(label) did_pct")
        }
    }

    func testNormalTail() {
        // Published values of the standard normal upper tail.
        XCTAssertEqual(Normal.upperTail(0), 0.5, accuracy: 1e-15)
        XCTAssertEqual(Normal.upperTail(Normal.z95), 0.025, accuracy: 1e-15)
        XCTAssertEqual(Normal.upperTail(3), 0.0013498980316300946, accuracy: 1e-17)
    }
}
