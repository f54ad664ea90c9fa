/// Every table a run publishes (interface.md "Output folder" and "Additions"), declared
/// once: builders take their header from here, `CSVTable.read` types cells by it, and the
/// report finds tables and columns through it.
public enum Catalogue {
    /// The tables, in the order of interface.md.
    public static let tables: [TableSpec] = [
        .exitCohorts, .exitCohortsDetailed, .exitCohortsBy, .exitCohortsQuarterly, .exitCohortsQuarterlyDetailed,
        .exitCohortsQuarterlyBy, .exitCohortsYearly, .exitCohortsYearlyDetailed, .exitCohortsYearlyBy, .exitDurations,
        .comparisons, .comparisonStatus, .comparisonBenefits, .comparisonMeasures, .stocksBy,
        .lifeTables, .kaplanMeier, .logRank, .cox, .coxFit, .coxTests, .coxCovariances, .cumulativeIncidence,
        .survivalQuantiles, .survivalEntries, .survivalProfile, .survivalSpells,
    ]

    /// Rows set aside while reading the extracts (raw rows: owner-only, never in the report).
    public static let quarantine = "quarantine.csv"
    /// What the run read, with which settings, and what it found (`Manifest`).
    public static let manifest = "manifest.json"
    /// §2's status classes (`outcome`) and the detailed statuses (`outcome_detail`) each
    /// gathers; a run with `outcome.categories` and `outcome.classes` has its own.
    public static let statusClasses: [(headline: String, categories: [String])] = [
        ("work", ["work_only"]), ("work_benefit", ["work_benefit"]), ("disability", ["disability"]),
        ("other", ["job_seeker", "reduced_capacity", "old_age", "other"]),
    ]
    /// The ending of a table's file name.
    public static let tableSuffix = ".csv"

    /// The table a file belongs to, with its parameter ("" for a table without one); nil
    /// for a file that is not a published table.
    public static func table(ofFile name: String) -> (spec: TableSpec, parameter: String)? {
        // A fixed name wins over a pattern that might match it.
        for spec in tables where !spec.isPattern { if spec.parameter(ofFile: name) != nil { return (spec, "") } }
        for spec in tables where spec.isPattern { if let p = spec.parameter(ofFile: name) { return (spec, p) } }
        return nil
    }
}

// MARK: exits (§1, §2)

extension TableSpec {
    /// Exit month × exit status × status class.
    public static let exitCohorts = cohorts("", .exitMonth)
    /// Exit month × exit status × detailed status.
    public static let exitCohortsDetailed = cohortsDetailed("", .exitMonth)
    /// Exit month × exit status × value of the breakdown (or of two crossed) × status class
    /// (one file per breakdown).
    public static let exitCohortsBy = cohortsBy("", .exitMonth)
    /// The same per complete quarter and year (`cohorts.periods`).
    public static let exitCohortsQuarterly = cohorts("_quarterly", .exitQuarter)
    public static let exitCohortsQuarterlyDetailed = cohortsDetailed("_quarterly", .exitQuarter)
    public static let exitCohortsQuarterlyBy = cohortsBy("_quarterly", .exitQuarter)
    public static let exitCohortsYearly = cohorts("_yearly", .exitYear)
    public static let exitCohortsYearlyDetailed = cohortsDetailed("_yearly", .exitYear)
    public static let exitCohortsYearlyBy = cohortsBy("_yearly", .exitYear)

    /// Exit month × exit status × measure left (empty for register exits): the exits and
    /// their time before exit.
    public static let exitDurations = TableSpec(
        "exit_durations.csv", [.exitMonth, .exitStatus, .tiltak, .exits, .meanMonths, .medianMonths],
        keys: [.exitMonth, .exitStatus, .tiltak])

    /// The exit cohort tables of each time unit: national, detailed, by breakdown.
    public static let exitCohortTables: [(national: TableSpec, detailed: TableSpec, by: TableSpec)] = [
        (.exitCohorts, .exitCohortsDetailed, .exitCohortsBy),
        (.exitCohortsQuarterly, .exitCohortsQuarterlyDetailed, .exitCohortsQuarterlyBy),
        (.exitCohortsYearly, .exitCohortsYearlyDetailed, .exitCohortsYearlyBy),
    ]

    /// `tag`: after `exit_cohorts` in the file name; `period`: the first column.
    private static func cohorts(_ tag: String, _ period: Column) -> TableSpec {
        TableSpec("exit_cohorts\(tag).csv", [period, .exitStatus, .outcome, .count, .exits, .pct],
                  keys: [period, .exitStatus, .outcome])
    }

    private static func cohortsDetailed(_ tag: String, _ period: Column) -> TableSpec {
        TableSpec("exit_cohorts\(tag)_detailed.csv", [period, .exitStatus, .outcomeDetail, .count, .exits, .pct],
                  keys: [period, .exitStatus, .outcomeDetail])
    }

    private static func cohortsBy(_ tag: String, _ period: Column) -> TableSpec {
        TableSpec("exit_cohorts\(tag)_by_<breakdown>.csv", [period, .exitStatus, .breakdown, .outcome, .count, .exits, .pct],
                  keys: [period, .exitStatus, .breakdown, .outcome])
    }
}

// MARK: comparisons (§3, §4)

