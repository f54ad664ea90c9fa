import Foundation
import XCTest
@testable import Extracts
@testable import Pipeline

/// The incremental cache: what changed is parsed, the rest reused, damage is rebuilt, and
/// the tables are always those of a run without the cache.
final class CacheTests: XCTestCase {
    struct Run {
        var summary: RunSummary
        var manifest: [String: JSONValue]
        var tables: String
    }

    func run(_ input: String, _ output: String, cache: Bool = true, maxRejectedShare: Double = 0.001) throws -> Run {
        var c = Configuration()
        c.input.directory = input
        c.output.directory = output
        c.cache.enabled = cache
        c.input.maxRejectedShare = maxRejectedShare
        let summary = try PipelineRun(config: c).run()
        guard case .object(let m) = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: URL(fileURLWithPath: output + "/manifest.json"))) else {
            throw XCTSkip("manifest")
        }
        var tables = ""
        for name in ["exit_cohorts_detailed.csv", "exit_cohorts_by_enhet.csv", "lifetables.csv", "quarantine.csv"] {
            tables += try String(contentsOfFile: "\(output)/\(name)", encoding: .utf8)
        }
        return Run(summary: summary, manifest: m, tables: tables)
    }

    func uses(_ r: Run) -> [String: Int] { Dictionary(grouping: r.summary.cacheUses.values, by: { $0 }).mapValues(\.count) }

    func fresh(_ input: String) throws -> String { try run(input, temporaryDirectory() + "/nocache", cache: false).tables }

    func testChangedAddedAndRemovedFilesArePickedUp() throws {
        var b = smallExtractSet()
        let input = try b.write()
        let output = temporaryDirectory() + "/out"
        let first = try run(input, output)
        XCTAssertEqual(uses(first), ["parsed": 24])
        let again = try run(input, output)
        XCTAssertEqual(uses(again), ["reused": 24])
        XCTAssertEqual(again.tables, first.tables)
        XCTAssertEqual(again.manifest["changesSincePreviousRun"], ["added": [], "changed": [], "gone": [], "unchanged": 24])

        // A corrected redelivery of one month's arena file.
        b.register("NEW1", 3)
        try ExtractSetBuilder.writeGzip(input + "/arena_202204.csv.gz",
                                        ([ExtractSetBuilder.arenaHeader] + b.arena[b.month(3)]!).joined(separator: "\n") + "\n")
        let changed = try run(input, output)
        // It adds a person: the employment and benefit forms of that month on, kept filtered to
        // the persons in Arena by their month, are parsed again; the earlier ones are reused.
        let reparsed = ["arena_202204.csv.gz"] + (4...8).flatMap { ["aa_20220\($0).csv.gz", "ytelse_20220\($0).csv.gz"] }
        XCTAssertEqual(changed.summary.cacheUses.filter { $0.value == "parsed" }.keys.sorted(), reparsed.sorted())
        XCTAssertEqual(uses(changed), ["reused": 13, "parsed": 11])
        XCTAssertEqual(changed.manifest["changesSincePreviousRun"], ["added": [], "changed": ["arena_202204.csv.gz"], "gone": [], "unchanged": 23])
        XCTAssertEqual(changed.tables, try fresh(input))
        XCTAssertNotEqual(changed.tables, first.tables)

        // A new month.
        var longer = ExtractSetBuilder(from: "2022-09", to: "2022-09")
        longer.register("P1", 0)
        _ = try longer.write(to: input)
        let added = try run(input, output)
        XCTAssertEqual(uses(added), ["reused": 24, "parsed": 3])
        XCTAssertEqual(added.manifest["changesSincePreviousRun"],
                       ["added": ["aa_202209.csv.gz", "arena_202209.csv.gz", "ytelse_202209.csv.gz"], "changed": [], "gone": [], "unchanged": 24])
        XCTAssertEqual(added.tables, try fresh(input))

        // The first month removed.
        for kind in ["arena", "aa", "ytelse"] { try FileManager.default.removeItem(atPath: "\(input)/\(kind)_202201.csv.gz") }
        let removed = try run(input, output)
        // Another first month: other persons are in Arena by each month, so the employment and
        // benefit forms whose set of persons changed are parsed again; Arena files are reused.
        XCTAssertTrue(removed.summary.cacheUses.filter { $0.key.hasPrefix("arena_") }.values.allSatisfy { $0 == "reused" })
        XCTAssertEqual(removed.manifest["changesSincePreviousRun"],
                       ["added": [], "changed": [], "gone": ["aa_202201.csv.gz", "arena_202201.csv.gz", "ytelse_202201.csv.gz"], "unchanged": 24])
        XCTAssertEqual(removed.tables, try fresh(input))
    }

    func testDamagedOrForeignEntriesAreRebuiltNotTrusted() throws {
        let input = try smallExtractSet().write()
        let output = temporaryDirectory() + "/out"
        let first = try run(input, output)
        let cache = output + ".cache"
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".bin") }.sorted()
        // Flip one byte in the payload of every panel entry and one file entry; cut another;
        // give a third another format version in its header.
        func damage(_ name: String, _ change: (inout [UInt8]) -> Void) throws {
            var bytes = [UInt8](FileManager.default.contents(atPath: "\(cache)/\(name)")!)
            change(&bytes)
            try Data(bytes).write(to: URL(fileURLWithPath: "\(cache)/\(name)"))
        }
        for panel in entries where panel.hasPrefix("panel-") { try damage(panel) { $0[$0.count - 10] ^= 0xFF } }
        let arena = entries.first { $0.hasPrefix("arena-") }!, aa = entries.first { $0.hasPrefix("aa-") }!
        let ytelse = entries.first { $0.hasPrefix("ytelse-") }!
        try damage(arena) { $0[$0.count / 2] ^= 0x01 }
        try damage(aa) { $0.removeLast(7) }
        try damage(ytelse) { $0[4] = 99 }
        let second = try run(input, output)
        // Three entries damaged; files sharing an entry (same content) that are read on the two
        // cores at once may both find it damaged, so 3 or 4 files are rebuilt, none trusted.
        XCTAssertNil(uses(second)["parsed"])
        XCTAssertTrue((3...4).contains(uses(second)["rebuilt"] ?? 0), "\(uses(second))")
        XCTAssertEqual(second.tables, first.tables)
        // Rebuilt entries are good again.
        XCTAssertEqual(uses(try run(input, output)), ["reused": 24])
    }

    func testRowsSetAsideComeBackFromTheCache() throws {
        let input = try smallExtractSet().write()
        let rows = [ExtractSetBuilder.arenaHeader, "P1;ARBS;IKVAL;0301;03;;35;K;V;N;N", "P2;XXXX;IKVAL;0301;03;;35;K;V;N;N"]
        try ExtractSetBuilder.writeGzip("\(input)/arena_202203.csv.gz", rows.joined(separator: "\n"))
        let output = temporaryDirectory() + "/out"
        let first = try run(input, output, maxRejectedShare: 0.5)
        let second = try run(input, output, maxRejectedShare: 0.5)
        XCTAssertEqual(uses(second), ["reused": 24])
        XCTAssertTrue(second.tables.contains("arena_202203.csv.gz,3,hovedstatus: unknown code 'XXXX'"))
        XCTAssertEqual(second.tables, first.tables)
        // A stricter limit applies to cached files too.
        XCTAssertThrowsError(try run(input, output, maxRejectedShare: 0.001)) { XCTAssertTrue($0 is ExtractError) }
        let mode = try FileManager.default.attributesOfItem(atPath: output + ".cache")[.posixPermissions] as! Int
        XCTAssertEqual(mode & 0o777, 0o700)
    }
}

