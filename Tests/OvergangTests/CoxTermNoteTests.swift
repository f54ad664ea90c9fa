import Foundation
import XCTest
@testable import Pipeline
@testable import Statistics

/// Cox terms that cannot be estimated: one plain line per term and reason listing the
/// models, on stderr and in the summary; the manifest keeps one line per model.
final class CoxTermNoteTests: XCTestCase {
    func testOneLinePerTermAndReasonListingTheModels() {
        let events = ["deregistered", "transferred", "job", "measure", "situational"]
        var notes = events.map { CoxTermNote(model: $0, term: "comparison_period", kind: .leftOut("no variation")) }
        notes += ["measure", "situational (all)"].map { CoxTermNote(model: $0, term: "laid_off", kind: .diverged) }
        notes.append(CoxTermNote(model: "job", term: "edu_H5", kind: .leftOut("collinear with other terms")))
        let lines = CoxTermNote.lines(notes)
        XCTAssertEqual(lines.count, 3, "\(lines)")
        XCTAssertTrue(lines[0].hasPrefix("Cox models deregistered, transferred, job, measure, situational: comparison_period cannot be estimated: it has the same value in every spell"), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("Cox models measure, situational (all): laid_off cannot be estimated: the event befell all or none"), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("Cox model job: edu_H5 cannot be estimated: the other terms fix its value (collinear)"), lines[2])
        XCTAssertTrue(lines.allSatisfy { $0.hasSuffix("(details in manifest.json)") })
        XCTAssertEqual(notes[0].detail, "cox deregistered: term comparison_period left out (no variation)")
    }

    /// A term with one value and one whose every spell has the event, fitted for real.
    func testNotesOfAFittedModel() {
        var data = CoxData(names: ["constant", "x", "z"])
        for i in 0..<40 {
            let x = Double(i % 2), z = Double(i % 3)
            // Spells with x = 1 all end in the event at once: the likelihood rises without end in x.
            data.add(time: x == 1 ? 1 : Double(2 + i % 5), event: x == 1 || i % 4 == 0, covariates: [1, x, z])
        }
        let notes = CoxTermNote.notes(model: "job", CoxModel(data))
        XCTAssertEqual(notes.first, CoxTermNote(model: "job", term: "constant", kind: .leftOut("no variation")))
        XCTAssertTrue(notes.contains(CoxTermNote(model: "job", term: "x", kind: .diverged)), "\(notes)")
        XCTAssertFalse(notes.contains { $0.term == "z" })
    }

    /// `overgang run` on `sample-data/`: two plain lines on stderr for the three per-model
    /// warnings the manifest keeps.
    func testARunWarnsOncePerTermAndTheManifestKeepsEachModel() throws {
        let output = temporaryDirectory() + "/out"
        let (status, stderr) = try runOvergang(["run", "--output", output, "--no-cache"], in: SampleDataFixtureTests.repository.path)
        XCTAssertEqual(status, 0, stderr)
        let cox = stderr.split(separator: "\n").filter { $0.contains("Cox model") }
        XCTAssertEqual(cox.count, 2, stderr)
        XCTAssertTrue(cox[1].contains("Cox models measure, situational: laid_off cannot be estimated"), stderr)
        XCTAssertFalse(stderr.contains("runs off to infinity"), stderr)
        let manifest = try String(contentsOfFile: output + "/manifest.json", encoding: .utf8)
        for event in ["measure", "situational"] {
            XCTAssertTrue(manifest.contains("cox \(event): the estimate of laid_off runs off to infinity (monotone likelihood); flagged diverged"))
        }
        XCTAssertTrue(manifest.contains("cox transferred: term comparison_period left out (no variation)"))
    }
}
