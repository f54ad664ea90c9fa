import Catalogue
import Episodes
import Extracts
import Foundation
import Report
import Statistics
import Tables

/// The run's settings: `pipeline.json` with every key optional and defaulted as in
/// `interface.md`, then the command line's overrides.
public struct Configuration: Sendable {
    public struct Input: Sendable {
        public var directory = "sample-data"
        public var from: Month?
        public var to: Month?
        public var maxRejectedShare = 0.001
        /// A file with fewer rows than this share of the median of its kind's neighbouring
        /// months stops the run as a short delivery (0 turns the check off).
        public var minRowShare = 0.5
    }

    public struct Output: Sendable {
        public var directory = "output"
        public var minCellCount = 0
        /// `output.csv`: `nb` also writes every table in the Norwegian spreadsheet dialect, in `nb/`.
        public var csv = CSVDialect.standard
    }

    public struct Cache: Sendable {
        /// Off: every run parses every file (`--no-cache`).
        public var enabled = true
        /// Default: `<output>.cache` beside the output folder.
        public var directory: String?
    }

    /// `report`: which report files a run writes, and in which language.
    public struct ReportSettings: Sendable {
        public var formats: [ReportFormat] = ReportFormat.allCases
        public var language: ReportLanguage = .nb
    }

    public var input = Input()
    public var output = Output()
    public var report = ReportSettings()
    public var cache = Cache()
    public var exit = ExitRules()
    public var outcome = OutcomeRules()
    public var cohortBreakdowns: [Breakdown] = [.enhet, .fylke, .kjonn, .aldersgruppe, .innsatsgruppe]
    /// `cohorts.breakdowns` entries crossing two attributes (`"kjonn×aldersgruppe"`), in order.
    public var cohortCrossings: [CrossedBreakdown] = []
    /// `cohorts.filter`: the exits every exit-cohort table counts (all when empty).
    public var cohortFilter = ExitFilter()
    /// `cohorts.periods`: the monthly tables always, and those per complete quarter or year.
    public var cohortPeriods: [CohortPeriod] = [.month]
    /// Comparisons of §4, in the order configured.
    public var comparisons: [Comparison] = []
    /// The national follow-up unit and its target group (`noe`).
    public var noe = TargetGroup()
    /// The survival analyses of §5 (`survival`).
    public var survival = SurvivalSettings()
    /// `stocks.breakdowns`: one `stocks_by_<b>.csv` each (definitions.md §6).
    public var stockBreakdowns: [Breakdown] = [.enhet]
    /// `--baseline` / `--comparison` from the command line.
    public var baselineOverride: MonthRange?
    public var comparisonOverride: MonthRange?
    /// The file this was read from, if any.
    public var source: String?

    public init() {}

    /// Reads `path`; relative paths inside it are resolved against its folder.
    public static func load(path: String) throws -> Configuration {
        let object = try rootObject(try ConfigurationFile.contents(path), file: path)
        var config = try Configuration(reading: JSONReader(file: path, path: "", object: object))
        config.source = path
        let folder = (path as NSString).deletingLastPathComponent
        config.input.directory = resolve(config.input.directory, against: folder)
        config.output.directory = resolve(config.output.directory, against: folder)
        config.cache.directory = config.cache.directory.map { resolve($0, against: folder) }
        config.survival.covariates = config.survival.covariates.mapValues { resolve($0, against: folder) }
        return config
    }

    /// Parses a configuration object (paths left as written).
    public static func parse(json: String, file: String = "pipeline.json") throws -> Configuration {
        let object = try rootObject(Data(json.utf8), file: file)
        return try Configuration(reading: JSONReader(file: file, path: "", object: object))
    }

    static func resolve(_ path: String, against folder: String) -> String {
        if path.hasPrefix("/") || folder.isEmpty { return path }
        return (folder as NSString).appendingPathComponent(path)
    }

    /// The document's top-level object, read strictly (duplicated keys, trailing commas and
    /// non-finite numbers are errors with line and column).
    private static func rootObject(_ data: Data, file: String) throws -> [String: JSONValue] {
        var parser = StrictJSONParser(data, file: file)
        guard case .object(let object) = try parser.parse() else {
            throw ConfigurationError("\(file): expected a JSON object ({ … }) at the top", file: file)
        }
        return object
    }

