import Catalogue

/// What the report says about the run that made the tables (from its manifest): the
/// "about" sheet and the periods the tables are read with.
public struct RunFacts: Sendable {
    public var version = ""
    public var finishedAt = ""
    /// The analysed months, `YYYY-MM`.
    public var months: (from: String, to: String)?
    /// The months whose exits are all decided and tabulated.
    public var tabulatedMonths: (from: String, to: String)?
    public var exitKind = "register"
    public var exitMeasures: [String] = []
    public var exitStatuses: [String] = []
    public var quietMonths = 2
    public var horizonMonths = 2
    public var workBenefits: [String] = []
    /// nil when the run's manifest leaves it out (a small-cell limit).
    public var exitsTabulated: Int?
    public var pendingExits = 0
    public var rowsRead = 0
    public var rowsSetAside = 0
    public var inputFiles = 0
    /// The limit the run's own tables were suppressed with.
    public var minCellCount = 0
    public var comparisons: [ComparisonFacts] = []
    public var survivalUnit = ""
    /// How the Cox models handled tied times (`survival.ties`).
    public var survivalTies = "efron"
    public var survivalPeriods: [(name: String, from: String, to: String)] = []
    /// `cohorts.filter` in words ("alder 20–66; kjonn K"), nil when the tables count every exit.
    public var cohortFilter: String?
    /// `outcome.categories` in table order with each one's class (`work`, …); empty with §2's statuses.
    public var outcomeCategories: [(name: String, headline: String)] = []

    public init() {}
}

public struct ComparisonFacts: Sendable {
    public var name: String
    public var baseline: (from: String, to: String)
    public var comparison: (from: String, to: String)
    public var treatment: [String]
    public var control: [String]
    public var se: String
    /// Office pairs, treatment office first (a pair's unit in `comparisons.csv` is its treatment office).
    public var pairs: [[String]] = []
    /// Significance marks: from |z| at the threshold on, the symbol (definitions.md §7b).
    public var marks: [(z: Double, mark: String)] = []
    /// Without groups or filters: its period cells add up months of the exit table.
    public var plain = false
    /// The measure codes its filters admit (`filter` and `filters`), in the order given.
    public var measures: [String] = []

    public init(name: String, baseline: (from: String, to: String), comparison: (from: String, to: String),
                treatment: [String], control: [String], se: String) {
        self.name = name
        self.baseline = baseline
        self.comparison = comparison
        self.treatment = treatment
        self.control = control
        self.se = se
    }
}

extension RunFacts {
    /// What the report says about the run whose manifest this is.
    public init(_ manifest: Manifest) {
        let settings = manifest.configuration
        func range(_ p: Manifest.Period?) -> (from: String, to: String)? { p.map { ($0.from, $0.to) } }
        version = manifest.version
        finishedAt = manifest.finishedAt
        months = (manifest.months.from, manifest.months.to)
        tabulatedMonths = range(manifest.exits.tabulatedMonths)
        exitsTabulated = manifest.exits.tabulated
        pendingExits = manifest.exits.pendingDecision + manifest.exits.pendingOutcome
        rowsRead = manifest.rows.read
        rowsSetAside = manifest.rows.setAside
        inputFiles = manifest.inputs.count
        minCellCount = settings.output.minCellCount
        exitKind = settings.exit.kind
        exitMeasures = settings.exit.measures
        exitStatuses = settings.exit.statuses
        quietMonths = settings.exit.quietMonths
        horizonMonths = settings.outcome.horizonMonths
        workBenefits = settings.outcome.workBenefits
        comparisons = settings.comparisons.map(ComparisonFacts.init)
        survivalUnit = settings.noe.unit
        survivalTies = settings.survival.ties
        cohortFilter = settings.cohorts.filter.flatMap { $0.isEmpty ? nil : $0.inWords }
        if let rules = settings.outcome.categories {
            var names = settings.outcome.order ?? []
            for rule in rules where settings.outcome.order == nil && !names.contains(rule.name) { names.append(rule.name) }
            outcomeCategories = names.map { ($0, settings.outcome.classes?[$0] ?? "other") }
        }
        survivalPeriods = [("baseline", settings.survival.baseline.from, settings.survival.baseline.to),
                           ("comparison", settings.survival.comparison.from, settings.survival.comparison.to)]
    }
}

extension ComparisonFacts {
    init(_ c: Manifest.Settings.Comparison) {
        self.init(name: c.name, baseline: (c.baseline.from, c.baseline.to), comparison: (c.comparison.from, c.comparison.to),
                  treatment: c.treatment ?? [], control: c.control ?? [], se: c.se)
        plain = c.isPlain
        pairs = c.pairs ?? []
        marks = (c.marks ?? []).map { ($0.z, $0.mark) }
        let overrides = c.filters.keys.sorted().flatMap { g in c.filters[g]!.keys.sorted().flatMap { c.filters[g]![$0]!.tiltak ?? [] } }
        for code in c.filter.tiltak + overrides where !measures.contains(code) { measures.append(code) }
    }
}

extension RunFacts {
    /// Each headline class with the categories after exit it gathers, as the suppression sums
    /// them (`TableSuppression.apply(..., classes:)`): the run's categories within their
    /// classes, §2's when the run had none. A class the catalogue does not know counts as other.
    public var classes: [(headline: String, categories: [String])] {
        guard !outcomeCategories.isEmpty else { return Catalogue.statusClasses }
        let known = Set(Catalogue.statusClasses.map(\.headline))
        return Catalogue.statusClasses.map { c in
            (c.headline, outcomeCategories.filter { (known.contains($0.headline) ? $0.headline : "other") == c.headline }.map(\.name))
        }
    }
}

extension Manifest.Settings.ExitFilter {
    /// Each restricting attribute with its values, as configured: "alder 20–66; tiltak AVKLARAG, KIN".
    var inWords: String {
        var parts = [(String, [String])]()
        if !tiltak.isEmpty { parts.append(("tiltak", tiltak)) }
        if !enhet.isEmpty { parts.append(("enhet", enhet)) }
        parts += others.keys.sorted().compactMap { others[$0]!.isEmpty ? nil : ($0, others[$0]!) }
        var words = alder.map { ["alder \($0.from)–\($0.to)"] } ?? []
        words += parts.map { "\($0.0) \($0.1.joined(separator: ", "))" }
        return words.joined(separator: "; ")
    }
}
