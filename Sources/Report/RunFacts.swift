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

    public init() {}
}

public struct ComparisonFacts: Sendable {
    public var name: String
    public var baseline: (from: String, to: String)
    public var comparison: (from: String, to: String)
    public var treatment: [String]
    public var control: [String]
    public var se: String
    /// Without groups or filters: its period cells add up months of the exit table.
    public var plain = false

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
