import Extracts

/// The statuses after exit as a configurable rule list (definitions.md §7c; `outcome.categories`
/// and `outcome.classes`): the first rule that holds at the status month names the category,
/// and each category belongs to one headline class. The default list is §2's seven statuses.
public struct OutcomeCategories: Sendable, Equatable {
    /// One rule; every condition present must hold, a rule without any holds for everyone.
    public struct Rule: Sendable, Equatable {
        public var category: String
        /// Employed (true) or not employed (false) at the end of the status month.
        public var employed: Bool?
        /// Any of these benefits that month.
        public var benefits: [Benefit]?
        /// Registered with one of these `hovedstatus` values that month.
        public var registered: [Hovedstatus]?
        /// A row that month whose `tiltak` is one of these codes.
        public var measures: [String]?

        public init(_ category: String, employed: Bool? = nil, benefits: [Benefit]? = nil,
                    registered: [Hovedstatus]? = nil, measures: [String]? = nil) {
            self.category = category
            self.employed = employed
            self.benefits = benefits
            self.registered = registered
            self.measures = measures
        }

        public var hasCondition: Bool { employed != nil || benefits != nil || registered != nil || measures != nil }
    }

    /// The rules, in the order they are tried.
    public var rules: [Rule]
    /// The categories in the order the tables show them.
    public var names: [String]
    /// The headline class of each category (same order as `names`).
    public var classes: [HeadlineStatus]

    public init(rules: [Rule], names: [String], classes: [HeadlineStatus]) {
        precondition(names.count == classes.count && names.count <= Int(UInt8.max))
        self.rules = rules
        self.names = names
        self.classes = classes
    }

    /// §2's statuses read with `outcome`'s benefit lists, in `DetailedStatus` order (so a
    /// category number is the `DetailedStatus` raw value). `work_benefit` is tried before
    /// `work_only`, which then holds for the employed without such a benefit.
    public static func standard(_ outcome: OutcomeRules = OutcomeRules()) -> OutcomeCategories {
        let rules: [Rule] = [
            Rule("work_benefit", employed: true, benefits: outcome.workBenefits),
            Rule("work_only", employed: true),
            Rule("job_seeker", registered: [.arbs]),
            Rule("reduced_capacity", registered: [.neds]),
            Rule("disability", benefits: outcome.disability),
            Rule("old_age", benefits: outcome.oldAge),
            Rule("other"),
        ]
        return OutcomeCategories(rules: rules, names: DetailedStatus.allCases.map(\.name),
                                 classes: DetailedStatus.allCases.map(\.headline))
    }

    /// The name of category number `category`.
    public func name(_ category: UInt8) -> String { names[Int(category)] }
    /// The headline class of category number `category`.
    public func headline(_ category: UInt8) -> HeadlineStatus { classes[Int(category)] }
    /// Each headline class with the names of its categories, in class order (the sums that
    /// the small-cell suppression keeps between the detailed and the headline tables).
    public var classMembers: [(headline: String, categories: [String])] {
        HeadlineStatus.allCases.map { h in (h.name, names.indices.filter { classes[$0] == h }.map { names[$0] }) }
    }

    /// The category numbers whose class is in `classes`.
    public func categories(in classes: Set<HeadlineStatus>) -> [Int] {
        self.classes.indices.filter { classes.contains(self.classes[$0]) }
    }
}
