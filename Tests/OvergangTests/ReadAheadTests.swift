import Foundation
import XCTest
@testable import Extracts

/// `ReadAhead` (inflating on a thread of its own) gives the bytes the gzip reader gives, in
/// order, at any chunk size; an error reaches the caller after the bytes before it; a
/// reader dropped half-way stops its thread.
final class ReadAheadTests: XCTestCase {
    private typealias helpers = GzipReaderTests

    private func file(_ bytes: [UInt8]) -> String {
        let path = temporaryDirectory() + "/x.gz"
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// Everything `source` gives, read `chunk` bytes at a time, and the error it ends with.
    private func drain(_ source: ByteSource, chunk: Int) -> (data: [UInt8], error: ExtractError?) {
        var all = [UInt8](), buffer = [UInt8](repeating: 0, count: chunk)
        do {
            while true {
                let n = try buffer.withUnsafeMutableBufferPointer { try source.read(into: $0.baseAddress!, capacity: chunk) }
                if n == 0 { return (all, nil) }
                all += buffer.prefix(n)
            }
        } catch {
            return (all, error as? ExtractError)
        }
    }

    func testTheSameBytesAsTheGzipReaderAtEveryChunkSize() throws {
        let parts = [helpers.sample(300_000, seed: 5), helpers.sample(10, seed: 6), helpers.sample(70_000, seed: 7)]
        let path = file(parts.flatMap { helpers.zlibMember($0) })
        for (chunkSize, depth, readSize) in [(1 << 20, 3, 1 << 16), (1000, 2, 777), (7, 1, 3), (4096, 5, 1 << 20)] {
            let gzip = try GzipReader(path: path, displayName: "x.gz")
            let (data, error) = drain(ReadAhead(gzip, chunkSize: chunkSize, depth: depth), chunk: readSize)
            XCTAssertNil(error)
            XCTAssertTrue(data == parts.flatMap { $0 }, "chunks of \(chunkSize), \(depth) ahead, reads of \(readSize)")
            XCTAssertEqual(gzip.members, 3, "the reader's counts are final once the end is read")
        }
    }

    func testAnErrorComesAfterTheBytesBeforeIt() throws {
        let good = helpers.sample(200_000, seed: 8)
        let member = helpers.zlibMember(good)
        let path = file(Array(member.dropLast(6)))   // the trailer cut: truncated
        let direct = drain(try GzipReader(path: path, displayName: "x.gz"), chunk: 4096)
        let ahead = drain(ReadAhead(try GzipReader(path: path, displayName: "x.gz"), chunkSize: 5000, depth: 2), chunk: 4096)
        XCTAssertEqual(ahead.error?.reason, .truncated)
        XCTAssertEqual(ahead.error?.reason, direct.error?.reason)
        // As read directly, the bytes of the read that fails are not given out: all before it are.
        XCTAssertTrue(good.starts(with: ahead.data) && ahead.data.count >= good.count - 5000, "\(ahead.data.count) bytes before the error")
        XCTAssertTrue(good.starts(with: direct.data))
    }

    func testAReaderDroppedHalfWayStopsItsThread() throws {
        let path = file(helpers.zlibMember(helpers.sample(500_000, seed: 9)))
        weak var left: GzipReader?
        do {
            let gzip = try GzipReader(path: path, displayName: "x.gz")
            left = gzip
            let ahead = ReadAhead(gzip, chunkSize: 1000, depth: 2)
            var buffer = [UInt8](repeating: 0, count: 10)
            _ = try buffer.withUnsafeMutableBufferPointer { try ahead.read(into: $0.baseAddress!, capacity: 10) }
        }
        // The thread holds the gzip reader until it sees the cancellation.
        let deadline = Date().addingTimeInterval(5)
        while left != nil && Date() < deadline { usleep(1000) }
        XCTAssertNil(left, "the thread let go of the file")
    }
}