extension CacheTests {
    /// An entry whose header and CRC are right but whose content is not (a bug in another
    /// version, or a crafted file): rebuilt, never trusted, never a crash.
    func testConsistentChecksumButInconsistentContentIsRebuilt() throws {
        let input = try smallExtractSet().write()
        let output = temporaryDirectory() + "/out"
        let first = try run(input, output)
        let cache = output + ".cache"
        for name in try FileManager.default.contentsOfDirectory(atPath: cache) where name.hasPrefix("panel-") {
            try FileManager.default.removeItem(atPath: "\(cache)/\(name)")
        }
        let arena = try FileManager.default.contentsOfDirectory(atPath: cache).first { $0.hasPrefix("arena-") }!
        let key = String(arena.dropFirst("arena-".count).dropLast(".bin".count))
        // A payload whose key starts run past the key bytes.
        var w = BinaryWriter()
        let stats = FileStats(file: ExtractFile(kind: .arena, month: Month("2022-01")!, path: "x"))
        w.array([UInt8](try JSONEncoder().encode(stats)))
        w.array([UInt8]("P1".utf8)); w.array([UInt32]([0, 9]))
        w.array([ArenaRow.none]); w.array([UInt8]()); w.array([UInt32]([0]))
        try Data(CacheEntry.encode(kind: "arena", key: key, payload: w.data)).write(to: URL(fileURLWithPath: "\(cache)/\(arena)"))
        let second = try run(input, output)
        XCTAssertEqual(uses(second)["rebuilt"], 1)
        XCTAssertEqual(second.tables, first.tables)
        XCTAssertFalse(KeyTable.isValidStorage(bytes: Array("P1".utf8), starts: [0, 9]))
        XCTAssertTrue(KeyTable.isValidStorage(bytes: Array("P1Q22".utf8), starts: [0, 2, 5]))
        XCTAssertTrue(KeyTable.isValidStorage(bytes: [], starts: [0]))
    }
}

