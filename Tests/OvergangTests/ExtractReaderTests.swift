import XCTest
@testable import Extracts

/// The delivery format of extracts.md: gzip, CSV shape, and every reason a row is set aside.
final class ExtractReaderTests: XCTestCase {
    let header = ExtractSetBuilder.arenaHeader
    let good = "P1;ARBS;IKVAL;0301;03;;35;K;V;N;N"

    func read(_ text: String, name: String = "arena_202201.csv.gz", members: Int = 1) throws -> (ArenaExtract, [(line: Int, reason: String)], String) {
        let dir = temporaryDirectory()
        let path = "\(dir)/\(name)"
        try ExtractSetBuilder.writeGzip(path, text, members: members)
        let qpath = "\(dir)/q.csv"
        let q = Quarantine(fileName: name, path: qpath)
        let file = try ExtractFile.recognise(name: name, in: dir)!
        let a = try ArenaExtract.read(file, quarantine: q)
        let written = (try? String(contentsOfFile: qpath, encoding: .utf8)) ?? ""
        return (a, q.samples, written)
    }

    func testBomCrlfQuotingColumnOrderExtraColumnsAndNoFinalLineEnd() throws {
        // Columns reordered, an extra column with a quoted ';' and an escaped quote, BOM, CRLF, no final LF.
        let text = "\u{FEFF}kilde;permittert;innvandrer;utdanning;kjonn;alder;tiltak;fylke;enhet;innsatsgruppe;hovedstatus;person_id\r\n"
            + "\"x;\"\"y\"\"\";N;J;H4;M;41;\"ARBTREN\";;4154;IKVAL;ARBS;\"P1\"\r\n"
            + "z;J;;;K;59;;03;0301;;NEDS;P2"
        let (a, rejects, _) = try read(text)
        XCTAssertEqual(rejects.count, 0, "\(rejects)")
        XCTAssertEqual(a.rows.count, 2)
        XCTAssertEqual(a.persons.keyString(0), "P1")
        let r1 = a.rows[0], r2 = a.rows[1]
        XCTAssertEqual(r1.hovedstatus, .arbs); XCTAssertEqual(r1.innsatsgruppe, .ikval); XCTAssertEqual(r1.enhet, 4154)
        XCTAssertFalse(r1.hasFylke); XCTAssertEqual(a.measures.keyString(Int(r1.tiltak) - 1), "ARBTREN")
        XCTAssertEqual(r1.alder, 41); XCTAssertTrue(r1.isMale); XCTAssertEqual(r1.utdanning, .h4)
        XCTAssertEqual(r1.innvandrer, .j); XCTAssertFalse(r1.isLaidOff)
        XCTAssertEqual(r2.hovedstatus, .neds); XCTAssertNil(r2.innsatsgruppe); XCTAssertEqual(r2.fylke, 3)
        XCTAssertEqual(r2.tiltak, 0); XCTAssertNil(r2.utdanning); XCTAssertNil(r2.innvandrer); XCTAssertTrue(r2.isLaidOff)
        XCTAssertEqual(a.stats.rowsRead, 2)
    }

    func testMultiMemberGzip() throws {
        let rows = (0..<500).map { "P\($0);ARBS;IKVAL;0301;03;;35;K;V;N;N" }
        let (a, _, _) = try read(([header] + rows).joined(separator: "\n") + "\n", members: 4)
        XCTAssertEqual(a.rows.count, 500)
        XCTAssertEqual(a.stats.gzipMembers, 4)
    }

