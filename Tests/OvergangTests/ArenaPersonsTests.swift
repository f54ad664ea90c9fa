import XCTest
@testable import Extracts
@testable import Panel

/// An employment or benefit file is cut down to the persons in Arena by its month: those seen
/// by then with a flag, in the file's order; the rows of all others counted as not in Arena.
final class ArenaPersonsTests: XCTestCase {
    func testFilteringKeepsTheSeenPersonsInTheFilesOrderAndCountsTheRest() {
        // Arena: p0…p999 in the table, the first 800 seen by the file's month.
        var table = KeyTable()
        for i in 0..<1000 { _ = table.insert(Array("p\(i)".utf8)) }
        let arena = ArenaPersons(table: table, known: 800, digest: "test")

        // The file: Arena persons seen and not yet seen, persons never in Arena, in a
        // scrambled order; every third without a flag.
        let keys = (0..<1200).map { "p\(($0 * 7919) % 1200)" } + (0..<100).map { "x\($0)" }
        var bytes = [UInt8](), starts: [UInt32] = [0]
        for k in keys {
            bytes += Array(k.utf8)
            starts.append(UInt32(bytes.count))
        }
        let flags = keys.indices.map { UInt8($0 % 3 == 0 ? 0 : 1 + $0 % 5) }
        let counts = keys.indices.map { UInt32($0 % 4 + 1) }
        let people = PersonFlags(persons: KeyList(bytes: bytes, starts: starts), flags: flags, rowCounts: counts)

        // What the filter must give, written out plainly: the seen Arena persons with a flag,
        // in the file's order; the rows of everyone outside the seen set counted.
        func seen(_ key: String) -> Bool { key.hasPrefix("p") && Int(key.dropFirst())! < 800 }
        let kept = keys.indices.filter { seen(keys[$0]) && flags[$0] != 0 }
        let notInArena = keys.indices.filter { !seen(keys[$0]) }.reduce(0) { $0 + Int(counts[$1]) }

        var stats = FileStats(file: ExtractFile(kind: .aa, month: Month("2022-01")!, path: "/none/aa_202201.csv.gz"))
        stats.rowsNotInArena = 3
        let (filtered, counted) = arena.filter(people, stats)
        XCTAssertEqual((0..<filtered.count).map { String(decoding: filtered.persons.key($0), as: UTF8.self) }, kept.map { keys[$0] })
        XCTAssertEqual(filtered.flags, kept.map { flags[$0] })
        XCTAssertEqual(filtered.rowCounts, kept.map { counts[$0] })
        XCTAssertEqual(counted.rowsNotInArena, 3 + notInArena)
        // The kept hashes are the keys' own (as if read back from storage).
        let storage = filtered.persons.storage
        XCTAssertEqual(filtered.persons, KeyList(bytes: storage.bytes, starts: storage.starts))
    }
}
