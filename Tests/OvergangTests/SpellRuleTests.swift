import XCTest
@testable import Episodes
@testable import Extracts
@testable import Panel

/// Target-group entries and spells (definitions.md §5) on hand-built timelines.
final class SpellRuleTests: XCTestCase {
    /// Reads the set and returns the entries (person key → entry months) and the rules.
    func load(_ b: ExtractSetBuilder, maxMonths: Int = 12) throws -> (Panel, [String: [Entry]], SpellRules) {
        let dir = try b.write()
        let (panel, _) = try exits(in: dir)
        let rules = SpellRules(maxMonths: maxMonths)
        let entries = rules.entries(in: panel, months: 0..<panel.monthCount)
        // Person numbers follow first appearance; map them back to the keys used here.
        var keys = KeyTable()
        for f in try ExtractInventory(directory: dir).files where f.kind == .arena {
            let a = try ArenaExtract.read(f, quarantine: Quarantine(fileName: f.name, path: nil))
            for i in 0..<a.rows.count { _ = keys.insert(a.persons.key(i)) }
        }
        var byKey = [String: [Entry]]()
        for e in entries { byKey[keys.keyString(Int(e.person)), default: []].append(e) }
        return (panel, byKey, rules)
    }

    func testEntryRoutes() throws {
        var b = ExtractSetBuilder(from: "2022-01", to: "2022-06")
        b.register("NEW", 3)                                                  // no row in m−1, m−2 → entry
        b.register("IVURD", 2, innsats: "IVURD"); b.register("IVURD", 3)      // IVURD in m−1 → entry
        b.register("SICK", 2, status: "IARBS", innsats: "VURDU"); b.register("SICK", 3)  // VURDU in m−1 → entry
        b.register("SICK2", 2, status: "IARBS", innsats: "VURDI"); b.register("SICK2", 3) // VURDI in m−1 → entry
        b.register("GAP", 2); b.register("GAP", 4)                            // a row in m−2: not an entry in 4
        b.register("STAY", 2); b.register("STAY", 3)                          // IKVAL in m−1: entry only in 2
        b.register("YOUNG", 3, alder: 29); b.register("OLD", 3, alder: 60)   // outside 30-59
        b.register("EDGE", 3, alder: 30); b.register("EDGE2", 3, alder: 59)  // inside
        b.register("BFORM", 3, innsats: "BFORM")                             // not standard needs
        b.register("NEDS", 3, status: "NEDS")                                // not ARBS
        b.register("EARLY", 1)                                               // m−2 not in the data
        let (panel, entries, _) = try load(b)
        func months(_ p: String) -> [String] { (entries[p] ?? []).map { panel.month(Int($0.month)).description } }
        XCTAssertEqual(months("NEW"), ["2022-04"])
        XCTAssertEqual(months("IVURD"), ["2022-04"])
        XCTAssertEqual(months("SICK"), ["2022-04"])
        XCTAssertEqual(months("SICK2"), ["2022-04"])
        XCTAssertEqual(months("GAP"), ["2022-03"])   // its first row has nothing in the two months before
        XCTAssertEqual(months("STAY"), ["2022-03"])
        XCTAssertEqual(months("YOUNG") + months("OLD") + months("BFORM") + months("NEDS") + months("EARLY"), [])
        XCTAssertEqual(months("EDGE") + months("EDGE2"), ["2022-04", "2022-04"])
    }

    func testRepeatedEntriesAreSeparateSpells() throws {
        var b = ExtractSetBuilder(from: "2022-01", to: "2022-12")
        b.register("TWICE", months: [2, 3])
        b.register("TWICE", months: [7, 8, 9])
        let (panel, entries, rules) = try load(b)
        let spells = entries["TWICE"]!
        XCTAssertEqual(spells.map { panel.month(Int($0.month)).description }, ["2022-03", "2022-08"])
        XCTAssertEqual(spells.map { rules.duration($0, .deregistered, in: panel)!.time }, [2, 3])
    }

