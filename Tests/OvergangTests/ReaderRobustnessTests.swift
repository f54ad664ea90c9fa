import XCTest
@testable import Extracts

/// Input that is not a delivery but looks like one (issue 15): a FIFO named like an extract,
/// a gzip bomb, a header from another system or encoding, padding after the gzip data, a
/// file named for an impossible month. Each is a bad-input error (exit 65) naming the file
/// and the line or byte, or is accepted where real deliveries do it.
final class ReaderRobustnessTests: XCTestCase {
    let header = ExtractSetBuilder.arenaHeader
    let row = "P1;ARBS;IKVAL;0301;03;;35;K;V;N;N"

    /// Reads `bytes` as `arena_202201.csv.gz`: the extract, or the error it stops with.
    func readArena(_ bytes: Data) -> Result<ArenaExtract, ExtractError> {
        let dir = temporaryDirectory()
        let name = "arena_202201.csv.gz"
        _ = FileManager.default.createFile(atPath: "\(dir)/\(name)", contents: bytes)
        do {
            let file = try XCTUnwrap(ExtractFile.recognise(name: name, in: dir))
            return .success(try ArenaExtract.read(file, quarantine: Quarantine(fileName: name, path: nil)))
        } catch let e as ExtractError {
            return .failure(e)
        } catch {
            XCTFail("\(error)")
            return .failure(ExtractError(file: "", .emptyFile))
        }
    }

    func readArena(text: String) throws -> Result<ArenaExtract, ExtractError> {
        readArena(try ExtractSetBuilder.gzip(Array(text.utf8)))
    }

    func error<T>(_ result: Result<T, ExtractError>) -> ExtractError? {
        if case .failure(let e) = result { return e }
        return nil
    }

    // MARK: 1. not a regular file

    func testFIFONamedLikeAnExtractIsRefusedByTheListingWithoutOpeningIt() throws {
        let dir = temporaryDirectory()
        // Listing reads no file: empty ones do.
        for name in ["arena_202201.csv.gz", "aa_202201.csv.gz", "ytelse_202201.csv.gz"] {
            _ = FileManager.default.createFile(atPath: "\(dir)/\(name)", contents: Data())
        }
        let fifo = "\(dir)/arena_202109.csv.gz"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertThrowsError(try ExtractInventory(directory: dir)) { e in
            XCTAssertEqual((e as? ExtractError)?.reason, .notRegularFile("a FIFO"))
            XCTAssertEqual("\(e)", "\(fifo): is not a regular file (a FIFO); an extract must be a plain file")
        }
        // A folder named like an extract, likewise.
        try FileManager.default.removeItem(atPath: fifo)
        try FileManager.default.createDirectory(atPath: "\(dir)/aa_202109.csv.gz", withIntermediateDirectories: false)
        XCTAssertThrowsError(try ExtractInventory(directory: dir)) { e in
            XCTAssertEqual((e as? ExtractError)?.reason, .notRegularFile("a folder"))
        }
    }

    func testGzipReaderRefusesAFIFOInsteadOfWaitingOnIt() throws {
        let fifo = temporaryDirectory() + "/aa_202201.csv.gz"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        // Held open read-write here, with bytes in it, so that a reader that opened and read
        // the FIFO would not hang this test but fail on the bytes instead.
        let held = open(fifo, O_RDWR | O_NONBLOCK)
        XCTAssertGreaterThanOrEqual(held, 0)
        defer { close(held) }
        XCTAssertEqual(write(held, "junk", 4), 4)
        XCTAssertThrowsError(try GzipReader(path: fifo, displayName: "aa_202201.csv.gz")) { e in
            XCTAssertEqual((e as? ExtractError)?.reason, .notRegularFile("a FIFO"))
        }
        XCTAssertThrowsError(try GzipReader(path: "/dev/null")) { e in
            XCTAssertEqual((e as? ExtractError)?.reason, .notRegularFile("a character device"))
        }
    }

