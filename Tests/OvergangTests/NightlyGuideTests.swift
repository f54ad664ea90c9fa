import Foundation
import XCTest

/// `docs/running-nightly.md` names every exit code the command has (`ExitCode32` in
/// `Sources/overgang/Overgang.swift`) and no other, and its example units exist.
final class NightlyGuideTests: XCTestCase {
    func testTheGuideListsTheCommandsExitCodes() throws {
        let root = SampleDataFixtureTests.repository
        let source = try String(contentsOf: root.appendingPathComponent("Sources/overgang/Overgang.swift"), encoding: .utf8)
        let declaration = try XCTUnwrap(source.split(separator: "\n").first { $0.contains("case success = 0") })
        let codes = Set(declaration.split(separator: "=").dropFirst().compactMap { Int($0.prefix { $0 == " " || $0.isNumber }.trimmingCharacters(in: .whitespaces)) })
        XCTAssertEqual(codes, [0, 64, 65, 70, 74, 75])
        let guide = try String(contentsOf: root.appendingPathComponent("docs/running-nightly.md"), encoding: .utf8)
        let listed = Set(guide.split(separator: "\n").compactMap { line -> Int? in
            guard line.hasPrefix("| ") else { return nil }
            return Int(line.dropFirst(2).prefix { $0.isNumber })
        })
        XCTAssertEqual(listed, codes)
        let unit = try String(contentsOf: root.appendingPathComponent("docs/examples/overgang.service"), encoding: .utf8)
        XCTAssertTrue(unit.contains("RestartPreventExitStatus=64 65 70 74"))
        let timer = try String(contentsOf: root.appendingPathComponent("docs/examples/overgang.timer"), encoding: .utf8)
        XCTAssertTrue(timer.contains("Persistent=true"))
    }
}