    func testTransferAndDeregistrationAtTheUnit() throws {
        var b = ExtractSetBuilder(from: "2022-01", to: "2022-12")
        // A: at the unit 2..4, gone in 5 → deregistered at 3; for `transferred` censored at 3.
        for i in 2...4 { b.register("A", i, enhet: "4154") }
        // B: at the unit 2..3, at a local office 4..6 → transferred at 2; deregistered at 5.
        for i in 2...3 { b.register("B", i, enhet: "4154") }
        for i in 4...6 { b.register("B", i, enhet: "0301") }
        // C: not at the unit: outside the `transferred` population.
        b.register("C", months: [2, 3])
        let (panel, entries, rules) = try load(b)
        let a = entries["A"]![0], bb = entries["B"]![0], c = entries["C"]![0]
        XCTAssertTrue(a.atUnit)
        XCTAssertEqual(rules.duration(a, .transferred, in: panel).map { "\($0.time) \($0.event)" }, "3 false")
        XCTAssertEqual(rules.duration(a, .deregistered, in: panel).map { "\($0.time) \($0.event)" }, "3 true")
        XCTAssertEqual(rules.unitEnd(a, in: panel).cause, 2)
        XCTAssertEqual(rules.duration(bb, .transferred, in: panel).map { "\($0.time) \($0.event)" }, "2 true")
        XCTAssertEqual(rules.duration(bb, .deregistered, in: panel).map { "\($0.time) \($0.event)" }, "5 true")
        XCTAssertEqual(rules.unitEnd(bb, in: panel).time, 2)
        XCTAssertEqual(rules.unitEnd(bb, in: panel).cause, 1)
        XCTAssertNil(rules.duration(c, .transferred, in: panel))
    }

    func testJobCountsOnlyAfterDeregistration() throws {
        var b = ExtractSetBuilder(from: "2022-01", to: "2022-12")
        // Employed from month 3 while still registered through 5; gone and employed in 6.
        b.register("W", months: [2, 3, 4, 5])
        for i in 3...8 { b.employ("W", i, start: "2022-04-01") }
        // Deregistered in 4 without a job, employed from 6: the job event at 4.
        b.register("V", months: [2, 3])
        for i in 6...8 { b.employ("V", i, start: "2022-07-01") }
        let (panel, entries, rules) = try load(b)
        XCTAssertEqual(rules.duration(entries["W"]![0], .job, in: panel).map { "\($0.time) \($0.event)" }, "4 true")
        XCTAssertEqual(rules.duration(entries["V"]![0], .job, in: panel).map { "\($0.time) \($0.event)" }, "4 true")
    }

    func testMeasureAndSituationalWithDeregistrationAsCompetingEnd() throws {
        var b = ExtractSetBuilder(from: "2022-01", to: "2022-12")
        b.register("M", 2); b.register("M", 3); b.register("M", 4, tiltak: "ARBTREN")
        b.register("S", 2); b.register("S", 3, innsats: "BATT")
        b.register("X", months: [2, 3])   // gone in 4: censored at 2 for both
        let (panel, entries, rules) = try load(b)
        XCTAssertEqual(rules.duration(entries["M"]![0], .measure, in: panel).map { "\($0.time) \($0.event)" }, "2 true")
        XCTAssertEqual(rules.duration(entries["S"]![0], .situational, in: panel).map { "\($0.time) \($0.event)" }, "1 true")
        XCTAssertEqual(rules.duration(entries["X"]![0], .measure, in: panel).map { "\($0.time) \($0.event)" }, "2 false")
        XCTAssertEqual(rules.duration(entries["X"]![0], .situational, in: panel).map { "\($0.time) \($0.event)" }, "2 false")
        let strict = SpellRules(situationalGroups: [.varig])
        // BATT is not situational then; S is deregistered in 4 (k = 2), the competing end.
        XCTAssertEqual(strict.duration(entries["S"]![0], .situational, in: panel).map { "\($0.time) \($0.event)" }, "2 false")
    }

    func testCensoringAtTheEndOfTheDataAndAtMaxMonths() throws {
        var b = ExtractSetBuilder(from: "2022-01", to: "2022-08")
        b.register("END", months: Array(2...7))   // registered to the last month: censored at 5 (2022-08 − 2022-03)
        b.register("LAST", 7)                     // enters in the last month: censored at 0
        let (panel, entries, rules) = try load(b)
        XCTAssertEqual(rules.duration(entries["END"]![0], .deregistered, in: panel).map { "\($0.time) \($0.event)" }, "5 false")
        XCTAssertEqual(rules.duration(entries["LAST"]![0], .deregistered, in: panel).map { "\($0.time) \($0.event)" }, "0 false")
        let short = SpellRules(maxMonths: 3)
        XCTAssertEqual(short.duration(entries["END"]![0], .deregistered, in: panel).map { "\($0.time) \($0.event)" }, "3 false")
        // An event exactly at maxMonths still counts.
        var c = ExtractSetBuilder(from: "2022-01", to: "2022-12")
        c.register("AT", months: [2, 3, 4, 5])      // gone in 6: deregistered at 4
        let (p2, e2, _) = try load(c)
        XCTAssertEqual(SpellRules(maxMonths: 4).duration(e2["AT"]![0], .deregistered, in: p2).map { "\($0.time) \($0.event)" }, "4 true")
        XCTAssertEqual(SpellRules(maxMonths: 3).duration(e2["AT"]![0], .deregistered, in: p2).map { "\($0.time) \($0.event)" }, "3 false")
    }
}
