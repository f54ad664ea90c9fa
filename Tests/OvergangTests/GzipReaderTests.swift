import CSystem
import SystemZlib
import XCTest
@testable import Extracts

/// The gzip wrapper read by `GzipReader` (RFC 1952) and its CRC-32, against zlib as the
/// independent reference: zlib writes the files (with every optional header field) and
/// computes the checksums the reader must agree with.
final class GzipReaderTests: XCTestCase {
    /// Bytes from a fixed-seed generator (SplitMix64), partly compressible.
    static func sample(_ n: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<n).map { i in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            // Every other run of 64 bytes is text-like, so deflate finds matches.
            return i / 64 % 2 == 0 ? UInt8(truncatingIfNeeded: z ^ (z >> 31)) : UInt8(0x41 + Int(z % 4))
        }
    }

    func testCRC32EqualsZlibForEveryLengthAndAlignment() {
        let data = Self.sample(5000, seed: 1)
        data.withUnsafeBufferPointer { b in
            // Lengths below, at and past the 64-byte folding threshold and its 16-byte steps,
            // at every offset modulo 16, continuing from a nonzero CRC.
            for n in Array(0...300) + [1023, 1024, 1025, 4096, 4999 - 15] {
                for offset in 0..<16 where offset + n <= b.count {
                    let p = b.baseAddress! + offset
                    let zlib = UInt32(crc32(0xDEAD_BEEF, p, UInt32(n)))
                    XCTAssertEqual(overgang_crc32(0xDEAD_BEEF, p, n), zlib, "n \(n) offset \(offset)")
                }
            }
            // Fresh start and a split run equal one pass.
            let whole = UInt32(crc32(0, b.baseAddress!, UInt32(b.count)))
            XCTAssertEqual(overgang_crc32(0, b.baseAddress!, b.count), whole)
            let part = overgang_crc32(0, b.baseAddress!, 777)
            XCTAssertEqual(overgang_crc32(part, b.baseAddress! + 777, b.count - 777), whole)
        }
    }

    /// One gzip member written by zlib, optionally with FEXTRA, FNAME, FCOMMENT and FHCRC.
    static func zlibMember(_ data: [UInt8], extra: [UInt8]? = nil, name: String? = nil, comment: String? = nil,
                            headerCRC: Bool = false) -> [UInt8] {
        var stream = z_stream()
        XCTAssertEqual(deflateInit2_(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                                     Int32(MemoryLayout<z_stream>.size)), Z_OK)
        var extraBytes = extra ?? []
        var nameBytes = Array((name ?? "").utf8) + [0]
        var commentBytes = Array((comment ?? "").utf8) + [0]
        var header = gz_header()
        var out = [UInt8](repeating: 0, count: data.count + data.count / 10 + 1024)
        var input = data
        let produced = extraBytes.withUnsafeMutableBufferPointer { e in
            nameBytes.withUnsafeMutableBufferPointer { nb in
                commentBytes.withUnsafeMutableBufferPointer { cb in
                    header.extra = extra == nil ? nil : e.baseAddress
                    header.extra_len = UInt32(e.count)
                    header.name = name == nil ? nil : nb.baseAddress
                    header.comment = comment == nil ? nil : cb.baseAddress
                    header.hcrc = headerCRC ? 1 : 0
                    XCTAssertEqual(deflateSetHeader(&stream, &header), Z_OK)
                    return input.withUnsafeMutableBufferPointer { i in
                        out.withUnsafeMutableBufferPointer { o in
                            stream.next_in = i.baseAddress
                            stream.avail_in = UInt32(i.count)
                            stream.next_out = o.baseAddress
                            stream.avail_out = UInt32(o.count)
                            XCTAssertEqual(deflate(&stream, Z_FINISH), Z_STREAM_END)
                            return o.count - Int(stream.avail_out)
                        }
                    }
                }
            }
        }
        deflateEnd(&stream)
        return Array(out.prefix(produced))
    }

    /// Everything the reader gives for `bytes`, read `chunk` bytes at a time.
    private func inflated(_ bytes: [UInt8], inputCapacity: Int = 1 << 18, chunk: Int = 1 << 16) throws -> (data: [UInt8], members: Int) {
        let path = temporaryDirectory() + "/x.gz"
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let reader = try GzipReader(path: path, displayName: "x.gz", inputCapacity: inputCapacity)
        var all = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let n = try buffer.withUnsafeMutableBufferPointer { try reader.read(into: $0.baseAddress!, capacity: chunk) }
            if n == 0 { break }
            all += buffer.prefix(n)
        }
        return (all, reader.members)
    }

    private func failure(_ bytes: [UInt8]) -> ExtractError.Reason? {
        do {
            _ = try inflated(bytes)
            return nil
        } catch let e as ExtractError { return e.reason } catch { return nil }
    }

    func testOptionalHeaderFieldsAndMemberBoundariesAcrossReads() throws {
        let parts = [Self.sample(70_000, seed: 2), Self.sample(1, seed: 3), [], Self.sample(3000, seed: 4)]
        let file = Self.zlibMember(parts[0], extra: [1, 2, 3, 4, 5], name: "aa_202201.csv", comment: "levert", headerCRC: true)
            + Self.zlibMember(parts[1], name: "x") + Self.zlibMember(parts[2]) + Self.zlibMember(parts[3], extra: [], comment: "", headerCRC: true)
        let expected = parts.flatMap { $0 }
        // Reads of 7 bytes put every header field, deflate block and trailer across two reads;
        // outputs of 5 bytes end reads inside members.
        for (capacity, chunk) in [(1 << 18, 1 << 16), (7, 1 << 16), (1, 5), (4096, 3)] {
            let (data, members) = try inflated(file, inputCapacity: capacity, chunk: chunk)
            XCTAssertEqual(data, expected, "input \(capacity), output \(chunk)")
            XCTAssertEqual(members, 4)
        }
    }

    func testDamageIsNamedAsZlibNamesIt() {
        let good = Self.zlibMember(Self.sample(10_000, seed: 5), name: "n", headerCRC: true)
        func flipped(_ i: Int) -> [UInt8] { var b = good; b[i] ^= 0x01; return b }
        XCTAssertEqual(failure(flipped(good.count - 8)), .notGzip("incorrect data check"))     // CRC-32
        XCTAssertEqual(failure(flipped(good.count - 4)), .notGzip("incorrect length check"))   // ISIZE
        XCTAssertEqual(failure(flipped(0)), .notGzip("incorrect header check"))
        XCTAssertEqual(failure(flipped(10)), .notGzip("header crc mismatch"))                  // inside FNAME
        var method = good
        method[2] = 7
        XCTAssertEqual(failure(method), .notGzip("unknown compression method"))
        var flags = good
        flags[3] |= 0x20
        XCTAssertEqual(failure(flags), .notGzip("unknown header flags set"))
        // Cut inside the header, the data and the trailer; empty; junk after a member.
        for cut in [5, 13, good.count / 2, good.count - 3] {
            XCTAssertEqual(failure(Array(good.prefix(cut))), .truncated, "cut at \(cut)")
        }
        XCTAssertEqual(failure([]), .notGzip("the file is empty"))
        XCTAssertEqual(failure(good + [0x1F]), .truncated)   // a next header cut after its first byte
        XCTAssertEqual(failure(good + Array("junk".utf8)), .trailingData)
    }
}