    /// Reads every section present (each defaulted as in interface.md); a key nobody reads is
    /// an error naming it.
    init(reading root: JSONReader) throws {
        var root = root
        if var o = try root.object("input") { try readInput(&o) }
        if var o = try root.object("output") {
            output.directory = try o.string("directory") ?? output.directory
            output.minCellCount = try o.int("minCellCount", in: Configuration.minCellCountRange) ?? 0
            if let csv = try o.string("csv") {
                guard let d = CSVDialect(rawValue: csv) else { throw o.fail("csv", "expected \"standard\" or \"nb\", found \"\(csv)\"") }
                output.csv = d
            }
            try o.finish()
        }
        if var o = try root.object("cache") { try readCache(&o) }
        if var o = try root.object("exit") { try readExit(&o) }
        if var o = try root.object("outcome") { try readOutcome(&o) }
        if var o = try root.object("cohorts") { try readCohorts(&o) }
        if var o = try root.object("stocks") { try readStocks(&o) }
        if let list = try root.array("comparisons") { try readComparisons(list, root) }
        if var o = try root.object("noe") { try readNoe(&o) }
        if var o = try root.object("survival") { try readSurvival(&o) }
        if var o = try root.object("report") { try readReport(&o) }
        try root.finish()
        try checkOutcomeCategories(file: root.file)
    }

    private mutating func readInput(_ o: inout JSONReader) throws {
        input.directory = try o.string("directory") ?? input.directory
        input.from = try o.month("from")
        input.to = try o.month("to")
        input.maxRejectedShare = try o.double("maxRejectedShare", in: 0...1) ?? input.maxRejectedShare
        input.minRowShare = try o.double("minRowShare", in: 0...1) ?? input.minRowShare
        if let f = input.from, let t = input.to, f > t { throw o.fail("from", "\(f) is after input.to \(t): the period is reversed") }
        try o.finish()
    }

    private mutating func readCache(_ o: inout JSONReader) throws {
        if o.has("enabled") {
            guard case .bool(let b)? = o.object["enabled"] else { throw o.fail("enabled", "expected true or false") }
            cache.enabled = b
        }
        cache.directory = try o.string("directory")
        try o.finish()
    }

    private mutating func readExit(_ o: inout JSONReader) throws {
        let kind = try o.string("kind") ?? "register"
        let measures = try o.strings("measures") ?? []
        switch kind {
        case "register": exit.kind = .register
        case "measure": exit.kind = .measure(codes: measures)
        default: throw o.fail("kind", "expected \"register\" or \"measure\", found \"\(kind)\"")
        }
        if let names = try o.strings("statuses") {
            exit.statuses = try names.map { name in
                guard let s = Hovedstatus(name: name), !name.isEmpty else { throw o.fail("statuses", "unknown hovedstatus \"\(name)\"") }
                return s
            }
            if exit.statuses.isEmpty { throw o.fail("statuses", "needs at least one status") }
            if let twice = names.enumerated().first(where: { names.prefix($0.offset).contains($0.element) }) {
                throw o.fail("statuses", "\(twice.element) is listed twice")
            }
        }
        exit.quietMonths = try o.int("quietMonths", in: 1...24) ?? exit.quietMonths
        exit.nedsLookbackMonths = try o.int("nedsLookbackMonths", in: 0...60) ?? exit.nedsLookbackMonths
        exit.betweenStatuses = try o.bool("betweenStatuses") ?? false
        exit.betweenMeasures = try o.bool("betweenMeasures") ?? false
        if exit.betweenMeasures, exit.kind == .register {
            throw o.fail("betweenMeasures", "applies to measure exits only (exit.kind \"measure\")")
        }
        if exit.betweenStatuses, exit.kind != .register {
            throw o.fail("betweenStatuses", "applies to register exits only (exit.kind \"register\"); measure exits have betweenMeasures")
        }
        try o.finish()
    }

    private mutating func readOutcome(_ o: inout JSONReader) throws {
        outcome.horizonMonths = try o.int("horizonMonths", in: 0...24) ?? outcome.horizonMonths
        func benefits(_ key: String) throws -> [Benefit]? {
            try o.strings(key)?.map { name in
                guard let b = Benefit(name: name) else { throw o.fail(key, "unknown benefit \"\(name)\"") }
                return b
            }
        }
        outcome.workBenefits = try benefits("workBenefits") ?? outcome.workBenefits
        outcome.disability = try benefits("disability") ?? outcome.disability
        outcome.oldAge = try benefits("oldAge") ?? outcome.oldAge
        outcome.categories = try Self.outcomeCategories(&o)
        try o.finish()
    }