    func testEveryArenaReasonSetsTheRowAsideWithItsLine() throws {
        let bad: [(String, String)] = [
            ("P2;ARBS;IKVAL;0301;03;;35;K;V;N", "fields where the header has"),
            ("P 3;ARBS;IKVAL;0301;03;;35;K;V;N;N", "person_id"),
            (";ARBS;IKVAL;0301;03;;35;K;V;N;N", "person_id"),
            ("P4;ARB;IKVAL;0301;03;;35;K;V;N;N", "hovedstatus"),
            ("P5;ARBS;STANDARD;0301;03;;35;K;V;N;N", "innsatsgruppe"),
            ("P6;ARBS;IKVAL;301;03;;35;K;V;N;N", "enhet"),
            ("P7;ARBS;IKVAL;0301;3;;35;K;V;N;N", "fylke"),
            ("P8;ARBS;IKVAL;0301;03;A B;35;K;V;N;N", "tiltak"),
            ("P9;ARBS;IKVAL;0301;03;;14;K;V;N;N", "alder"),
            ("P10;ARBS;IKVAL;0301;03;;81;K;V;N;N", "alder"),
            ("P11;ARBS;IKVAL;0301;03;;3x;K;V;N;N", "alder"),
            ("P12;ARBS;IKVAL;0301;03;;35;X;V;N;N", "kjonn"),
            ("P13;ARBS;IKVAL;0301;03;;35;K;H6;N;N", "utdanning"),
            ("P14;ARBS;IKVAL;0301;03;;35;K;V;Y;N", "innvandrer"),
            ("P15;ARBS;IKVAL;0301;03;;35;K;V;N;", "permittert"),
            ("P1;NEDS;IKVAL;0301;03;;35;K;V;N;N", "second arena row"),
            ("\"P16;ARBS;IKVAL;0301;03;;35;K;V;N;N", "not closed"),
            ("\"P17\"x;ARBS;IKVAL;0301;03;;35;K;V;N;N", "after the closing quote"),
            ("\"P\"\"18\";ARBS;IKVAL;0301;03;;35;K;V;N;N", "quote character"),
        ]
        let text = ([header, good] + bad.map(\.0)).joined(separator: "\n") + "\n"
        let (a, rejects, written) = try read(text)
        XCTAssertEqual(a.rows.count, 1)
        XCTAssertEqual(a.stats.rowsRead, 1 + bad.count)
        XCTAssertEqual(a.stats.rowsSetAside, bad.count)
        XCTAssertEqual(rejects.count, 5) // samples keep the first five
        // Every reason and its line reach the quarantine file, with the raw row.
        let lines = written.split(separator: "\n").dropFirst(0)
        XCTAssertEqual(lines.count, bad.count)
        for (i, (row, reason)) in bad.enumerated() {
            let line = String(lines[i])
            XCTAssertTrue(line.hasPrefix("arena_202201.csv.gz,\(i + 3),"), line)
            XCTAssertTrue(line.contains(reason), "line \(i + 3): expected '\(reason)' in \(line)")
            XCTAssertTrue(line.hasSuffix("\"" + row.replacingOccurrences(of: "\"", with: "\"\"") + "\""), line)
        }
        // Reasons never quote a person key.
        XCTAssertFalse(written.contains("person_id: 'P"))
    }

    func testQuarantineFileIsOwnerOnly() throws {
        let (_, _, _) = try read([header, "P4;ARB;IKVAL;0301;03;;35;K;V;N;N"].joined(separator: "\n"))
        let dir = temporaryDirectory()
        let q = Quarantine(fileName: "x", path: "\(dir)/q")
        let bytes: [UInt8] = Array("row".utf8)
        try bytes.withUnsafeBufferPointer { try q.setAside(line: 2, reason: "r", raw: $0) }
        try q.close()
        let mode = try FileManager.default.attributesOfItem(atPath: "\(dir)/q")[.posixPermissions] as! Int
        XCTAssertEqual(mode & 0o777, 0o600)
    }

    func testBlankLinesAreSkippedAndCounted() throws {
        let (a, rejects, _) = try read([header, good, "", "P2;ARBS;IKVAL;0301;03;;35;K;V;N;N", ""].joined(separator: "\n"))
        XCTAssertEqual(a.rows.count, 2)
        XCTAssertEqual(rejects.count, 0)
        XCTAssertEqual(a.stats.blankLines, 1)
    }

    func testOverlongLineIsSetAside() throws {
        let long = "P2;ARBS;IKVAL;0301;03;;35;K;V;N;" + String(repeating: "N", count: LineReader.maxLineLength + 10)
        let (a, rejects, _) = try read([header, good, long, "P3;ARBS;IKVAL;0301;03;;35;K;V;N;N"].joined(separator: "\n"))
        XCTAssertEqual(a.rows.count, 2)
        XCTAssertEqual(rejects.map(\.line), [3])
        XCTAssertTrue(rejects[0].reason.contains("longer than"))
    }

