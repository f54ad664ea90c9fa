/// The values some relations name (definitions.md §2, §4, §7a), in table order.
extension Catalogue {
    /// The measures of `comparisons.csv` and the detailed statuses each counts.
    public static let measureStatuses: [(measure: String, details: [String])] = [
        ("work", ["work_only"]), ("work_benefit", ["work_benefit"]), ("work_total", ["work_only", "work_benefit"]),
    ]
    /// The characteristics of `survival_profile.csv`, in order; `route` is the way in, also
    /// counted month by month in `survival_entries.csv`.
    public static let profileCharacteristics = ["kjonn", "aldersgruppe", "utdanning", "innvandrer", "permittert", route]
    public static let route = "route"
}

/// The linear relations of the published tables (issue 17), checked on the sample run by
/// `CatalogueRelationTests`. Not declared: relations that need the run's settings (a plain
/// comparison's periods as sums of exit months, a pooled survival window as the sum of the
/// two periods), a crossed table into its single breakdown tables (two files of one pattern),
/// and the stocks' registered totals (printed nowhere: a count over its `pct`). The class maps
/// (status classes, measures) are §2's: a run with `outcome.categories` and `outcome.classes`
/// has its own (in its manifest), which a model must use instead.
extension Catalogue {
    public static let relations: [Relation] = relations(classes: statusClasses)

    /// The relations with a run's own status classes (`outcome.classes`).
    public static func relations(classes: [(headline: String, categories: [String])]) -> [Relation] {
        exitRelations(classes) + comparisonRelations + survivalRelations + stockRelations
    }

    /// Within each exit cohort table, across them, breakdowns into the national table, and
    /// quarters and years as sums of their months.
    static func exitRelations(_ classes: [(headline: String, categories: [String])]) -> [Relation] {
        TableSpec.exitCohortTables.flatMap { cohortRelations($0, classes) } + periodRelations + [
            Relation("the exits by measure left add up to the exits", total: .init(.exitCohorts, .exits, repeats: true),
                     parts: [.init(.exitDurations, .exits)], matching: [.same(.exitMonth), .same(.exitStatus)]),
        ]
    }

    /// The relations among the exit cohort tables of one time unit.
    static func cohortRelations(_ tables: (national: TableSpec, detailed: TableSpec, by: TableSpec),
                                _ classes: [(headline: String, categories: [String])]) -> [Relation] {
        let group: [Relation.Link] = [.same(tables.national.columns[0]), .same(.exitStatus)]
        let within = [(tables.national, [Column]()), (tables.detailed, []), (tables.by, [.breakdown])].map { spec, more in
            Relation("statuses add up to the exits", total: .init(spec, .exits, repeats: true), parts: [.init(spec, .count)],
                     matching: group + more.map(Relation.Link.same))
        }
        return within + [
            Relation("detailed statuses add up to the status classes", total: .init(tables.national, .count),
                     parts: [.init(tables.detailed, .count)], matching: group,
                     classes: .init(.outcome, .outcomeDetail, Dictionary(uniqueKeysWithValues: classes.map { ($0.headline, $0.categories) }))),
            Relation("the detailed table's exits are the exits", total: .init(tables.national, .exits, repeats: true),
                     parts: [.init(tables.detailed, .exits, repeats: true)], matching: group),
            Relation("a breakdown's values add up to the national counts", total: .init(tables.national, .count),
                     parts: [.init(tables.by, .count)], matching: group + [.same(.outcome)]),
            Relation("a breakdown's values add up to the national exits", total: .init(tables.national, .exits),
                     parts: [.init(tables.by, .exits)], matching: group + [.same(.outcome)]),
        ]
    }

