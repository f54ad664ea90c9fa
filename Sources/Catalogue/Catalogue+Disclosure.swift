/// What disclosure control needs to know of the tables besides their relations
/// (`Catalogue.relations`): which counts are of persons, which counts repeat over a group,
/// the unprinted denominators of shares, and which figures are computed from which counts.
/// A new table declared here and in the relations is protected with no code of its own.
extension Catalogue {
    /// Whole numbers that count no persons (degrees of freedom, iterations, codes).
    public static let notPersonCounts: Set<Column> = [.df, .lrDF, .iterations, .end]

    /// Never published under a limit.
    public static let unpublishedUnderALimit: [TableSpec] = [.survivalSpells]

    public static let groupValues: [GroupValue] =
        TableSpec.exitCohortTables.flatMap { [$0.national, $0.detailed, $0.by] }.map { spec in
            GroupValue(spec, .exits, group: Array(spec.keys.dropLast()))
        } + [
            GroupValue(.comparisonStatus, .exits, group: [.comparison, .unit, .group, .period]),
        ] + Column.comparisonGroups.flatMap { g in
            Column.comparisonPeriods.map { GroupValue(.comparisons, .exits(g, $0), group: [.comparison, .unit]) }
        } + denominators.map { GroupValue($0.table, $0.column, group: $0.group) }

    /// The stocks' registered persons and persons on a measure, the profile's entries, and the
    /// exits with work and benefit (or in work) behind the code tables' shares.
    public static let denominators: [Denominator] = [
        Denominator(.stocksBy, .registered, share: .pct, group: [.month, .breakdown]),
        Denominator(.stocksBy, .onMeasures, share: .pctOfMeasures, group: [.month, .breakdown]),
        Denominator(.survivalProfile, .entries, share: .pct, group: [.period, .population]),
        Denominator(.comparisonBenefits, .among, share: .pct, group: [.comparison, .unit, .group, .period]),
        Denominator(.comparisonMeasures, .among, share: .pct, group: [.comparison, .unit, .group, .period]),
    ]

    /// Pairs that share a control office show its figures in each pair's unit.
    public static let repeatedRows: [RepeatedRows] = [TableSpec.comparisonStatus, .comparisonBenefits, .comparisonMeasures].map { spec in
        RepeatedRows(spec, only: [.group: [Column.comparisonGroups[1]]], varying: .unit, within: spec.keys.filter { $0 != .unit })
    }

    public static let derivations: [Derivation] = {
        let cohortShares = TableSpec.exitCohortTables.flatMap { [$0.national, $0.detailed, $0.by] } + [.comparisonStatus]
        var out = cohortShares.map { Derivation($0, [.pct], from: [.count, .exits]) }
        out += denominators.map { Derivation($0.table, [$0.share], from: [$0.count, $0.column]) }
        out += comparisonDerivations
        out.append(Derivation(.exitDurations, [.meanMonths, .medianMonths], from: [.exits]))
        out += survivalDerivations
        return out
    }()

    /// A group's share from its count and exits; a change from its shares; the DiD and all
    /// built on it from every share.
    static let comparisonDerivations: [Derivation] = {
        let (groups, periods) = (Column.comparisonGroups, Column.comparisonPeriods)
        var out = [Derivation]()
        for g in groups {
            for p in periods { out.append(Derivation(.comparisons, [.share(g, p)], from: [.count(g, p), .exits(g, p)])) }
            out.append(Derivation(.comparisons, [.change(g)], from: periods.map { .share(g, $0) }))
        }
        let did: [Column] = [.didPP, .sePP, .ciLowPP, .ciHighPP, .z, .pOneSided, .didPct, .mark]
        out.append(Derivation(.comparisons, did, from: groups.flatMap { g in periods.map { .share(g, $0) } }))
        return out
    }()

    /// The curves step by the month's counts, so from a blanked count on they stop; the
    /// estimates over whole periods rest on the periods' spells (at risk at month 0); the Cox
    /// fit's n and events (both periods together) and the cumulative incidence (whose steps
    /// give back monthly deregistrations printed nowhere else) are not published.
    static let survivalDerivations: [Derivation] = {
        let lifeCounts: [Column] = [.entering, .withdrawn, .events]
        let kmCounts: [Column] = [.atRisk, .events, .censored]
        let spells = Derivation.Scope.elsewhere(.kaplanMeier, only: [.monthSinceEntry: ["0"]], matching: [.event, .period])
        return [
            Derivation(.lifeTables, [.condProb, .hazard], from: [.events]),
            Derivation(.lifeTables, [.exposed], from: [.entering, .withdrawn]),
            Derivation(.lifeTables, [.condProb, .survivalEnd, .survivalEndSE, .hazard], from: lifeCounts,
                       .steps(.intervalStart, group: [.event, .period], lag: 0)),
            Derivation(.lifeTables, [.survivalStart], from: lifeCounts, .steps(.intervalStart, group: [.event, .period], lag: 1)),
            Derivation(.kaplanMeier, [.survival, .se, .ciLow, .ciHigh], from: kmCounts,
                       .steps(.monthSinceEntry, group: [.event, .period], lag: 0)),
            Derivation(.survivalQuantiles, [.months, .ciLow, .ciHigh], from: [.atRisk], spells),
            Derivation(.coxTests, [.chisq, .p], from: [.atRisk], spells),
            Derivation(.coxCovariances, [.covariance], from: [.atRisk], spells),
            Derivation(.coxFit, [.n, .events], from: [], .withheld),
            Derivation(.cumulativeIncidence, [.incidence], from: [], .withheld),
        ]
    }()
}

extension Column {
    /// The unprinted denominators (`Catalogue.denominators`).
    public static let registered = Column("registered", .count)
    public static let onMeasures = Column("on_measures", .count)
    public static let entries = Column("entries", .count)
    public static let among = Column("among", .count)
}
