import Episodes
import Extracts
import Panel
import Catalogue

/// `survival_entries.csv` and `survival_profile.csv` (definitions.md §7a): who enters the
/// unit's target group in each period, by which route, month by month, and described by the
/// characteristics of the entry row.
public struct SurvivalEntryTables {
    /// One entry as the tables see it: the entry month, whether at the unit, and the value
    /// of each characteristic (in the order of `characteristics`).
    public struct Entry: Sendable {
        public var month: Month
        public var atUnit: Bool
        public var values: [String]
    }

    /// The characteristics of the profile, in order.
    public static let characteristics = Catalogue.profileCharacteristics

    public let periods: [(name: String, entries: [Entry])]
    /// Each characteristic's values in table order (every value, zeros included).
    public let levels: [[String]]

    /// `minAge`...`maxAge`: the target group's ages, whose age groups the profile lists.
    public init(periods: [(name: String, entries: [Entry])], minAge: Int, maxAge: Int) {
        self.periods = periods
        let ages = AgeGroup(age: minAge).rawValue...AgeGroup(age: maxAge).rawValue
        levels = [["K", "M"], ages.map { AgeGroup(rawValue: $0)!.label },
                  [Utdanning.g, .v, .h4, .h5].map(\.name) + ["unknown"], [Innvandrer.j, .n].map(\.name) + ["unknown"],
                  ["J", "N"], EntryRoute.allCases.map(\.rawValue)]
    }

    /// An entry from its row in the entry month.
    public static func entry(_ row: ArenaRow, month: Month, atUnit: Bool, route: EntryRoute) -> Entry {
        Entry(month: month, atUnit: atUnit,
              values: [row.isMale ? "M" : "K", AgeGroup(age: Int(row.alder)).label, row.utdanning?.name ?? "unknown",
                       row.innvandrer?.name ?? "unknown", row.isLaidOff ? "J" : "N", route.rawValue])
    }

    /// Per period, month with entries, route and at the unit or not: the number of entries
    /// (every route and both `at_unit` values of a month, zeros included).
    public func entries() -> CSVTable {
        var t = CSVTable(.survivalEntries)
        let route = Self.characteristics.firstIndex(of: Catalogue.route)!
        for (period, list) in periods {
            var counts = [String: Int]()
            for e in list { counts["\(e.month) \(e.values[route]) \(e.atUnit)", default: 0] += 1 }
            for month in Set(list.map(\.month)).sorted() {
                for r in levels[route] {
                    for atUnit in [true, false] {
                        t.append([.text(period), .text(month.description), .text(r), .text(atUnit ? "yes" : "no"),
                                  .count(counts["\(month) \(r) \(atUnit)"] ?? 0)])
                    }
                }
            }
        }
        return t
    }

    /// Per period and population (`all` entries, `unit` those at the unit): the number and
    /// percentage of the population's entries with each value of each characteristic.
    public func profile() -> CSVTable {
        var t = CSVTable(.survivalProfile)
        for (period, list) in periods {
            for (population, members) in [("all", list), ("unit", list.filter(\.atUnit))] {
                for (c, characteristic) in Self.characteristics.enumerated() {
                    var counts = [String: Int]()
                    for e in members { counts[e.values[c], default: 0] += 1 }
                    for value in levels[c] {
                        let n = counts[value] ?? 0
                        t.append([.text(period), .text(population), .text(characteristic), .text(value), .count(n),
                                  .number(members.isEmpty ? nil : 100 * Double(n) / Double(members.count))])
                    }
                }
            }
        }
        return t
    }
}