    func testEveryEmploymentAndBenefitReason() throws {
        let dir = temporaryDirectory()
        let aaBad: [(String, String)] = [
            ("P1;AF 1;987654321;2021-01-01;;100", "arbeidsforhold_id"),
            ("P1;AF1;98765432;2021-01-01;;100", "orgnr"),
            ("P1;AF1;987654321;2021-13-01;;100", "startdato"),
            ("P1;AF1;987654321;2021-02-29;;100", "startdato"),
            ("P1;AF1;987654321;2021-01-01;2022-01-32;100", "sluttdato"),
            ("P1;AF1;987654321;2021-01-01;2020-12-31;100", "before startdato"),
            ("P1;AF1;987654321;2021-01-01;;100.5", "stillingsprosent"),
            ("P1;AF1;987654321;2021-01-01;;1.2.3", "stillingsprosent"),
        ]
        let aaGood = ["P1;AF1;987654321;2021-01-01;;37,5", "P1;AF2;987654321;2022-01-31;2022-01-31;", "Q9;AF3;987654321;2021-01-01;;100.0"]
        // Valid rows of relationships not active in January (extracts.md): kept, counted, never employment.
        let aaOutside = ["P1;AF4;987654321;2022-02-01;;100", "R5;AF5;987654321;2022-02-01;;100", "R5;AF6;987654321;2021-01-01;2021-12-31;50"]
        try ExtractSetBuilder.writeGzip("\(dir)/aa_202201.csv.gz",
                                        ([ExtractSetBuilder.aaHeader] + aaGood + aaOutside + aaBad.map(\.0)).joined(separator: "\n"))
        let q = Quarantine(fileName: "aa_202201.csv.gz", path: "\(dir)/q")
        let e = try EmploymentExtract.read(try ExtractFile.recognise(name: "aa_202201.csv.gz", in: dir)!, quarantine: q)
        XCTAssertEqual(e.stats.rowsSetAside, aaBad.count)
        XCTAssertEqual(e.stats.rowsOutsideMonth, aaOutside.count)
        XCTAssertEqual(e.stats.rowsRead, aaGood.count + aaOutside.count + aaBad.count)
        XCTAssertEqual(e.people.count, 3)                  // P1, Q9 and R5 (Q9, R5 are dropped later: never in Arena)
        // Persons are numbered in hash order: look them up.
        let keys = (0..<e.people.count).map { String(decoding: e.people.persons.key($0), as: UTF8.self) }
        let p1 = try XCTUnwrap(keys.firstIndex(of: "P1")), q9 = try XCTUnwrap(keys.firstIndex(of: "Q9"))
        let r5 = try XCTUnwrap(keys.firstIndex(of: "R5"))
        // P1's relationships cover 31 January; R5's rows, outside January, are not employment.
        XCTAssertEqual([e.people.flags[p1], e.people.flags[q9], e.people.flags[r5]], [1, 1, 0])
        XCTAssertEqual([e.people.rowCounts[p1], e.people.rowCounts[q9], e.people.rowCounts[r5]], [3, 1, 2])
        let written = try String(contentsOfFile: "\(dir)/q", encoding: .utf8).split(separator: "\n")
        for (i, (_, reason)) in aaBad.enumerated() { XCTAssertTrue(written[i].contains(reason), "\(written[i]) lacks \(reason)") }

        let ytBad: [(String, String)] = [("P1;DAG;100", "ytelse"), ("P1;DAGP;101", "grad"), ("P1;DAGP;-1", "grad")]
        try ExtractSetBuilder.writeGzip("\(dir)/ytelse_202201.csv.gz",
                                        ([ExtractSetBuilder.ytelseHeader, "P1;DAGP;", "P1;UFOR;100", "P1;UFOR;100"] + ytBad.map(\.0)).joined(separator: "\n"))
        let q2 = Quarantine(fileName: "ytelse_202201.csv.gz", path: "\(dir)/q2")
        let y = try BenefitExtract.read(try ExtractFile.recognise(name: "ytelse_202201.csv.gz", in: dir)!, quarantine: q2)
        XCTAssertEqual(y.stats.rowsSetAside, ytBad.count)
        XCTAssertEqual(y.people.flags, [Benefit.dagp.bit | Benefit.ufor.bit])
        XCTAssertEqual(y.people.rowCounts, [3])
        let written2 = try String(contentsOfFile: "\(dir)/q2", encoding: .utf8).split(separator: "\n")
        for (i, (_, reason)) in ytBad.enumerated() { XCTAssertTrue(written2[i].contains(reason)) }
    }

