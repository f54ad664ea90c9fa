import XCTest
@testable import Pipeline

/// `overgang lifetable` and `overgang cox` on a run's own `survival_spells.csv`: the life
/// tables are the run's own, byte for byte; the Cox models of the period term equal R's
/// coxph on the same spells (`Fixtures/cox/run_spells/`).
final class RunSpellFileTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/cox/run_spells")

    func testLifetableOnTheRunsSpellsWritesTheRunsTables() throws {
        let run = ReportTests.sampleOutput, out = temporaryDirectory()
        let (status, stderr) = try runOvergang(["lifetable", run + "/survival_spells.csv", "--max-months", "12", "--output", out])
        XCTAssertEqual(status, 0, stderr)
        for (name, rows) in [("lifetables.csv", 100), ("kaplan_meier.csv", 100), ("logrank.csv", 5), ("cumulative_incidence.csv", 20)] {
            let theirs = try String(contentsOfFile: "\(run)/\(name)", encoding: .utf8)
            XCTAssertGreaterThan(theirs.split(separator: "\n").count, rows, name)
            XCTAssertEqual(try String(contentsOfFile: "\(out)/\(name)", encoding: .utf8), theirs, name)
        }
    }

    func testCoxOnTheRunsSpellsEqualsR() throws {
        let run = ReportTests.sampleOutput, out = temporaryDirectory()
        // The fixture's spells are this run's (else R fitted other data).
        XCTAssertEqual(try String(contentsOfFile: run + "/survival_spells.csv", encoding: .utf8),
                       try String(contentsOf: Self.fixtures.appendingPathComponent("survival_spells.csv"), encoding: .utf8))
        let (status, stderr) = try runOvergang(["cox", run + "/survival_spells.csv", "--output", out])
        XCTAssertEqual(status, 0, stderr)
        XCTAssertTrue(stderr.contains("Cox model transferred: comparison_period cannot be estimated: it has the same value in every spell"), stderr)
        let ours = try csvRecords(atPath: out + "/cox.csv")
        let reference = try csvRecords(atPath: Self.fixtures.appendingPathComponent("cox.csv").path)
        XCTAssertEqual(ours.map { $0["event"]! }, reference.map { $0["event"]! })
        XCTAssertEqual(reference.count, 4)
        for (m, r) in zip(ours, reference) {
            XCTAssertEqual(m["term"], r["term"])
            for column in ["coef", "se", "z", "p", "hr", "hr_low", "hr_high"] {
                let a = Double(m[column]!)!, b = Double(r[column]!)!
                // R stops its iterations a little earlier (relative change 1e-9 in the likelihood).
                XCTAssertEqual(a, b, accuracy: abs(b) * 1e-7, "\(m["event"]!) \(column)")
            }
        }
    }

    /// Quoted names and any column order, as a spreadsheet may save the file; a bad `end`
    /// names its line; a missing file says a limited run writes none.
    func testRunSpellsAreReadByHeaderWithQuotingAndChecked() throws {
        let dir = temporaryDirectory()
        let text = "\"period\",\"event\",time,end,count\nbaseline,job,1,1,3\n\"comparison\",job,2,0,2\nbaseline,unit_end,4,2,1\n"
        try text.write(toFile: dir + "/s.csv", atomically: true, encoding: .utf8)
        let spells = try XCTUnwrap(try SpellFile(path: dir + "/s.csv").runSpells)
        XCTAssertEqual(spells.analyses.map(\.event), ["job"])
        XCTAssertEqual(spells.analyses[0].periods.map(\.name), ["baseline", "comparison"])
        XCTAssertEqual(spells.analyses[0].periods[1].data.counts, [2])
        XCTAssertEqual(spells.unitEnds.map(\.data.codes), [[2]])
        try "event,period,time,end,count\njob,baseline,1,2,3\n".write(toFile: dir + "/b.csv", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SpellFile(path: dir + "/b.csv")) { XCTAssertEqual("\($0)", "\(dir)/b.csv: line 2: end '2' is not 0 or 1") }
        XCTAssertThrowsError(try SpellFile(path: dir + "/survival_spells.csv")) {
            XCTAssertTrue("\($0)".hasSuffix("does not exist (a run with a small-cell limit does not write it)"), "\($0)")
        }
    }
}
