import XCTest
@testable import Catalogue
@testable import Disclosure
@testable import Pipeline
@testable import Tables

/// The audit issue 17 asks for, as an intruder would run it: from the published tables alone
/// (and the relations the catalogue declares, which hold on the unsuppressed run), the range of
/// every blanked count by linear programming (`IntervalAudit`, checked against scipy's HiGHS in
/// `IntervalAuditTests`). None may be exact, none narrower than the limit. The unknowns are the
/// blank cells, each quantity once (`Catalogue.groupValues`); sets of tied blanks larger than
/// the audit can solve are counted, not checked.
final class DisclosureAuditTests: XCTestCase {
    func testNoBlankedCountIsExactOrNarrowAtLimits5And10() throws {
        // The cells with a figure without a limit (a comparison without groups has no control
        // figures: those empty cells are no blanks).
        let plain = sampleRun { $0.report.formats = [] }
        var figures = Set<CellRef>()
        for name in try FileManager.default.contentsOfDirectory(atPath: plain) where Catalogue.table(ofFile: name) != nil {
            let t = try CSVTable.read(name: name, text: String(contentsOfFile: plain + "/" + name, encoding: .utf8))
            for (r, row) in t.rows.enumerated() { for (c, cell) in row.enumerated() where cell.doubleValue != nil { figures.insert(CellRef(table: name, row: r, column: c)) } }
        }
        for limit in [5, 10] {
            let folder = sampleRun { $0.output.minCellCount = limit; $0.report.formats = [] }
            let tables = Catalogue.addingDenominators(to: try FileManager.default.contentsOfDirectory(atPath: folder)
                .filter { Catalogue.table(ofFile: $0) != nil }.sorted()
                .map { try CSVTable.read(name: $0, text: String(contentsOfFile: folder + "/" + $0, encoding: .utf8)) })
            let config = try Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("pipeline.json").path)
            let relations = Catalogue.relations + Catalogue.crossingRelations(files: tables.map(\.name))
                + config.comparisons.compactMap(\.plain).flatMap(\.relations)
            let (ranges, blanks) = Self.audit(tables, relations: relations)
            XCTAssertGreaterThan(blanks, 1000, "limit \(limit): blanks to audit (else this proves nothing)")
            XCTAssertGreaterThan(ranges.count, 100, "limit \(limit): audited blanks")
            for (cell, range) in ranges where figures.contains(cell) {
                let width = (range.high ?? .infinity) - range.low
                XCTAssertGreaterThanOrEqual(width, Double(limit), "limit \(limit): \(cell.table) row \(cell.row) column \(cell.column): \(range)")
            }
        }
    }

    /// The ranges of the blank counts of `tables` (with their denominators), and how many blanks
    /// there were in all.
    static func audit(_ tables: [CSVTable], relations: [Relation]) -> (ranges: [(CellRef, IntervalAudit.Interval)], blanks: Int) {
        var unknown = [CellRef: Int](), refs = [CellRef]()
        // One unknown per quantity: a group's repeated value is one.
        var groupOf = [CellRef: CellRef]()
        for value in Catalogue.groupValues {
            for table in tables where value.table.parameter(ofFile: table.name) != nil {
                guard let c = table.column(value.column) else { continue }
                let g = value.group.flatMap { $0.named(by: value.table.parameter(ofFile: table.name)!) }.compactMap { table.column($0) }
                var first = [[CSVTable.Cell]: CellRef]()
                for (r, row) in table.rows.enumerated() {
                    let ref = CellRef(table: table.name, row: r, column: c)
                    let key = g.map { row[$0] }
                    if first[key] == nil { first[key] = ref }
                    groupOf[ref] = first[key]
                }
            }
        }
        let byName = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })
        func value(_ ref: CellRef) -> Int? { byName[ref.table]!.rows[ref.row][ref.column].intValue }
        var equations = [IntervalAudit.Equation]()
        for relation in relations {
            for e in relation.equations(in: tables) {
                var coefficient = [Int: Double](), constant = 0.0
                for (cells, sign) in [(e.total, 1.0), (e.parts, -1.0)] {
                    for ref in Set(cells.map { groupOf[$0] ?? $0 }) {
                        if let v = value(ref) { constant -= sign * Double(v); continue }
                        let u = unknown[ref] ?? { unknown[ref] = refs.count; refs.append(ref); return refs.count - 1 }()
                        coefficient[u, default: 0] += sign
                    }
                }
                let terms = coefficient.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { IntervalAudit.Term($0.key, $0.value) }
                if !terms.isEmpty { equations.append(.init(terms: terms, constant: constant)) }
            }
        }
        // Sets of tied blanks small enough for the dense simplex.
        var component = Array(refs.indices)
        func find(_ a: Int) -> Int { component[a] == a ? a : find(component[a]) }
        for e in equations { for t in e.terms.dropFirst() { component[find(t.unknown)] = find(e.terms[0].unknown) } }
        var size = [Int: Int]()
        for u in refs.indices { size[find(u), default: 0] += 1 }
        let small = equations.filter { size[find($0.terms[0].unknown)]! <= DisclosureModel.auditLimit }
        let intervals = IntervalAudit(unknowns: refs.count, equations: small).intervals()
        let inSmall = Set(small.flatMap { $0.terms.map(\.unknown) })
        let audited = refs.indices.filter { inSmall.contains($0) }
        return (audited.map { (refs[$0], intervals[$0]) }, refs.count)
    }
}
