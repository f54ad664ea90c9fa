/// The parts of `manifest.json` that say what the run read and found.
extension Manifest {
    /// `{ "from": "YYYY-MM", "to": "YYYY-MM" }`, both months inclusive.
    public struct Period: Codable, Sendable, Equatable {
        public var from: String
        public var to: String

        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    /// The analysed months (`months`).
    public struct AnalysedMonths: Codable, Sendable, Equatable {
        public var from = ""
        public var to = ""
        public var count = 0
        public init() {}
    }

    /// `--baseline` / `--comparison` as given; a period not given is left out.
    public struct PeriodOverrides: Codable, Sendable, Equatable {
        public var baseline: Period?
        public var comparison: Period?
        public init() {}
    }

    /// One extract read (`inputs`).
    public struct Input: Codable, Sendable, Equatable {
        public var file = ""
        /// `arena`, `aa` or `ytelse`.
        public var kind = ""
        public var month = ""
        public var bytes = 0
        public var sha256 = ""
        public var gzipMembers = 0
        public var rowsRead = 0
        public var rowsSetAside = 0
        public var rowsNotInArena = 0
        public var blankLines = 0
        public var rowsOutsideMonth = 0
        /// What the cache did: `parsed`, `reused` or `rebuilt`; null without a cache.
        @Nullable public var cache: String? = nil
        public init() {}
    }

    /// Rows of all inputs (`rows`).
    public struct Rows: Codable, Sendable, Equatable {
        public var read = 0
        public var setAside = 0
        public var notInArena = 0
        public var outsideMonth = 0
        public init() {}
    }

    /// How the panel was had (`panel`).
    public struct Panel: Codable, Sendable, Equatable {
        /// `built`, `cache` or `extended`.
        public var source = "built"
        /// The months of the stored panel that new months were added to (`extended`).
        public var extendedFrom: Period?
        public init() {}
    }

    /// The exits (`exits`).
    public struct Exits: Codable, Sendable, Equatable {
        /// `register` or `measure`.
        public var kind = "register"
        /// Exits in the tables; null under a small-cell limit (with the visible cells it
        /// would give a lone blanked cell back).
        @Nullable public var tabulated: Int? = nil
        /// The months whose exits are all decided and tabulated; null when none are.
        @Nullable public var tabulatedMonths: Period? = nil
        public var pendingDecision = 0
        public var pendingOutcome = 0
        public init() {}
    }

    /// Inputs added, changed (another SHA-256) and gone since the result this run replaced.
    public struct Changes: Codable, Sendable, Equatable {
        public var added: [String] = []
        public var changed: [String] = []
        public var gone: [String] = []
        public var unchanged = 0
        public init() {}
    }
}
