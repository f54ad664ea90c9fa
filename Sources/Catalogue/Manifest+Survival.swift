/// `survival` in `manifest.json`: how many entered each period, the Cox models' spells and
/// events, and the extra covariate files as read. Under a small-cell limit the counts are
/// null (a blanked period's size would be given away); `rows` and `converged` stay.
extension Manifest {
    public struct Survival: Codable, Sendable, Equatable {
        public var baseline = Entries()
        public var comparison = Entries()
        /// The pooled window's entries (period `all`), when `survival.pooled` is set.
        public var pooled: Entries?
        /// Per event: the model over both periods.
        public var cox: [String: CoxCounts] = [:]
        /// Per event: the model of the pooled window, when set.
        public var coxPooled: [String: CoxCounts]?
        public var covariates: [Covariate] = []
        /// The entries of the other named pooled windows, by name; absent when there are none.
        public var windows: [String: Entries]?
        /// Per window (not `all`) and event: its model.
        public var coxWindows: [String: [String: CoxCounts]]?

        enum CodingKeys: String, CodingKey {
            case baseline, comparison, pooled = "all", cox, coxPooled, covariates, windows, coxWindows
        }

        public init() {}
    }

    /// Entries into the target group in one period.
    public struct Entries: Codable, Sendable, Equatable {
        @Nullable public var entries: Int? = nil
        /// Of which at the follow-up unit (`noe.unit`) at entry.
        @Nullable public var entriesAtUnit: Int? = nil
        public init() {}
    }

    /// One Cox model's size; `converged` null when there were no spells (no model).
    public struct CoxCounts: Codable, Sendable, Equatable {
        @Nullable public var spells: Int? = nil
        @Nullable public var events: Int? = nil
        @Nullable public var converged: Bool? = nil
        /// Spells left out: their entry month has no value of an extra covariate.
        @Nullable public var spellsWithoutCovariate: Int? = nil
        public init() {}
    }

    /// An extra Cox covariate file (`survival.covariates`) as read.
    public struct Covariate: Codable, Sendable, Equatable {
        public var name = ""
        public var file = ""
        public var sha256 = ""
        public var rows = 0
        /// The file's first and last month; null for a file without rows.
        @Nullable public var from: String? = nil
        @Nullable public var to: String? = nil
        public init() {}
    }
}
