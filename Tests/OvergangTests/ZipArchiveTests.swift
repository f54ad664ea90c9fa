import Foundation
import XCTest
import ZIPFoundation
@testable import Report

/// The workbook's zip writer, read back by an independent reader (ZIPFoundation, which checks
/// each entry's CRC-32): empty, small and multi-megabyte parts (compressed in several pieces
/// on several cores) come back byte for byte, in order, with the modification time.
final class ZipArchiveTests: XCTestCase {
    func testPartsOfEverySizeReadBackExactly() throws {
        // Text like a sheet's XML, but not periodic: a small generator's digits.
        var state: UInt64 = 42
        var large = [UInt8]()
        while large.count < 2 * ParallelDeflate.pieceSize + 12345 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            large += Array("<c r=\"B\(state >> 40)\" s=\"3\"><v>\(state % 100_000)</v></c>".utf8)
        }
        let parts: [(path: String, bytes: [UInt8])] = [
            ("empty.xml", []), ("small.xml", Array("<a>æøå &amp;</a>".utf8)), ("dir/large.xml", large),
        ]
        let date = Date(timeIntervalSince1970: 1_700_000_000)   // 2023-11-14 22:13:20 UTC
        let data = try ZipArchive(parts: parts, date: date).data()
        XCTAssertLessThan(data.count, large.count / 2, "deflated")

        let archive = try Archive(data: data, accessMode: .read)
        let entries = Array(archive)
        XCTAssertEqual(entries.map(\.path), parts.map(\.path))
        for (entry, part) in zip(entries, parts) {
            var bytes = [UInt8]()
            _ = try archive.extract(entry, skipCRC32: false) { bytes += $0 }
            XCTAssertTrue(bytes == part.bytes, "\(entry.path): \(bytes.count) bytes read back, \(part.bytes.count) written")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let stored = try XCTUnwrap(entries.last?.fileAttributes[.modificationDate] as? Date)
        let c = calendar.dateComponents(in: TimeZone.current, from: stored)
        // ZIPFoundation reads the DOS time as local time; compare the fields.
        XCTAssertEqual([c.year, c.month, c.day, c.hour, c.minute, c.second], [2023, 11, 14, 22, 13, 20])
    }
}