    /// A quarter's or year's counts and exits are the sums of its months' (a year's also of
    /// its quarters'), in every table cut the same way.
    static let periodRelations: [Relation] = {
        let (month, quarter, year) = (TableSpec.exitCohortTables[0], TableSpec.exitCohortTables[1], TableSpec.exitCohortTables[2])
        let pairs: [(coarse: (TableSpec, TableSpec, TableSpec), fine: (TableSpec, TableSpec, TableSpec), CalendarPeriod.Unit)] = [
            (quarter, month, .quarter), (year, month, .year), (year, quarter, .year),
        ]
        return pairs.flatMap { coarse, fine, coarsening -> [Relation] in
            let kinds: [(TableSpec, TableSpec, [Column])] = [
                (coarse.0, fine.0, [.outcome]), (coarse.1, fine.1, [.outcomeDetail]), (coarse.2, fine.2, [.breakdown, .outcome]),
            ]
            return kinds.flatMap { total, parts, more in
                [Column.count, .exits].map { column in
                    Relation("a period's \(column) are the sums of its \(parts.columns[0])s'", total: .init(total, column),
                             parts: [.init(parts, column)],
                             matching: [Relation.Link(total.columns[0], parts.columns[0], coarsen: coarsening), .same(.exitStatus)]
                                 + more.map(Relation.Link.same))
                }
            }
        }
    }()

    /// The status distributions within, pairs into the pooled groups, and `comparisons.csv`'s
    /// counts as those of the status table.
    static let comparisonRelations: [Relation] = {
        let group: [Relation.Link] = [.same(.comparison), .same(.unit), .same(.group), .same(.period)]
        var out = [
            Relation("statuses add up to the exits", total: .init(.comparisonStatus, .exits, repeats: true),
                     parts: [.init(.comparisonStatus, .count)], matching: group),
        ]
        for column in [Column.count, .exits] {
            out.append(Relation("the pairs add up to the pooled groups (\(column))",
                                total: .init(.comparisonStatus, column, only: [.unit: ["total"]]),
                                parts: [.init(.comparisonStatus, column, except: [.unit: ["total", "all"]])],
                                matching: [.same(.comparison), .same(.group), .same(.period), .same(.outcomeDetail)],
                                conditional: true))
        }
        for (spec, code) in [(TableSpec.comparisonBenefits, Column.benefit), (.comparisonMeasures, .tiltak)] {
            out.append(Relation("a code's pairs add up to the pooled groups", total: .init(spec, .count, only: [.unit: ["total"]]),
                                parts: [.init(spec, .count, except: [.unit: ["total", "all"]])],
                                matching: [.same(.comparison), .same(.group), .same(.period), .same(code)], conditional: true))
        }
        // The code tables' shares are of the exits with work and benefit, or in work.
        for (spec, details) in [(TableSpec.comparisonBenefits, ["work_benefit"]), (.comparisonMeasures, ["work_only", "work_benefit"])] {
            out.append(Relation("a code's shares are of the status table's exits \(details)", total: .init(spec, .among, repeats: true),
                                parts: [.init(.comparisonStatus, .count, only: [.outcomeDetail: Set(details)])], matching: group))
        }
        let measures = Dictionary(uniqueKeysWithValues: measureStatuses.map { ($0.measure, $0.details) })
        for (g, p) in Column.comparisonGroups.flatMap({ g in Column.comparisonPeriods.map { (g, $0) } }) {
            // Without groups the status table names the one group "all".
            let only: [Column: Set<String>] = [.group: g == Column.comparisonGroups[0] ? [g, "all"] : [g], .period: [p]]
            out.append(Relation("a group's exits in a period are those of the status table (\(g), \(p))",
                                total: .init(.comparisons, .exits(g, p), only: [.measure: [measureStatuses[0].measure]]),
                                parts: [.init(.comparisonStatus, .exits, only: only, repeats: true)],
                                matching: [.same(.comparison), .same(.unit)]))
            out.append(Relation("a measure's count is the sum of its statuses in the status table (\(g), \(p))",
                                total: .init(.comparisons, .count(g, p)), parts: [.init(.comparisonStatus, .count, only: only)],
                                matching: [.same(.comparison), .same(.unit)], classes: .init(.measure, .outcomeDetail, measures)))
        }
        return out
    }()