    // MARK: 2. gzip bombs

    func testBlankLinesBeyondTheAllowanceStopTheFileAtTheLine() throws {
        let allowance = ExtractReader.blankLineAllowance
        let bomb = try readArena(text: header + "\n" + String(repeating: "\n", count: allowance + 5) + row + "\n")
        let e = try XCTUnwrap(error(bomb))
        XCTAssertEqual(e.reason, .tooManyBlankLines(blank: allowance + 1, rows: 0, allowance: allowance))
        XCTAssertEqual(e.line, allowance + 2)
        XCTAssertTrue("\(e)".hasSuffix("arena_202201.csv.gz: line \(allowance + 2): \(allowance + 1) blank lines against 0 rows, more than \(allowance) beyond the rows: damaged or not a delivery"), "\(e)")
        // Up to the allowance, and a double-spaced file (a blank line after every row), are read.
        let some = try readArena(text: header + "\n" + String(repeating: "\n", count: allowance) + row + "\n").get()
        XCTAssertEqual(some.stats.blankLines, allowance)
        let rows = (0..<3000).map { "P\($0);ARBS;IKVAL;0301;03;;35;K;V;N;N\n" }
        let spaced = try readArena(text: header + "\n\n" + rows.joined(separator: "\n")).get()
        XCTAssertEqual(spaced.rows.count, 3000)
    }

