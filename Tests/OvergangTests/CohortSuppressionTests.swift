import XCTest
@testable import Pipeline

/// Under `--min-cell`, the filtered, crossed, quarterly and yearly exit-cohort tables of
/// `sample-data/` give no blanked cell back by subtraction along any sum that ties them,
/// enumerated here from the published tables alone: a row group's classes and its exits, a
/// table's values and each margin (the national table, a crossed table's single ones), the
/// detailed statuses and the headline classes, a quarter or year and its months (and a year
/// and its quarters).
final class CohortSuppressionTests: XCTestCase {
    let limit = 5

    /// A published table: its shape (from the header) and cells by key.
    struct Table {
        var period: String
        var attributes: [String]
        var detailed: Bool
        /// (period, status, values…, class) → count; (period, status, values…) → exits.
        var counts = [[String]: Int?](), exits = [[String]: Int?]()

        init(_ text: String) {
            let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let header = lines[0], c = header.firstIndex(of: "count")!
            period = header[0]
            attributes = Array(header[2..<(c - 1)])
            detailed = header[c - 1] == "outcome_detail"
            for row in lines.dropFirst() {
                counts[Array(row[..<c])] = Int(row[c])
                exits[Array(row[..<(c - 1)])] = Int(row[c + 1])
            }
        }
    }

    struct Relation {
        var total: Int?
        var parts: [Int?]
        var what: String
    }

    func testNoBlankedCellIsRecoverableAlongTheSums() throws {
        let plain = try CohortOptionsTests.run(try CohortOptionsTests.configuration()).mapValues(Table.init)
        let published = try CohortOptionsTests.run(try CohortOptionsTests.configuration(minCell: limit)).mapValues(Table.init)
        XCTAssertEqual(Set(plain.keys), Set(published.keys))
        var blanks = [String: Int]()
        for (name, table) in published {
            for (key, value) in table.counts {
                if let value {
                    // A 0 the published sums give away anyway is printed (blanking it protects nothing).
                    XCTAssertTrue(value == 0 || value >= limit, "\(name) \(key): a count below the limit is printed")
                    XCTAssertEqual(value, plain[name]!.counts[key]!, "\(name) \(key): suppression changed a figure")
                } else {
                    blanks[name, default: 0] += 1
                }
            }
        }
        for name in ["exit_cohorts_quarterly_by_kjonn_x_aldersgruppe.csv", "exit_cohorts_yearly_by_utdanning_x_fylke.csv",
                     "exit_cohorts_by_kjonn_x_aldersgruppe.csv", "exit_cohorts_quarterly_detailed.csv"] {
            XCTAssertGreaterThan(blanks[name] ?? 0, 0, "\(name) has blanks (else this test proves nothing)")
        }
        let relations = self.relations(published)
        XCTAssertGreaterThan(relations.count, 10_000)
        for r in relations {
            let hidden = ([r.total] + r.parts).filter { $0 == nil }.count
            guard hidden > 0 else { continue }
            XCTAssertNotEqual(hidden, 1, "\(r.what): a lone blank is the total less the rest")
            if let total = r.total {
                let rest = total - r.parts.compactMap { $0 }.reduce(0, +)
                XCTAssertTrue(rest == 0 || rest >= limit, "\(r.what): the blanks add up to \(rest)")
            }
        }
    }

    /// Every sum that ties the published tables, from their names' shapes alone.
    func relations(_ tables: [String: Table]) -> [Relation] {
        var out = [Relation]()
        for (name, t) in tables {
            var classes = [[String]: [Int?]]()
            for (key, count) in t.counts { classes[Array(key.dropLast()), default: []].append(count) }
            for (group, exits) in t.exits { out.append(Relation(total: exits, parts: classes[group]!, what: "\(name) \(group) classes")) }
        }
        for (name, t) in tables where !t.detailed {
            for (marginName, m) in tables where !m.detailed && m.period == t.period && m.attributes.count < t.attributes.count
                && m.attributes.allSatisfy(t.attributes.contains) {
                let kept = [0, 1] + m.attributes.map { 2 + t.attributes.firstIndex(of: $0)! }
                out += sums(m, t, "\(marginName) ← \(name)") { key in
                    kept.map { key[$0] } + (key.count > 2 + t.attributes.count ? [key.last!] : [])
                }
            }
        }
        for (name, t) in tables where t.attributes.isEmpty && !t.detailed {
            guard let d = tables.values.first(where: { $0.detailed && $0.period == t.period }) else { continue }
            let other = ["job_seeker", "reduced_capacity", "old_age", "other"]
            out += sums(t, d, "\(name) ← detailed") { key in
                key.count == 2 ? key : Array(key.dropLast()) + [other.contains(key.last!) ? "other" : key.last == "work_only" ? "work" : key.last!]
            }
        }
        for (name, t) in tables where t.period != "exit_month" {
            for (fineName, f) in tables where f.attributes == t.attributes && f.detailed == t.detailed
                && (f.period == "exit_month" || (f.period == "exit_quarter" && t.period == "exit_year")) {
                out += sums(t, f, "\(name) ← \(fineName)") { key in
                    let label = key[0]
                    let coarse = t.period == "exit_year" ? String(label.prefix(4)) : "\(label.prefix(4))-Q\((Int(label.suffix(2))! - 1) / 3 + 1)"
                    return [coarse] + key.dropFirst()
                }
            }
        }
        return out
    }

    /// Each cell of `total` as the sum of the cells of `parts` that `project` maps onto it.
    func sums(_ total: Table, _ parts: Table, _ what: String, _ project: ([String]) -> [String]) -> [Relation] {
        var out = [Relation]()
        for cells in [(total.counts, parts.counts), (total.exits, parts.exits)] {
            var grouped = [[String]: [Int?]]()
            for (key, value) in cells.1 { grouped[project(key), default: []].append(value) }
            for (key, value) in cells.0 { out.append(Relation(total: value, parts: grouped[key] ?? [], what: "\(what) \(key)")) }
        }
        return out
    }
}
