import XCTest
@testable import Catalogue
@testable import Pipeline

/// Every linear relation the catalogue declares holds on the sample run without a limit (with
/// every optional table, `CatalogueTests.everyTable`):
/// each equation's total equals the sum of its parts, and each relation has equations there
/// (a relation that matched nothing would pass without saying anything).
final class CatalogueRelationTests: XCTestCase {
    static let tables: [CSVTable] = {
        let folder = CatalogueTests.everyTable
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        // With the unprinted denominators the relations also tie (`Catalogue.denominators`).
        return Catalogue.addingDenominators(to: names.filter { Catalogue.table(ofFile: $0) != nil }.sorted().map { name in
            try! CSVTable.read(name: name, text: String(contentsOfFile: folder + "/" + name, encoding: .utf8))
        })
    }()

    func testEveryDeclaredRelationHoldsOnTheSampleRun() throws {
        let byName = Dictionary(uniqueKeysWithValues: Self.tables.map { ($0.name, $0) })
        func value(_ ref: CellRef) -> Int? { byName[ref.table]!.rows[ref.row][ref.column].intValue }
        XCTAssertGreaterThan(Catalogue.relations.count, 20)
        for relation in Catalogue.relations {
            let equations = relation.equations(in: Self.tables)
            // (A relation that holds only for some settings, a pooled survival window, may have none.)
            XCTAssertTrue(!equations.isEmpty || relation.conditional || Self.isEmpty(relation.total.table, in: Self.tables),
                          "\(relation): no equation in the sample run")
            var failures = 0
            for equation in equations {
                let total = equation.total.map(value), parts = equation.parts.map(value)
                // A figure that does not apply (a comparison without groups has no control
                // counts) is blank and has no parts.
                if parts.isEmpty && !total.contains(where: { $0 != nil }) { continue }
                XCTAssertFalse(total.contains(nil) || parts.contains(nil), "\(relation): a blank cell without a limit")
                if total.compactMap({ $0 }).reduce(0, +) != parts.compactMap({ $0 }).reduce(0, +) { failures += 1 }
            }
            XCTAssertEqual(failures, 0, "\(relation): \(failures) of \(equations.count) equations do not hold")
        }
    }

    /// Whether every file of a table in `tables` has no rows (so no relation over it has an equation).
    static func isEmpty(_ spec: TableSpec, in tables: [CSVTable]) -> Bool {
        tables.filter { $0.isFile(of: spec) }.allSatisfy(\.rows.isEmpty)
    }

    /// The same relations hold on the tables the independent Python oracles computed from the
    /// spec (`Fixtures/sample-expected*/`, `Fixtures/cohorts/expected/`): they are relations of
    /// the definitions, not of this code. (The oracles write the exit cohort tables, monthly,
    /// quarterly, yearly and crossed, and the target group's entries and profile.)
    func testTheRelationsHoldOnTheIndependentReferenceTables() throws {
        let fixtures = SampleDataFixtureTests.expected.deletingLastPathComponent()
        var checked = 0
        for folder in ["sample-expected", "sample-expected-measure", "cohorts/expected"] {
            let path = fixtures.appendingPathComponent(folder).path
            let tables = Catalogue.addingDenominators(to: try FileManager.default.contentsOfDirectory(atPath: path)
                .filter { Catalogue.table(ofFile: $0) != nil }.sorted()
                .map { try CSVTable.read(name: $0, text: String(contentsOfFile: path + "/" + $0, encoding: .utf8)) })
            // Tables the oracle wrote with rows (the sample has no exit in work on a measure).
            let present = Set(tables.filter { !$0.rows.isEmpty }.compactMap { Catalogue.table(ofFile: $0.name)?.spec.fileName })
            for relation in Catalogue.relations where ([relation.total] + relation.parts).allSatisfy({ present.contains($0.table.fileName) }) {
                let equations = relation.equations(in: tables)
                XCTAssertFalse(equations.isEmpty && !relation.conditional, "\(folder): \(relation)")
                // (nil: an unprinted denominator no share gives, as where only unregistered persons are.)
                func sum(_ cells: [CellRef]) -> Int? {
                    let values = cells.map { ref in tables.first { $0.name == ref.table }!.rows[ref.row][ref.column].intValue }
                    return values.contains(nil) ? nil : values.reduce(0) { $0 + $1! }
                }
                for equation in equations where sum(equation.total) != nil {
                    XCTAssertEqual(sum(equation.total), sum(equation.parts), "\(folder): \(relation)")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 40)
    }

    /// The equations on a small hand-made table: which cells they tie (not only that sums hold).
    func testEquationsTieTheRightCells() throws {
        var detailed = CSVTable(.exitCohortsDetailed)
        var cohorts = CSVTable(.exitCohorts)
        for (i, detail) in ["work_only", "work_benefit", "job_seeker", "reduced_capacity", "disability", "old_age", "other"].enumerated() {
            detailed.append([.text("2024-01"), .text("ARBS"), .text(detail), .count(i), .count(21), .number(nil)])
        }
        for (outcome, n) in [("work", 0), ("work_benefit", 1), ("disability", 4), ("other", 16)] {
            cohorts.append([.text("2024-01"), .text("ARBS"), .text(outcome), .count(n), .count(21), .number(nil)])
        }
        let classes = try XCTUnwrap(Catalogue.relations.first { $0.name == "detailed statuses add up to the status classes" })
        let equations = classes.equations(in: [cohorts, detailed])
        XCTAssertEqual(equations.map { $0.total.map(\.row) }, [[0], [1], [2], [3]])
        XCTAssertEqual(equations.map { $0.parts.map(\.row) }, [[0], [1], [4], [2, 3, 5, 6]])
        let exits = try XCTUnwrap(Catalogue.relations.first { $0.total.table == .exitCohorts && $0.parts[0].table == .exitCohorts })
        XCTAssertEqual(exits.equations(in: [cohorts]), [Equation(total: [CellRef(table: "exit_cohorts.csv", row: 0, column: 4)],
                                                                 parts: (0..<4).map { CellRef(table: "exit_cohorts.csv", row: $0, column: 3) })])
        let chain = try XCTUnwrap(Catalogue.relations.first { $0.total.table == .kaplanMeier })
        var km = CSVTable(.kaplanMeier)
        for (month, atRisk, events) in [(0, 10, 2), (1, 8, 8)] {
            km.append([.text("job"), .text("baseline"), .count(month), .count(atRisk), .count(events), .count(0)] + Array(repeating: .number(nil), count: 4))
        }
        // Month 0: 10 = 2 + 0 + 8 (month 1's at risk); month 1: 8 = 8 + 0 (no month 2).
        XCTAssertEqual(chain.equations(in: [km]).map { $0.parts.map(\.row) }, [[0, 0, 1], [1, 1]])
    }
}
