import XCTest
@testable import Extracts

/// The word-at-a-time field checks against plain byte-by-byte definitions.
final class FieldRulesTests: XCTestCase {
    func tokenByBytes(_ b: [UInt8]) -> Bool {
        (1...64).contains(b.count) && b.allSatisfy { c in
            (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || c == 0x5F || c == 0x2D
        }
    }

    func dateByBytes(_ s: String) -> Day? {
        let b = Array(s.utf8)
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D,
              [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy({ (0x30...0x39).contains(b[$0]) }),
              let y = Int(String(s.prefix(4))), let m = Int(s.dropFirst(5).prefix(2)), let d = Int(s.suffix(2)),
              (1...12).contains(m), d >= 1, d <= Month.days(year: y, month: m), y >= 1900 else { return nil }
        return Day(year: y, month: m, day: d)
    }

    func testEveryByteInEveryPositionOfAToken() {
        for length in [1, 7, 8, 9, 16, 17, 64] {
            for position in Set([0, length / 2, length - 1]) {
                for c in 0...255 {
                    var b = [UInt8](repeating: 0x61, count: length)
                    b[position] = UInt8(c)
                    let swar = b.withUnsafeBufferPointer { FieldRules.isToken($0.baseAddress!, length) }
                    XCTAssertEqual(swar, tokenByBytes(b), "byte \(c) at \(position) of \(length)")
                }
            }
        }
        let long = [UInt8](repeating: 0x41, count: 65)
        XCTAssertFalse(long.withUnsafeBufferPointer { FieldRules.isToken($0.baseAddress!, 65) })
    }

    func testEveryByteInEveryPositionOfDigits() {
        for length in [1, 8, 9, 12] {
            for position in 0..<length {
                for c in 0...255 {
                    var b = [UInt8](repeating: 0x35, count: length)
                    b[position] = UInt8(c)
                    let swar = b.withUnsafeBufferPointer { FieldRules.isDigits($0.baseAddress!, length) }
                    XCTAssertEqual(swar, (0x30...0x39).contains(c), "byte \(c) at \(position) of \(length)")
                }
            }
        }
    }

    func testDatesAgainstTheCalendar() {
        var cases = ["2022-01-31", "2022-02-29", "2024-02-29", "2000-02-29", "1900-02-29", "1899-12-31", "2022-04-31",
                     "2022-00-10", "2022-13-01", "2022-12-00", "2022-12-32", "2022/12/01", "2022-1-01", "20221-01-0",
                     "2O22-01-01", "2022-01-0a", "2022-01-01 ", "２０22-01-01", "9999-12-31", "0000-01-01"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            // Mostly digits and dashes in the right places, with one byte changed.
            var b = Array(String(format: "%04d-%02d-%02d", Int.random(in: 1890...2100, using: &rng),
                                 Int.random(in: 0...13, using: &rng), Int.random(in: 0...32, using: &rng)).utf8)
            if Bool.random(using: &rng) { b[Int.random(in: 0..<10, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            cases.append(String(decoding: b, as: UTF8.self))
        }
        for s in cases {
            let b = Array(s.utf8)
            let swar = b.withUnsafeBufferPointer { FieldRules.date($0.baseAddress!, b.count) }
            XCTAssertEqual(swar, b.count == 10 ? dateByBytes(s) : nil, s)
        }
    }

    func testUnquotedSplitMatchesTheGeneralSplitter() {
        var splitter = FieldSplitter()
        let out = UnsafeMutablePointer<FieldSplitter.Field>.allocate(capacity: 8)
        defer { out.deallocate() }
        for line in ["a;b;c", ";", ";;", "a;", ";a", "abcdefgh;ijklmnop;q", "12345678", "1234567;", "a;b;c;d;e;f;g;h;i;j",
                     "P0000002rg;AF1;922913398;2020-08-20;;50", "x\"y;z"] {
            let b = Array(line.utf8)
            let fast = b.withUnsafeBufferPointer { FieldSplitter.splitUnquoted($0.baseAddress!, b.count, into: out, capacity: 8) }
            _ = b.withUnsafeBufferPointer { splitter.split($0) }
            if line.contains("\"") { XCTAssertNil(fast); continue }
            XCTAssertEqual(fast, splitter.fields.count, line)
            for i in 0..<min(fast ?? 0, 8) {
                XCTAssertEqual(out[i].start, splitter.fields[i].start, line)
                XCTAssertEqual(out[i].end, splitter.fields[i].end, line)
            }
        }
    }
}