    /// Everything `reader` gives, or the error it stops with.
    func drain(_ reader: GzipReader) throws -> Int {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let n = try reader.read(into: buffer, capacity: 1 << 16)
            if n == 0 { return total }
            total += n
        }
    }

    func testAFileThatInflatesFarBeyondItsSizeIsRefused() throws {
        let path = temporaryDirectory() + "/aa_202201.csv.gz"
        // 8 MiB of line ends compress to ~8 kB; the bounds are lowered a thousandfold for the test.
        let bomb = try ExtractSetBuilder.gzip([UInt8](repeating: 0x0A, count: 8 << 20))
        try bomb.write(to: URL(fileURLWithPath: path))
        let lowered = InflationLimit(absolute: 64 << 20, ratioFrom: 1 << 20, ratio: 200)
        XCTAssertThrowsError(try drain(GzipReader(path: path, displayName: "aa_202201.csv.gz", limit: lowered))) { e in
            let e = e as? ExtractError
            guard case .inflatesTooFar(let bound)? = e?.reason else { return XCTFail("\(String(describing: e))") }
            XCTAssertTrue(bound.hasPrefix("more than 200 times its \(bomb.count) compressed bytes"), bound)
            XCTAssertNotNil(e?.offset)
        }
        // Under the delivery bounds the same 8 MiB is read (1 GiB is the floor of the ratio bound).
        XCTAssertEqual(try drain(GzipReader(path: path)), 8 << 20)
        // The absolute bound holds whatever the ratio.
        let tight = InflationLimit(absolute: 1 << 20, ratioFrom: 1 << 40, ratio: 200)
        XCTAssertThrowsError(try drain(GzipReader(path: path, limit: tight))) { e in
            XCTAssertEqual((e as? ExtractError)?.reason, .inflatesTooFar("more than 1048576 bytes, the bound for any delivery"))
        }
        // Ordinary rows (ratio ~5-15) pass the lowered ratio bound.
        let rows = (0..<100_000).map { "P\($0 &* 7919);ARBS;IKVAL;0\($0 % 900 + 100);03;T\($0 % 37);\($0 % 60 + 18);K;V;N;N\n" }.joined()
        try ExtractSetBuilder.gzip(Array(rows.utf8)).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try drain(GzipReader(path: path, limit: lowered)), rows.utf8.count)
    }

    func testDeliveryBoundsAreFarAboveANationalFile() {
        // ~200 MB at 5:1, and a 2 GiB file at 20:1, are both well inside.
        XCTAssertNil(InflationLimit.delivery.exceeded(inflated: 200 << 20, compressed: 40 << 20))
        XCTAssertNil(InflationLimit.delivery.exceeded(inflated: 2 << 30, compressed: 100 << 20))
        XCTAssertNotNil(InflationLimit.delivery.exceeded(inflated: (1 << 30) + 1, compressed: 4 << 20))
    }

    // MARK: 3. headers

    func testHeaderNamesAreMatchedTrimmedAndInAnyCase() throws {
        let shouting = " Person_ID\t;HOVEDSTATUS;Innsatsgruppe ;enhet;fylke;tiltak;alder;kjonn;utdanning;innvandrer;\"Permittert \""
        let a = try readArena(text: shouting + "\r\n" + row + "\r\n").get()
        XCTAssertEqual(a.rows.count, 1)
        XCTAssertEqual(a.stats.rowsSetAside, 0)
        // Names equal after trimming and case are one column named twice.
        let twice = try readArena(text: header + ";PERSON_ID \n" + row + ";x\n")
        XCTAssertEqual(error(twice)?.reason, .duplicateColumn("person_id"))
    }

    func testAHeaderThatCannotBeOneIsNamedPrecisely() throws {
        func message(_ bytes: [UInt8]) throws -> String {
            try XCTUnwrap(error(readArena(try ExtractSetBuilder.gzip(bytes)))).description
        }
        let rest = Array(("\n" + row + "\n").utf8)
        XCTAssertTrue(try message(Array("\n".utf8) + rest).hasSuffix("arena_202201.csv.gz: line 1: the header is empty"))
        XCTAssertTrue(try message(Array("\r\n".utf8) + rest).hasSuffix("line 1: the header is empty"))
        XCTAssertTrue(try message(Array(" \t\n".utf8) + rest).hasSuffix("line 1: the header is empty"))
        // Old-Mac line ends: the whole file is one line.
        let crOnly = try message(Array((header + "\r" + row + "\r").utf8))
        XCTAssertTrue(crOnly.hasSuffix("line 1: the header holds a carriage return at byte \(header.utf8.count + 1): lines must end in LF or CRLF, not CR alone"), crOnly)
        // UTF-16 (little-endian, with its byte-order mark).
        let units: [UInt8] = header.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let utf16: [UInt8] = [0xFF, 0xFE] + units + [0x0A, 0x00]
        XCTAssertTrue(try message(utf16).hasSuffix("line 1: the header holds a NUL byte at byte 4 (UTF-16, or not text?)"))
        // Latin-1: `kjønn` with ø as one byte.
        let latin1 = Array("person_id;kj".utf8) + [0xF8] + Array("nn".utf8) + rest
        XCTAssertTrue(try message(latin1).hasSuffix("line 1: the header is not UTF-8 (byte 13)"))
        // An empty file still has no header row; a header without a column still lacks it.
        XCTAssertEqual(error(try readArena(text: ""))?.reason, .emptyFile)
        XCTAssertEqual(error(try readArena(text: "person_id\n"))?.reason, .missingColumn("hovedstatus"))
    }

    // MARK: 4. after the gzip data

    func testZeroPaddingAfterTheLastMemberIsAcceptedAndOtherTrailingDataNamesItsOffset() throws {
        let good = try ExtractSetBuilder.gzip(Array((header + "\n" + row + "\n").utf8))
        let padded = try readArena(good + Data(count: 4096)).get()
        XCTAssertEqual(padded.rows.count, 1)
        XCTAssertEqual(padded.stats.gzipMembers, 1)

        let junk = try XCTUnwrap(error(readArena(good + Data("junk".utf8))))
        XCTAssertEqual(junk.reason, .trailingData)
        XCTAssertEqual(junk.offset, good.count)
        XCTAssertTrue(junk.description.hasSuffix("arena_202201.csv.gz: at byte \(good.count): not a gzip member (trailing data after the last member; only zero bytes may follow it)"))
        // Something after the padding: named where it starts.
        let late = try XCTUnwrap(error(readArena(good + Data(count: 100) + Data([0x1F, 0x8B]))))
        XCTAssertEqual(late.reason, .trailingData)
        XCTAssertEqual(late.offset, good.count + 100)
    }

    func testEveryGzipErrorNamesTheByteOffset() throws {
        let good = try ExtractSetBuilder.gzip(Array((header + "\n" + row + "\n").utf8))
        func failure(_ bytes: Data) throws -> ExtractError { try XCTUnwrap(error(readArena(bytes))) }
        let notGzip = try failure(Data((header + "\n").utf8))
        XCTAssertEqual(notGzip.offset, 0)
        XCTAssertTrue(notGzip.description.hasSuffix("arena_202201.csv.gz: at byte 0: not valid gzip: incorrect header check"))
        let cut = try failure(good.prefix(good.count - 3))
        XCTAssertEqual([cut.reason], [.truncated])
        XCTAssertEqual(cut.offset, good.count - 3)
        var crc = good
        crc[good.count - 8] ^= 1
        let check = try failure(crc)
        XCTAssertEqual(check.reason, .notGzip("incorrect data check"))
        XCTAssertEqual(check.offset, good.count - 8)
        var length = good
        length[good.count - 1] ^= 1
        XCTAssertEqual(try failure(length).offset, good.count - 4)
        var method = good
        method[2] = 7
        XCTAssertEqual(try failure(method).offset, 2)
        // A second member whose header is damaged (not trailing data: it starts like a member).
        var second = good + good
        second[good.count + 3] = 0xE0
        let flags = try failure(second)
        XCTAssertEqual(flags.reason, .notGzip("unknown header flags set"))
        XCTAssertEqual(flags.offset, good.count + 3)
    }

    // MARK: 5. months in file names

    func testMonthsPrintWithFourDigitYears() {
        XCTAssertEqual(Month(index: 1).description, "0000-02")
        XCTAssertEqual(Month(year: 999, month: 2).compact, "099902")
        XCTAssertEqual(Month(index: -1).description, "-0001-12")
        XCTAssertEqual(Month(index: -1).month, 12)
        XCTAssertEqual(Month(year: 2024, month: 1).description, "2024-01")
        XCTAssertEqual(Month(year: 2024, month: 12).compact, "202412")
        XCTAssertNil(Month("000001"))
        XCTAssertNil(Month("1899-12"))
        XCTAssertNil(Month("3000-01"))
        XCTAssertEqual(Month("1900-01"), Month(year: 1900, month: 1))
    }

    func testAFileNamedForAnImpossibleMonthStopsTheListing() throws {
        for name in ["aa_000001.csv.gz", "aa_202113.csv.gz", "ytelse_202100.csv.gz"] {
            let dir = temporaryDirectory()
            // Listing reads no file: empty ones do.
            for good in ["arena_202201.csv.gz", "aa_202201.csv.gz", "ytelse_202201.csv.gz", name] {
                _ = FileManager.default.createFile(atPath: "\(dir)/\(good)", contents: Data())
            }
            XCTAssertThrowsError(try ExtractInventory(directory: dir)) { e in
                let stamp = String(name.split(separator: "_")[1].prefix(6))
                XCTAssertEqual((e as? ExtractError)?.reason, .impossibleMonth(stamp))
                XCTAssertEqual("\(e)", "\(dir)/\(name): named like an extract, but \(stamp) is not a month from 190001 to 299912 (YYYYMM)")
            }
        }
        XCTAssertThrowsError(try ExtractFile.recognise(name: "aa_2021x1.csv.gz", in: "/in")) { e in
            XCTAssertEqual("\(e)", "/in/aa_2021x1.csv.gz: not named <kind>_<YYYYMM>.csv.gz")
        }
    }
}
