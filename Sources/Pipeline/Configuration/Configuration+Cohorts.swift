import Tables

/// `cohorts` of `pipeline.json` (interface.md "Additions (December 2026)"): breakdowns, single
/// or crossing two attributes; a filter on the exits; the periods tabulated.
extension Configuration {
    /// The sign crossing two attributes in `cohorts.breakdowns`: `×` as interface.md writes it,
    /// or `*` (easier to type).
    static let crossingSigns: [Character] = ["×", "*"]

    mutating func readCohorts(_ o: inout JSONReader) throws {
        if let names = try o.strings("breakdowns") { try readCohortBreakdowns(names, o) }
        if var f = try o.object("filter") { cohortFilter = try Self.exitFilter(&f) }
        if let names = try o.strings("periods") {
            var periods = [CohortPeriod]()
            for name in names {
                guard let p = CohortPeriod(rawValue: name) else { throw o.fail("periods", "unknown period \"\(name)\" (month, quarter, year)") }
                guard !periods.contains(p) else { throw o.fail("periods", "\(name) is listed twice") }
                periods.append(p)
            }
            // The monthly tables are always written (the report, the summary and the plain
            // comparisons' suppression read them); the list adds quarters and years.
            cohortPeriods = CohortPeriod.allCases.filter { $0 == .month || periods.contains($0) }
        }
        try o.finish()
    }

    /// Single attributes and crossings (`a×b`, `a*b`), each once (`b×a` counts as `a×b`).
    private mutating func readCohortBreakdowns(_ names: [String], _ o: JSONReader) throws {
        var singles = [Breakdown](), crossings = [CrossedBreakdown]()
        for name in names {
            let parts = name.split(separator: "×", omittingEmptySubsequences: false)
                .flatMap { $0.split(separator: "*", omittingEmptySubsequences: false) }.map(String.init)
            switch parts.count {
            case 1:
                let b = try Self.breakdown(name, in: o)
                guard !singles.contains(b) else { throw o.fail("breakdowns", "\(name) is listed twice") }
                singles.append(b)
            case 2:
                let c = CrossedBreakdown(try Self.breakdown(parts[0], in: o, crossing: name), try Self.breakdown(parts[1], in: o, crossing: name))
                guard c.first != c.second else { throw o.fail("breakdowns", "\"\(name)\" crosses \(c.first.rawValue) with itself") }
                guard !crossings.contains(where: { Set([$0.first, $0.second]) == Set([c.first, c.second]) }) else {
                    throw o.fail("breakdowns", "\"\(name)\": \(c.first.rawValue) and \(c.second.rawValue) are crossed twice")
                }
                crossings.append(c)
            default:
                throw o.fail("breakdowns", "\"\(name)\": a crossed breakdown crosses two attributes (as \"kjonn×aldersgruppe\")")
            }
        }
        cohortBreakdowns = singles
        cohortCrossings = crossings
    }

    /// One attribute of `breakdowns` by name; `crossing`: the entry it is part of, for the error.
    static func breakdown(_ name: String, in o: JSONReader, crossing: String? = nil) throws -> Breakdown {
        guard let b = Breakdown(rawValue: name) else {
            let entry = crossing.map { " in \"\($0)\"" } ?? ""
            throw o.fail("breakdowns", "unknown breakdown \"\(name)\"\(entry) (one of \(Breakdown.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return b
    }

    /// A filter on exits (`cohorts.filter`, a comparison's `filter`): a list of values for any
    /// breakdown attribute, and `alder: {from, to}` (both ends included; either may be left out).
    static func exitFilter(_ f: inout JSONReader) throws -> ExitFilter {
        var filter = ExitFilter()
        // Not `varighet`: it is an exit's, not its row's, and the filter reads rows.
        for attribute in Breakdown.allCases where !attribute.describesExit {
            let values = try f.strings(attribute.rawValue) ?? []
            if let problem = values.lazy.compactMap({ ExitFilter.problem($0, of: attribute) }).first {
                throw f.fail(attribute.rawValue, problem)
            }
            filter[attribute] = values
        }
        if var a = try f.object("alder") {
            let from = try a.int("from", in: ages), to = try a.int("to", in: ages)
            try a.finish()
            guard from != nil || to != nil else { throw f.fail("alder", "names neither from nor to (it would change nothing)") }
            guard (from ?? ages.lowerBound) <= (to ?? ages.upperBound) else {
                throw f.fail("alder", "from \(from!) is above to \(to!): the range is reversed")
            }
            filter.alder = (from ?? ages.lowerBound)...(to ?? ages.upperBound)
        }
        try f.finish()
        return filter
    }

    /// Ages a filter can name (`alder` is a whole number of years).
    static let ages = 0...150
}
