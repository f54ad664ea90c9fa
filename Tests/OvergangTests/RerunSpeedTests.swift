import Foundation
import XCTest
@testable import Catalogue
@testable import Pipeline
@testable import Report
@testable import Tables

/// What makes a rerun fast must not change a byte: the report laid out from the run's tables
/// and manifest in memory equals the report read back from the published files; a table's cells as the
/// report takes them (`asRead`) equal those read back from its text; the exit-cohort counts
/// kept sparsely equal those kept in one array; reused deflated pieces give the same workbook.
final class RerunSpeedTests: XCTestCase {
    /// A sample run with every table and a small-cell limit, all three report formats.
    static let run = sampleRun { config in
        config.cohortPeriods = CohortPeriod.allCases
        config.cohortCrossings = [CrossedBreakdown(.kjonn, .aldersgruppe)]
        config.cohortBreakdowns += [.tiltak, .varighet]
        config.output.minCellCount = 3
    }

    func testTheRunsReportEqualsTheReportReadFromItsFiles() throws {
        let folder = Self.run
        let again = temporaryDirectory()
        var stage = ReportStage(folder: folder, language: .nb, minCellCount: 3, formats: [.xlsx, .html, .md])
        stage.destination = again
        try stage.write()
        for format in ReportFormat.allCases {
            let run = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + format.fileName))
            let read = try Data(contentsOf: URL(fileURLWithPath: again + "/" + format.fileName))
            XCTAssertEqual(run, read, "\(format.fileName): laid out from the tables in memory as from their files")
        }
    }

    func testEveryTableAsReadEqualsItsTextReadBack() throws {
        let folder = Self.run
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter(ReportStage.isReportTable)
        XCTAssertGreaterThan(names.count, 20)
        for name in names {
            let table = try CSVTable.read(name: name, text: String(contentsOfFile: folder + "/" + name, encoding: .utf8))
            try assertSame(try table.asRead(), try CSVTable.read(name: name, text: table.csvText()), name)
        }
    }

    /// Cells whose text reads back otherwise than the cell: quoted labels, numbers in label
    /// columns, -0, undefined and infinite numbers, counts in number columns.
    func testAwkwardCellsAsReadEqualTheirTextReadBack() throws {
        var t = CSVTable(name: "cox.csv", header: ["event", "period", "term", "coef", "se", "hr", "lower", "upper", "z", "p"])
        t.append([.text("job"), .count(7), .text("a"), .number(-0.0), .number(.nan), .number(.infinity), .number(1e-300),
                  .number(0.1), .count(12), .number(-2.5e17)])
        t.append([.text("a,b"), .number(3.5), .text(""), .number(nil), .count(nil), .number(1), .number(-1), .number(2),
                  .number(3), .number(4)])
        t.append([.text("x\"y"), .text("line\nbreak"), .text("æøå"), .number(1), .number(2), .number(3), .number(4),
                  .number(5), .number(6), .number(7)])
        try assertSame(try t.asRead(), try CSVTable.read(name: t.name, text: t.csvText()), "awkward cells")
    }

    func testACountColumnHoldingAFractionFailsAsReadingItBackDoes() {
        var t = CSVTable(name: "exit_cohorts.csv", header: ["exit_month", "exit_status", "outcome", "count", "exits", "pct"])
        t.append([.text("2022-01"), .text("ARBS"), .text("work"), .number(1.5), .count(2), .number(75)])
        XCTAssertThrowsError(try CSVTable.read(name: t.name, text: t.csvText()))
        XCTAssertThrowsError(try t.asRead())
    }

    private func assertSame(_ a: CSVTable, _ b: CSVTable, _ name: String) throws {
        XCTAssertEqual(a.name, b.name, name)
        XCTAssertEqual(a.header, b.header, name)
        XCTAssertEqual(a.rows.count, b.rows.count, name)
        for (i, (x, y)) in zip(a.rows, b.rows).enumerated() where x != y {
            XCTFail("\(name) row \(i + 1): \(x) ≠ \(y)")
            return
        }
    }

    /// Counted against a plain dictionary of the same cells, kept densely and sparsely.
    func testClassCountsDenseAndSparseEqualAPlainCount() {
        var state: UInt64 = 7
        var reference = [Int: [Int]]()
        var dense = ClassCounts(cells: 5000), sparse = ClassCounts(cells: 5000, denseLimit: 0)
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let cell = Int(state >> 33) % 5000, c = Int(state >> 20) % 4
            reference[cell, default: [0, 0, 0, 0]][c] += 1
            dense.add(cell: cell, class: c)
            sparse.add(cell: cell, class: c)
        }
        let expected = reference.sorted { $0.key < $1.key }.map { [$0.key] + $0.value }
        for counts in [dense, sparse] {
            var seen = [[Int]]()
            counts.forEachCell { seen.append([$0] + $1) }
            XCTAssertEqual(seen, expected)
        }
    }

    /// A memo that counts the pieces it had to deflate.
    final class CountingMemo: DeflateMemo, @unchecked Sendable {
        let inner: DeflateMemo
        private let lock = NSLock()
        private(set) var deflated = 0
        init(_ inner: DeflateMemo) { self.inner = inner }
        func deflated(_ piece: UnsafeRawBufferPointer, form: String, deflate: () throws -> [UInt8]) throws -> [UInt8] {
            try inner.deflated(piece, form: form) {
                lock.withLock { deflated += 1 }
                return try deflate()
            }
        }
    }

    func testReusedDeflatedPiecesGiveTheSameWorkbook() throws {
        let document = try ReportStage(folder: Self.run, language: .nb, minCellCount: 3, formats: [.xlsx]).document()
        let plain = try XlsxWriter().data(document)
        let folder = temporaryDirectory() + "/cache"
        func workbook() throws -> (Data, deflated: Int) {
            let pieces = ReportPieceCache(cache: try ExtractCache(directory: folder))
            let memo = CountingMemo(pieces)
            let data = try XlsxWriter(memo: memo).data(document)
            pieces.save()
            return (data, memo.deflated)
        }
        let first = try workbook(), second = try workbook()
        XCTAssertEqual(first.0, plain)
        XCTAssertEqual(second.0, plain)
        XCTAssertGreaterThan(first.deflated, 20, "every piece deflated at first")
        XCTAssertEqual(second.deflated, 0, "every piece reused")
        // A damaged entry is not read: every piece is deflated again, to the same bytes.
        let entry = folder + "/\(ReportPieceCache.kind)-\(ReportPieceCache.key).bin"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: entry))
        bytes[bytes.count - 10] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: entry))
        let third = try workbook()
        XCTAssertEqual(third.0, plain)
        XCTAssertEqual(third.deflated, first.deflated)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: entry)[.posixPermissions] as? Int, 0o600)
    }
}