    /// The at-risk chains of the life tables, and the entries by route against the profile.
    static let survivalRelations: [Relation] = {
        var out = [
            Relation("those entering are those entering the next interval, the withdrawn and the events",
                     total: .init(.lifeTables, .entering),
                     parts: [.init(.lifeTables, .withdrawn), .init(.lifeTables, .events), .init(.lifeTables, .entering, stepOffset: 1)],
                     matching: [.same(.event), .same(.period)], step: .intervalStart),
            Relation("those at risk are those at risk the month after, the events and the censored",
                     total: .init(.kaplanMeier, .atRisk),
                     parts: [.init(.kaplanMeier, .events), .init(.kaplanMeier, .censored), .init(.kaplanMeier, .atRisk, stepOffset: 1)],
                     matching: [.same(.event), .same(.period)], step: .monthSinceEntry),
        ]
        for (population, atUnit) in [("all", Set(["yes", "no"])), ("unit", ["yes"])] {
            out.append(Relation("a route's entries are the sum of its months' (\(population))",
                                total: .init(.survivalProfile, .count, only: [.characteristic: [route], .population: [population]]),
                                parts: [.init(.survivalEntries, .count, only: [.atUnit: atUnit])],
                                matching: [.same(.period), .init(.value, .route)]))
        }
        for characteristic in profileCharacteristics {
            out.append(Relation("a population's entries are the sum of each characteristic's values (\(characteristic))",
                                total: .init(.survivalProfile, .entries, repeats: true),
                                parts: [.init(.survivalProfile, .count, only: [.characteristic: [characteristic]])],
                                matching: [.same(.period), .same(.population)]))
        }
        // A pooled window (`survival.pooled`) that is the two periods together, month by month.
        let periods = Set(Column.comparisonPeriods)
        for (spec, counts, step) in [(TableSpec.lifeTables, [Column.entering, .withdrawn, .events], Column.intervalStart),
                                     (.kaplanMeier, [.atRisk, .events, .censored], .monthSinceEntry)] {
            for column in counts {
                out.append(Relation("a pooled window is the two periods together (\(column))",
                                    total: .init(spec, column, except: [.period: periods]), parts: [.init(spec, column, only: [.period: periods])],
                                    matching: [.same(.event), .same(step)], conditional: true))
            }
        }
        for characteristic in profileCharacteristics where characteristic != route {
            out.append(Relation("each characteristic's values add up to the population's entries (\(characteristic))",
                                total: .init(.survivalProfile, .count, only: [.characteristic: [route]]),
                                parts: [.init(.survivalProfile, .count, only: [.characteristic: [characteristic]])],
                                matching: [.same(.period), .same(.population)]))
        }
        return out
    }()
}

/// The stocks: each row of the `total` value set is the sum of that row over the values; the
/// registered persons behind `pct` are the ARBS and NEDS rows without a measure (§6), the
/// persons on a measure behind `pct_of_measures` the measure rows.
extension Catalogue {
    static let stockRelations: [Relation] = [
        Relation("the total's rows add up the values'", total: .init(.stocksBy, .count, only: [.breakdown: [TableSpec.stocksTotal]]),
                 parts: [.init(.stocksBy, .count, except: [.breakdown: [TableSpec.stocksTotal]])],
                 matching: [.same(.month), .same(.hovedstatus), .same(.tiltak)]),
        Relation("the registered persons are the registered rows", total: .init(.stocksBy, .registered, repeats: true),
                 parts: [.init(.stocksBy, .count, only: [.hovedstatus: ["ARBS", "NEDS"], .tiltak: [""]])],
                 matching: [.same(.month), .same(.breakdown)], conditional: true),
        Relation("the persons on a measure are the measure rows", total: .init(.stocksBy, .onMeasures, repeats: true),
                 parts: [.init(.stocksBy, .count, except: [.tiltak: [""]])], matching: [.same(.month), .same(.breakdown)]),
    ]
}

/// A crossed table (`a_x_b`) adds up to each of its single tables (count by count, exits by
/// exits), in every time unit: relations of the files a run wrote.
extension Catalogue {
    public static func crossingRelations(files: [String]) -> [Relation] {
        TableSpec.exitCohortTables.flatMap { unit in
            files.compactMap { unit.by.parameter(ofFile: $0) }.filter { $0.contains(TableSpec.crossing) }.flatMap { crossed in
                crossed.components(separatedBy: TableSpec.crossing).flatMap { single in
                    [Column.count, .exits].map { column in
                        Relation("a crossed table adds up to its single ones (\(column))",
                                 total: .init(unit.by, column, parameter: single), parts: [.init(unit.by, column, parameter: crossed)],
                                 matching: [.same(unit.national.columns[0]), .same(.exitStatus), .same(.values(of: single)), .same(.outcome)])
                    }
                }
            }
        }
    }
}