    /// `breakdowns` of `cohorts` or `stocks`: known names, each once.
    private static func breakdowns(_ o: inout JSONReader) throws -> [Breakdown]? {
        guard let names = try o.strings("breakdowns") else { return nil }
        var seen = Set<Breakdown>()
        return try names.map { name in
            let b = try breakdown(name, in: o)
            guard seen.insert(b).inserted else { throw o.fail("breakdowns", "\(name) is listed twice") }
            return b
        }
    }

    private mutating func readStocks(_ o: inout JSONReader) throws {
        stockBreakdowns = try Self.breakdowns(&o) ?? stockBreakdowns
        // Every stock table already counts the registered by tiltak (its own column): a
        // tiltak breakdown would name two columns alike and count each measure twice.
        if stockBreakdowns.contains(.tiltak) {
            throw o.fail("breakdowns", "tiltak is not a breakdown of the stocks: every stock table counts the registered by tiltak already")
        }
        if let b = stockBreakdowns.first(where: \.describesExit) {
            throw o.fail("breakdowns", "\(b.rawValue) is not a breakdown of the stocks: it is the time before an exit, and a stock counts persons, not exits")
        }
        try o.finish()
    }

    private mutating func readComparisons(_ list: [JSONValue], _ root: JSONReader) throws {
        comparisons = try list.enumerated().map { i, value in
            guard case .object(let o) = value else { throw root.fail("comparisons", "entry \(i + 1) is not an object") }
            return try Configuration.comparison(JSONReader(file: root.file, path: "comparisons[\(i)]", object: o))
        }
        var names = Set<String>()
        for c in comparisons where !names.insert(c.name).inserted {
            throw root.fail("comparisons", "two comparisons are named \"\(c.name)\"")
        }
    }

    private mutating func readNoe(_ o: inout JSONReader) throws {
        if let unit = try o.string("unit") {
            guard Comparison.isOffice(unit), let n = UInt16(unit) else { throw o.fail("unit", "expected a 4-digit enhet, found \"\(unit)\"") }
            noe.unit = n
        }
        noe.minAge = try o.int("minAge", in: 15...80) ?? noe.minAge
        noe.maxAge = try o.int("maxAge", in: 15...80) ?? noe.maxAge
        if noe.minAge > noe.maxAge { throw o.fail("minAge", "\(noe.minAge) is above maxAge \(noe.maxAge)") }
        try o.finish()
    }

