/// `configuration` in `manifest.json`: every key of `pipeline.json` as it took effect
/// (defaults filled in, paths resolved, `--baseline`/`--comparison` applied), in the names and
/// shapes of `pipeline.json` (interface.md). The pipeline fills it from its `Configuration`;
/// the report reads the run's definitions here, never re-parsing the configuration.
extension Manifest {
    public struct Settings: Codable, Sendable, Equatable {
        public var input = Input()
        public var output = Output()
        public var cache = Cache()
        public var exit = Exit()
        public var outcome = Outcome()
        public var cohorts = Cohorts()
        public var comparisons: [Comparison] = []
        /// The national follow-up unit and its target group.
        public var noe = TargetGroup()
        public var survival = Survival()
        public var stocks = Breakdowns()
        public var report = Report()
        public init() {}

        public struct Input: Codable, Sendable, Equatable {
            public var directory = ""
            @Nullable public var from: String? = nil
            @Nullable public var to: String? = nil
            public var maxRejectedShare = 0.0
            public var minRowShare = 0.0
            public init() {}
        }

        public struct Output: Codable, Sendable, Equatable {
            public var directory = ""
            public var minCellCount = 0
            /// `output.csv`; absent when `standard` (as in manifests written before it).
            public var csv: String?
            public init() {}
        }

        public struct Cache: Codable, Sendable, Equatable {
            public var enabled = true
            @Nullable public var directory: String? = nil
            public init() {}
        }

        public struct Exit: Codable, Sendable, Equatable {
            /// `register` or `measure`.
            public var kind = "register"
            public var measures: [String] = []
            public var statuses: [String] = []
            public var quietMonths = 0
            public var nedsLookbackMonths = 0
            /// §7c; absent when false (as in manifests written before them).
            public var betweenStatuses: Bool?
            public var betweenMeasures: Bool?
            public init() {}
        }

        public struct Outcome: Codable, Sendable, Equatable {
            public var horizonMonths = 0
            public var workBenefits: [String] = []
            public var disability: [String] = []
            public var oldAge: [String] = []
            /// `outcome.categories`, `outcome.classes` (every category's) and `outcome.order`
            /// (the categories in table order); absent with §2's statuses.
            public var categories: [CategoryRule]?
            public var classes: [String: String]?
            public var order: [String]?
            public init() {}
        }

        /// One rule of `outcome.categories`.
        public struct CategoryRule: Codable, Sendable, Equatable {
            public var name: String
            public var employed: Bool?
            public var benefits: [String]?
            public var registered: [String]?
            public var measures: [String]?
            public init(name: String, employed: Bool? = nil, benefits: [String]? = nil, registered: [String]? = nil,
                        measures: [String]? = nil) {
                self.name = name
                self.employed = employed
                self.benefits = benefits
                self.registered = registered
                self.measures = measures
            }
        }

        /// `stocks`.
        public struct Breakdowns: Codable, Sendable, Equatable {
            public var breakdowns: [String] = []
            public init() {}
        }

        public struct TargetGroup: Codable, Sendable, Equatable {
            /// Four digits, as `enhet` is written.
            public var unit = ""
            public var minAge = 0
            public var maxAge = 0
            public init() {}
        }

        public struct Survival: Codable, Sendable, Equatable {
            public var maxMonths = 0
            public var baseline = Period(from: "", to: "")
            public var comparison = Period(from: "", to: "")
            public var events: [String] = []
            /// `efron` or `breslow`.
            public var ties = "efron"
            public var situationalGroups: [String] = []
            /// Term name → CSV file of `month,value` rows.
            public var covariates: [String: String] = [:]
            /// The pooled window named `all` (the single-object form of `survival.pooled`).
            @Nullable public var pooled: Period? = nil
            /// The other named windows of `survival.pooled`; absent when there are none.
            public var pooledWindows: [String: Period]?
            /// `survival.spellCovariates`, when set; absent when not.
            public var spellCovariates: Bool?
            public init() {}
        }

        public struct Report: Codable, Sendable, Equatable {
            public var formats: [String] = []
            public var lang = ""
            public init() {}
        }
    }
}