    func testFatalFileErrorsNameTheFile() throws {
        let dir = temporaryDirectory()
        func attempt(_ bytes: [UInt8]) -> ExtractError? {
            _ = FileManager.default.createFile(atPath: "\(dir)/arena_202201.csv.gz", contents: Data(bytes))
            let file = try! ExtractFile.recognise(name: "arena_202201.csv.gz", in: dir)!
            do {
                _ = try ArenaExtract.read(file, quarantine: Quarantine(fileName: file.name, path: nil))
                return nil
            } catch let e as ExtractError { return e } catch { return nil }
        }
        // Not gzip at all.
        XCTAssertEqual(attempt(Array("person_id;hovedstatus\n".utf8))?.reason, .notGzip("incorrect header check"))
        XCTAssertEqual(attempt([])?.reason, .notGzip("the file is empty"))
        // A valid file cut short.
        try ExtractSetBuilder.writeGzip("\(dir)/full.gz", ([header] + (0..<2000).map { "P\($0);ARBS;IKVAL;0301;03;;35;K;V;N;N" }).joined(separator: "\n"))
        let full = [UInt8](FileManager.default.contents(atPath: "\(dir)/full.gz")!)
        XCTAssertEqual(attempt(Array(full.prefix(full.count / 2)))?.reason, .truncated)
        XCTAssertEqual(attempt(Array(full.dropLast(4)))?.reason, .truncated)   // trailer cut
        // Garbage after a complete member.
        XCTAssertNotNil(attempt(full + Array("junk".utf8)))
        // Missing and duplicated columns.
        try ExtractSetBuilder.writeGzip("\(dir)/h.gz", "person_id;hovedstatus;innsatsgruppe;enhet;fylke;alder;kjonn;utdanning;innvandrer;permittert\n")
        let e = attempt([UInt8](FileManager.default.contents(atPath: "\(dir)/h.gz")!))
        XCTAssertEqual(e?.reason, .missingColumn("tiltak"))
        XCTAssertEqual(e?.description, "\(dir)/arena_202201.csv.gz: line 1: the header lacks the required column 'tiltak'")
        try ExtractSetBuilder.writeGzip("\(dir)/d.gz", header + ";enhet\n")
        XCTAssertEqual(attempt([UInt8](FileManager.default.contents(atPath: "\(dir)/d.gz")!))?.reason, .duplicateColumn("enhet"))
    }
}

extension ExtractReaderTests {
    func testSummariesLeaveOutFieldValues() throws {
        // Columns shifted by one: a person key lands in `hovedstatus`.
        let (_, rejects, written) = try read([header, "X;SECRET1;ARBS;IKVAL;0301;03;;35;K;V;N",
                                              "P2;ARBS;IKVAL;0301;03;;35;K;V;N;x'SECRET2'y"].joined(separator: "\n"))
        XCTAssertEqual(rejects.map(\.reason), ["hovedstatus: unknown code '…'", "permittert: '…' is not J or N"])
        // The quarantine file keeps the rows and the values for its owner.
        XCTAssertTrue(written.contains("hovedstatus: unknown code 'SECRET1'"))
        XCTAssertTrue(written.contains("permittert: 'x'SECRET2'y' is not J or N"))
    }
}

extension ExtractReaderTests {
    func testMeasureCodesBeyondSixteenBitsAreSetAsideNotACrash() throws {
        let rows = (0..<(ArenaExtract.maxMeasureCodes + 3)).map { "P\($0);ARBS;IKVAL;0301;03;T\($0);35;K;V;N;N" }
        let (a, rejects, _) = try read(([header] + rows).joined(separator: "\n"))
        XCTAssertEqual(a.measures.count, ArenaExtract.maxMeasureCodes)
        XCTAssertEqual(a.stats.rowsSetAside, 3)
        XCTAssertTrue(rejects[0].reason.contains("different measure codes"))
    }
}
