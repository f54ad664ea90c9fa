import XCTest
@testable import Pipeline
@testable import Tables

/// `comparisons[].marks` (definitions.md §7b): the symbol of the largest threshold ≤ |z|.
final class SignificanceMarksTests: XCTestCase {
    /// The KIN reports' footnote, given out of order: the order of the list does not matter.
    let kin = SignificanceMarks([.init(z: 2.33, symbol: "***"), .init(z: 1.29, symbol: "*"), .init(z: 3.12, symbol: "#"),
                                 .init(z: 1.65, symbol: "**")])

    func testTheLargestThresholdReachedByAbsoluteZ() {
        XCTAssertEqual(kin.symbol(for: 1.28999), "")
        XCTAssertEqual(kin.symbol(for: 1.29), "*")                 // a threshold is reached at equality
        XCTAssertEqual(kin.symbol(for: -1.41), "*")                // table 2-4, Kongsvinger, I arbeid
        XCTAssertEqual(kin.symbol(for: 1.96), "**")                // table 2-4, I alt, Arbeid og ytelse
        XCTAssertEqual(kin.symbol(for: 2.96), "***")
        XCTAssertEqual(kin.symbol(for: 4.01), "#")
        XCTAssertEqual(kin.symbol(for: nil), "")                   // no z (SE 0, an empty cell)
        XCTAssertEqual(SignificanceMarks().symbol(for: 9), "")      // no marks configured
    }

    func testConfiguration() throws {
        let base = #""name": "k", "baseline": {"from": "2021-01", "to": "2021-06"}, "comparison": {"from": "2022-01", "to": "2022-06"}"#
        let parsed = try Configuration.parse(json: #"{"comparisons": [{\#(base), "marks": [{"z": 1.65, "mark": "**"}, {"z": 1.29, "mark": "*"}]}]}"#)
        XCTAssertEqual(parsed.comparisons[0].marks.marks.map(\.symbol), ["*", "**"])
        XCTAssertEqual(parsed.effective.comparisons[0].marks, [.init(z: 1.29, mark: "*"), .init(z: 1.65, mark: "**")])
        XCTAssertNil(try Configuration.parse(json: #"{"comparisons": [{\#(base)}]}"#).effective.comparisons[0].marks)
        for (marks, message) in [
            (#""marks": [{"z": 1.29}]"#, "pipeline.json: comparisons[0].marks[0].mark: missing or empty"),
            (#""marks": [{"z": -1, "mark": "*"}]"#, "pipeline.json: comparisons[0].marks[0].z: expected a number from 0.0 to 1000.0"),
            (#""marks": [{"z": 1, "mark": "*", "p": 2}]"#, "pipeline.json: comparisons[0].marks[0].p: unknown key"),
            (#""marks": [1.29]"#, "pipeline.json: comparisons[0].marks: entry 1 is not an object"),
            (#""marks": [{"z": 1, "mark": "*"}, {"z": 1, "mark": "**"}]"#, "pipeline.json: comparisons[0]: marks: the threshold 1.0 is given twice"),
        ] {
            XCTAssertThrowsError(try Configuration.parse(json: #"{"comparisons": [{\#(base), \#(marks)}]}"#)) {
                XCTAssertTrue("\($0)".hasPrefix(message), "\($0)")
            }
        }
    }
}
