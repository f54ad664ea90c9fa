import Extracts

/// How exits are found (`definitions.md` §1, §1b; the `exit` part of `pipeline.json`).
public struct ExitRules: Sendable, Equatable {
    /// What a person leaves.
    public enum Kind: Sendable, Equatable {
        /// The register: registered (a status in `statuses`) in m, in none of the next months.
        case register
        /// A measure (§1b): registered in m with a `tiltak` in the list (empty: any measure),
        /// and no row with such a `tiltak` in the next months, registered or not.
        case measure(codes: [String])

        public var isMeasure: Bool {
            if case .measure = self { return true }
            return false
        }
    }

    public var kind: Kind
    /// The `hovedstatus` values that count as registered (default ARBS, NEDS).
    public var statuses: [Hovedstatus]
    /// Months without registration that make an exit (default 2: more than 60 days).
    public var quietMonths: Int
    /// Months before the exit in which a NEDS row turns an ARBS exit into a NEDS exit.
    public var nedsLookbackMonths: Int
    /// §7c: only a row with the exit month's `hovedstatus` continues it (ARBS → NEDS exits ARBS).
    public var betweenStatuses: Bool
    /// §7c, measure exits: only a row with the exit month's `tiltak` continues it.
    public var betweenMeasures: Bool

    public init(kind: Kind = .register, statuses: [Hovedstatus] = [.arbs, .neds], quietMonths: Int = 2,
                nedsLookbackMonths: Int = 5, betweenStatuses: Bool = false, betweenMeasures: Bool = false) {
        self.kind = kind
        self.statuses = statuses
        self.quietMonths = quietMonths
        self.nedsLookbackMonths = nedsLookbackMonths
        self.betweenStatuses = betweenStatuses
        self.betweenMeasures = betweenMeasures
    }

    /// Bit `1 << code` set for each registered `Hovedstatus` code.
    public var registeredMask: UInt8 { statuses.reduce(0) { $0 | (1 << $1.rawValue) } }
}

/// How the status after exit is read (`definitions.md` §2; the `outcome` part of `pipeline.json`).
public struct OutcomeRules: Sendable, Equatable {
    /// Months after the exit month at whose end the status is read (default 2).
    public var horizonMonths: Int
    /// Benefits that make employment `work_benefit` rather than `work_only`.
    public var workBenefits: [Benefit]
    public var disability: [Benefit]
    public var oldAge: [Benefit]
    /// `outcome.categories` and `outcome.classes` (§7c); nil: §2's statuses.
    public var categories: OutcomeCategories?

    public init(horizonMonths: Int = 2, workBenefits: [Benefit] = [.dagp, .aap, .indst, .ovst, .ufor, .alder],
                disability: [Benefit] = [.ufor], oldAge: [Benefit] = [.alder], categories: OutcomeCategories? = nil) {
        self.horizonMonths = horizonMonths
        self.workBenefits = workBenefits
        self.disability = disability
        self.oldAge = oldAge
        self.categories = categories
    }

    /// The categories in force: the configured ones, or §2's read with the lists above.
    public var effectiveCategories: OutcomeCategories { categories ?? .standard(self) }
}