extension CacheTests {
    func testEntriesUnusedForThirtyDaysArePruned() throws {
        let input = try smallExtractSet().write()
        let output = temporaryDirectory() + "/out"
        _ = try run(input, output)
        let cache = output + ".cache"
        // An entry of a file delivered long ago and no longer in the input folder.
        let old = "\(cache)/arena-\(String(repeating: "0", count: 64)).bin"
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: old))
        let longAgo = Date().addingTimeInterval(-40 * 86_400)
        try FileManager.default.setAttributes([.modificationDate: longAgo], ofItemAtPath: old)
        // A used entry made to look old is refreshed by the run that uses it, not deleted.
        let used = try FileManager.default.contentsOfDirectory(atPath: cache).first { $0.hasPrefix("aa-") }!
        try FileManager.default.setAttributes([.modificationDate: longAgo], ofItemAtPath: "\(cache)/\(used)")
        for name in try FileManager.default.contentsOfDirectory(atPath: cache) where name.hasPrefix("panel-") {
            try FileManager.default.removeItem(atPath: "\(cache)/\(name)")
        }
        let second = try run(input, output)
        XCTAssertEqual(uses(second), ["reused": 24])
        XCTAssertFalse(FileManager.default.fileExists(atPath: old))
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(cache)/\(used)"))
    }
}

extension CacheTests {
    func testADamagedHeaderLengthIsRebuiltNotACrash() throws {
        let input = try smallExtractSet().write()
        let output = temporaryDirectory() + "/out"
        let first = try run(input, output)
        let cache = output + ".cache"
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".bin") }
        // Set the top bit of every entry's payload length (the header is not under the CRC).
        for name in entries {
            var bytes = [UInt8](FileManager.default.contents(atPath: "\(cache)/\(name)")!)
            var r = BinaryReader(bytes)
            _ = r.bytes(4); _ = r.u32(); _ = r.string(); _ = r.string(); _ = r.string()
            bytes[r.offset + 7] |= 0x80
            try Data(bytes).write(to: URL(fileURLWithPath: "\(cache)/\(name)"))
        }
        let second = try run(input, output)
        // Files with the same content share an entry: once rebuilt, the next finds it good.
        XCTAssertNil(uses(second)["parsed"])
        XCTAssertGreaterThanOrEqual(uses(second)["rebuilt"] ?? 0, 12)
        XCTAssertEqual(second.tables, first.tables)
    }

    func testAPanelEntryOfOtherMonthsIsNotUsed() throws {
        // The same files but another range: another key, and a stored range must match anyway.
        let input = try smallExtractSet().write()
        let output = temporaryDirectory() + "/out"
        _ = try run(input, output)
        var c = Configuration()
        c.input.directory = input
        c.output.directory = output
        c.input.from = Month("2022-03")
        let narrower = try PipelineRun(config: c).run()
        XCTAssertEqual(narrower.months.description, "2022-03..2022-08")
        XCTAssertEqual(Set(narrower.cacheUses.values), ["reused"])
    }
}