extension TableSpec {
    /// Comparison × unit (`all`, a pair's treatment `enhet`, or `total`) × measure.
    public static let comparisons: TableSpec = {
        let (groups, periods) = (Column.comparisonGroups, Column.comparisonPeriods)
        let shares: [Column] = groups.flatMap { g in periods.map { Column.share(g, $0) } + [Column.change(g)] }
        let did: [Column] = [.didPP, .sePP, .ciLowPP, .ciHighPP, .z, .pOneSided, .didPct]
        let counts: [Column] = groups.flatMap { g in periods.flatMap { [Column.exits(g, $0), Column.count(g, $0)] } }
        return TableSpec("comparisons.csv", [.comparison, .unit, .measure] + shares + did + counts + [.seMethod, .mark],
                         keys: [.comparison, .unit, .measure])
    }()
    /// Comparison × unit × group × period × detailed status.
    public static let comparisonStatus = TableSpec(
        "comparison_status.csv", [.comparison, .unit, .group, .period, .outcomeDetail, .count, .exits, .pct],
        keys: [.comparison, .unit, .group, .period, .outcomeDetail])
    /// Comparison × unit × group × period × benefit: among the exits with work and benefit.
    public static let comparisonBenefits = TableSpec(
        "comparison_benefits.csv", [.comparison, .unit, .group, .period, .benefit, .count, .pct],
        keys: [.comparison, .unit, .group, .period, .benefit])
    /// Comparison × unit × group × period × measure: among the exits in work.
    public static let comparisonMeasures = TableSpec(
        "comparison_measures.csv", [.comparison, .unit, .group, .period, .tiltak, .count, .pct],
        keys: [.comparison, .unit, .group, .period, .tiltak])
}

// MARK: stocks (§6)

extension TableSpec {
    /// Month × value of the breakdown × status (and measure): persons registered.
    public static let stocksBy = TableSpec(
        "stocks_by_<breakdown>.csv", [.month, .breakdown, .hovedstatus, .tiltak, .count, .pct, .pctOfMeasures],
        keys: [.month, .breakdown, .hovedstatus, .tiltak])
    /// The breakdown value of a stock table's rows over all values of a month (the national series).
    public static let stocksTotal = "total"
}

// MARK: survival (§5, §7a)

extension TableSpec {
    /// Event × period × interval: the actuarial life table.
    public static let lifeTables = TableSpec(
        "lifetables.csv",
        [.event, .period, .intervalStart, .intervalEnd, .entering, .withdrawn, .exposed, .events, .condProb,
         .survivalStart, .survivalEnd, .survivalEndSE, .hazard],
        keys: [.event, .period, .intervalStart])
    /// Event × period × month since entry.
    public static let kaplanMeier = TableSpec(
        "kaplan_meier.csv", [.event, .period, .monthSinceEntry, .atRisk, .events, .censored, .survival, .se, .ciLow, .ciHigh],
        keys: [.event, .period, .monthSinceEntry])
    /// One test per event: baseline against comparison.
    public static let logRank = TableSpec("logrank.csv", [.event, .chisq, .df, .p], keys: [.event])
    /// Event × term (× period, when the models name their periods).
    public static let cox = TableSpec(
        "cox.csv", [.event, .term, .coef, .se, .z, .p, .hr, .hrLow, .hrHigh, .flag, .period],
        keys: [.event, .term, .period], optional: [.period])
    /// One fit per event (and period).
    public static let coxFit = TableSpec(
        "cox_fit.csv",
        [.event, .n, .events, .loglikNull, .loglik, .lrChisq, .lrDF, .lrP, .iterations, .converged, .droppedTerms, .period],
        keys: [.event, .period], optional: [.period])
    /// Event (× period) × factor: the joint Wald tests.
    public static let coxTests = TableSpec(
        "cox_tests.csv", [.event, .period, .factor, .terms, .chisq, .df, .p],
        keys: [.event, .period, .factor], optional: [.period])
    /// Event (× period) × term × term: each model's covariance matrix.
    public static let coxCovariances = TableSpec(
        "cox_vcov.csv", [.event, .period, .rowTerm, .colTerm, .covariance],
        keys: [.event, .period, .rowTerm, .colTerm], optional: [.period])
    /// Period × month since entry × cause (Aalen-Johansen).
    public static let cumulativeIncidence = TableSpec(
        "cumulative_incidence.csv", [.period, .monthSinceEntry, .cause, .incidence],
        keys: [.period, .monthSinceEntry, .cause])
    /// Event × period × percentile of duration.
    public static let survivalQuantiles = TableSpec(
        "survival_quantiles.csv", [.event, .period, .quantile, .months, .ciLow, .ciHigh],
        keys: [.event, .period, .quantile])
    /// Period × month × route × at the unit or not: entries to the target group.
    public static let survivalEntries = TableSpec(
        "survival_entries.csv", [.period, .entryMonth, .route, .atUnit, .count],
        keys: [.period, .entryMonth, .route, .atUnit])
    /// Period × population × characteristic × value: the profile of the entries.
    public static let survivalProfile = TableSpec(
        "survival_profile.csv", [.period, .population, .characteristic, .value, .count, .pct],
        keys: [.period, .population, .characteristic, .value])
    /// The spells, aggregated (no person keys), for reruns in other tools; with each spell's
    /// Cox covariates as further columns under `survival.spellCovariates`. Never in the report,
    /// not written under a limit.
    public static let survivalSpells = TableSpec(
        "survival_spells.csv", [.event, .period, .time, .end, .count],
        keys: [.event, .period, .time, .end], further: .label)
}