    private mutating func readSurvival(_ o: inout JSONReader) throws {
        survival.maxMonths = try o.int("maxMonths", in: 1...120) ?? survival.maxMonths
        survival.baseline = try o.range("baseline") ?? survival.baseline
        survival.comparison = try o.range("comparison") ?? survival.comparison
        if let names = try o.strings("events") {
            survival.events = try names.map { name in
                guard let e = SpellEvent(rawValue: name) else {
                    throw o.fail("events", "unknown event \"\(name)\" (one of \(SpellEvent.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                return e
            }
        }
        let ties = try o.string("ties") ?? survival.ties
        guard ["efron", "breslow"].contains(ties) else { throw o.fail("ties", "expected \"efron\" or \"breslow\", found \"\(ties)\"") }
        survival.ties = ties
        if let names = try o.strings("situationalGroups") {
            survival.situationalGroups = try names.map { name in
                guard let g = Innsatsgruppe(name: name), !name.isEmpty else { throw o.fail("situationalGroups", "unknown innsatsgruppe \"\(name)\"") }
                return g
            }
        }
        if var c = try o.object("covariates") { try readCovariates(&c) }
        survival.pooled = try Self.pooledWindows(&o)
        survival.spellCovariates = try o.bool("spellCovariates") ?? survival.spellCovariates
        try o.finish()
        if survival.baseline.overlaps(survival.comparison) {
            throw ConfigurationError("\(o.file): survival: the baseline \(survival.baseline) and the comparison \(survival.comparison) overlap")
        }
    }

    /// `survival.pooled`: one window `{from, to}` (named `all`) or a list of named windows
    /// `{name, from, to}`, each its own period (definitions.md §7a).
    private static func pooledWindows(_ o: inout JSONReader) throws -> [PooledWindow] {
        guard let value = o.raw("pooled") else { return [] }
        if case .object = value { return [PooledWindow(name: PooledWindow.single, range: try o.range("pooled")!)] }
        guard case .array(let list) = value else { throw o.fail("pooled", "expected { \"from\", \"to\" } or a list of { \"name\", \"from\", \"to\" }") }
        var windows = [PooledWindow]()
        for (i, item) in list.enumerated() {
            guard case .object(let fields) = item else { throw o.fail("pooled", "entry \(i + 1) is not an object") }
            var w = JSONReader(file: o.file, path: "survival.pooled[\(i)]", object: fields)
            let name = try w.string("name") ?? ""
            guard !name.isEmpty, !["baseline", "comparison"].contains(name), !windows.contains(where: { $0.name == name }) else {
                throw o.fail("pooled", "entry \(i + 1): the name \"\(name)\" is empty, taken by another window, or baseline/comparison")
            }
            guard let from = try w.month("from"), let to = try w.month("to") else { throw o.fail("pooled", "entry \(i + 1): expected from and to") }
            guard from <= to else { throw o.fail("pooled", "entry \(i + 1): from \(from) is after to \(to): the window is reversed") }
            try w.finish()
            windows.append(PooledWindow(name: name, range: MonthRange(from: from, to: to)))
        }
        return windows
    }

    /// `survival.covariates`: term name → file of `month,value` rows (read before ingest).
    private mutating func readCovariates(_ c: inout JSONReader) throws {
        for key in c.object.keys.sorted() {
            if let problem = MonthlyCovariate.problem(name: key, builtIn: CoxTerms.names) { throw c.fail(key, problem) }
            guard let file = try c.string(key), !file.isEmpty else { throw c.fail(key, "expected the path of a CSV file of month,value rows") }
            survival.covariates[key] = file
        }
        try c.finish()
    }

    private mutating func readReport(_ o: inout JSONReader) throws {
        if let names = try o.strings("formats") {
            report.formats = try names.map { name in
                guard let f = ReportFormat(rawValue: name) else { throw o.fail("formats", "unknown format \"\(name)\" (xlsx, html, md)") }
                return f
            }
        }
        if let lang = try o.string("lang") {
            guard let l = ReportLanguage(rawValue: lang) else { throw o.fail("lang", "expected \"nb\" or \"en\", found \"\(lang)\"") }
            report.language = l
        }
        try o.finish()
    }

    static func comparison(_ reader: JSONReader) throws -> Comparison {
        var o = reader
        guard let name = try o.string("name"), !name.isEmpty else { throw o.fail("name", "every comparison needs a name") }
        guard let baseline = try o.range("baseline") else { throw o.fail("baseline", "missing: { \"from\": \"YYYY-MM\", \"to\": \"YYYY-MM\" }") }
        guard let period = try o.range("comparison") else { throw o.fail("comparison", "missing: { \"from\": \"YYYY-MM\", \"to\": \"YYYY-MM\" }") }
        var filter = Comparison.Filter()
        if var f = try o.object("filter") { filter = try exitFilter(&f) }
        var overrides = [Comparison.FilterCell: Comparison.FilterOverride]()
        if var groups = try o.object("filters") {
            for g in groups.object.keys.sorted() {
                guard let group = Comparison.Group(rawValue: g) else {
                    throw groups.fail(g, "unknown group (treatment, control, or all for a comparison without groups)")
                }
                guard var periods = try groups.object(g) else { continue }
                for p in periods.object.keys.sorted() {
                    guard let period = Comparison.Period(rawValue: p) else { throw periods.fail(p, "unknown period (baseline, comparison)") }
                    guard var f = try periods.object(p) else { continue }
                    overrides[.init(group, period)] = Comparison.FilterOverride(tiltak: try f.strings("tiltak"), enhet: try f.strings("enhet"))
                    try f.finish()
                }
                try periods.finish()
            }
            try groups.finish()
        }
        let treatment = try o.strings("treatment") ?? []
        let control = try o.strings("control") ?? []
        var pairs = [(treatment: String, control: String)]()
        for value in try o.array("pairs") ?? [] {
            guard case .array(let pair) = value, pair.count == 2, case .string(let t) = pair[0], case .string(let c) = pair[1] else {
                throw o.fail("pairs", "expected a list of [treatment, control] office pairs")
            }
            pairs.append((t, c))
        }
        let marks = try Self.marks(&o)
        let seName = try o.string("se") ?? "binomial"
        guard let se = DiDStandardError(rawValue: seName) else {
            throw o.fail("se", "expected \"binomial\" or \"baseline-counts\", found \"\(seName)\"")
        }
        try o.finish()
        var c = Comparison(name: name, baseline: baseline, comparison: period, filter: filter, treatment: treatment,
                           control: control, pairs: pairs, se: se)
        c.filterOverrides = overrides
        c.marks = marks
        if let problem = c.problem() { throw ConfigurationError("\(o.file): \(o.path): \(problem)") }
        return c
    }

    /// `marks` of a comparison: a list of `{ "z": threshold, "mark": symbol }` (definitions.md §7b).
    private static func marks(_ o: inout JSONReader) throws -> SignificanceMarks {
        var marks = [SignificanceMarks.Mark]()
        for (i, value) in (try o.array("marks") ?? []).enumerated() {
            guard case .object(let fields) = value else { throw o.fail("marks", "entry \(i + 1) is not an object { \"z\": threshold, \"mark\": symbol }") }
            var m = JSONReader(file: o.file, path: "\(o.path).marks[\(i)]", object: fields)
            guard let z = try m.double("z", in: 0...1000) else { throw m.fail("z", "missing: the threshold of |z| for the mark") }
            guard let symbol = try m.string("mark"), !symbol.isEmpty else { throw m.fail("mark", "missing or empty: the symbol to print") }
            try m.finish()
            marks.append(.init(z: z, symbol: symbol))
        }
        return SignificanceMarks(marks)
    }

    /// Replaces the periods of every comparison and every survival
    /// analysis with `--baseline` / `--comparison`, and checks the result.
    public mutating func applyPeriodOverrides() throws {
        if let b = baselineOverride { survival.baseline = b }
        if let c = comparisonOverride { survival.comparison = c }
        if survival.baseline.overlaps(survival.comparison) {
            throw ConfigurationError("survival with the periods given on the command line: the baseline \(survival.baseline) and the comparison \(survival.comparison) overlap")
        }
        for i in comparisons.indices {
            if let b = baselineOverride { comparisons[i].baseline = b }
            if let c = comparisonOverride { comparisons[i].comparison = c }
            if let problem = comparisons[i].problem() {
                throw ConfigurationError("comparison \"\(comparisons[i].name)\" with the periods given on the command line: \(problem)")
            }
        }
    }

    /// The statuses that rows of the exit tables show: the configured ones, plus NEDS where
    /// the look-back can turn ARBS exits into NEDS exits.
    public var exitStatuses: [Hovedstatus] {
        var s = exit.statuses
        if s.contains(.arbs) && !s.contains(.neds) && exit.nedsLookbackMonths > 0 { s.append(.neds) }
        return s
    }
}

/// The survival analyses' settings (`survival` in `pipeline.json`, definitions.md §5).
public struct SurvivalSettings: Sendable, Equatable {
    public var maxMonths = 12
    public var baseline = MonthRange(from: Month(year: 2021, month: 3), to: Month(year: 2021, month: 11))
    public var comparison = MonthRange(from: Month(year: 2023, month: 3), to: Month(year: 2023, month: 11))
    public var events: [SpellEvent] = SpellEvent.allCases
    /// Cox ties (`efron` or `breslow`); read by the Cox stage.
    public var ties = "efron"
    public var situationalGroups: [Innsatsgruppe] = [.bform, .batt, .varig]
    /// Extra Cox covariates: term name → CSV of `month,value` (path resolved against the
    /// configuration file's folder), read by `SurvivalStage.prepare` before ingest.
    public var covariates: [String: String] = [:]
    /// More analyses of the entries in named windows, each its own period (no period term in
    /// Cox); the single-object form of the file is one window named `all`.
    public var pooled: [PooledWindow] = []
    /// `survival_spells.csv` also carries each spell's Cox covariates (definitions.md §7a).
    public var spellCovariates = false
    public init() {}
}

/// A pooled window of `survival.pooled`: the entries of these months as one period.
public struct PooledWindow: Sendable, Equatable {
    /// The name of the window of the single-object form.
    public static let single = "all"
    public var name: String
    public var range: MonthRange
    public init(name: String, range: MonthRange) {
        self.name = name
        self.range = range
    }
}