extension CacheTests {
    /// The compact per-file form (format 4) gives back exactly what was parsed: keys of
    /// unequal and of equal lengths, row counts of 16 and more, and more than 255 kinds of
    /// (flags, count), which are listed apart; and an entry large enough to be written
    /// directly, which must come back whole (its last block padded, the file cut to size).
    func testPersonFlagsComeBackExactlyFromTheCompactForm() throws {
        let dir = temporaryDirectory()
        let path = "\(dir)/aa_202201.csv.gz"
        let mixed: [String] = (0..<700).map { "P\($0 * 7919)" }
        let alike: [String] = (0..<700).map { String(format: "K%09d", $0) }
        // Over 1 MB: written past the page cache (O_DIRECT) where the file system allows.
        let large: [String] = (0..<150_000).map { "L\($0 * 31)" }
        for (variant, keys) in [("mixed", mixed), ("alike", alike), ("large", large)] {
            try ExtractSetBuilder.writeGzip(path, "\(variant)\n")   // any content: only its checksum keys the entry
            let file = try ExtractFile.recognise(name: "aa_202201.csv.gz", in: dir)!
            var list = KeyTable()
            for k in keys { _ = list.insert(Array(k.utf8)) }
            let storage = list.storage
            let people = PersonFlags(persons: KeyList(bytes: storage.bytes, starts: storage.starts),
                                     flags: (0..<keys.count).map { (i: Int) -> UInt8 in UInt8(truncatingIfNeeded: i * 37) },
                                     rowCounts: (0..<keys.count).map { (i: Int) -> UInt32 in UInt32(i % 5 == 0 ? i * 3 : i % 20) })
            var parsed = EmploymentExtract(file: file, stats: FileStats(file: file))
            parsed.people = people
            parsed.stats.sha256 = "\(variant)-sha"
            let cacheDir = temporaryDirectory()
            _ = try ExtractCache(directory: cacheDir).employmentAndSave(file) { parsed }
            let second = try ExtractCache(directory: cacheDir)
            defer { XCTAssertEqual(second.fileUses[file.name], .reused, variant) }
            let again = try second.employment(file, arenaSet: "set") {
                XCTFail("parsed again instead of read from the cache")
                return parsed
            }
            XCTAssertEqual(again.people, people, variant)
        }
    }
}

private extension ExtractCache {
    /// Parses (stores) one file and writes the checksum index, as a run does at its end.
    func employmentAndSave(_ file: ExtractFile, parse: () throws -> EmploymentExtract) throws -> EmploymentExtract {
        defer { saveIndex() }
        return try employment(file, arenaSet: "set", parse: parse)
    }
}

extension CacheTests {
    /// Person keys in an entry: lengths once when all keys are alike, else one byte each; what
    /// is read back is the keys written, and a count or length that does not fit is refused.
    func testPersonKeysAreStoredWithTheirLengthsOnceWhenAlike() throws {
        func stored(_ keys: [String]) -> (bytes: [UInt8], starts: [UInt32], size: Int) {
            var bytes = [UInt8](), starts: [UInt32] = [0]
            for k in keys { bytes += Array(k.utf8); starts.append(UInt32(bytes.count)) }
            var w = BinaryWriter()
            w.keys(bytes, starts)
            return (bytes, starts, w.data.count)
        }
        let national = (0..<100).map { String(format: "%011d", 12_345_678 * $0) }
        let mixed = ["1", "22", "333", String(repeating: "x", count: 64)]
        for keys in [national, mixed, [], ["only"]] {
            let (bytes, starts, _) = stored(keys)
            var w = BinaryWriter()
            w.keys(bytes, starts)
            var r = BinaryReader(w.data)
            let read = try XCTUnwrap(r.keys(count: keys.count), "\(keys.prefix(2))")
            XCTAssertEqual(read.bytes, bytes)
            XCTAssertEqual(read.starts, starts)
            var wrongCount = BinaryReader(w.data)
            XCTAssertNil(wrongCount.keys(count: keys.count + 1))
        }
        // 100 national keys: 1 100 bytes, their length once (8 + 8 + 8 + 8 bytes of counts and length).
        XCTAssertEqual(stored(national).size, 1_100 + 24)
        XCTAssertEqual(stored(mixed).size, mixed.map(\.utf8.count).reduce(0, +) + 24 + mixed.count)
    }
}
