/// One comparison of `configuration.comparisons` in `manifest.json` (definitions.md §4).
extension Manifest.Settings {
    public struct Comparison: Codable, Sendable, Equatable {
        public var name = ""
        public var baseline = Manifest.Period(from: "", to: "")
        public var comparison = Manifest.Period(from: "", to: "")
        public var filter = Filter()
        /// Group (`treatment`, `control`, `all`) → period → the keys that replace `filter`'s.
        public var filters: [String: [String: FilterOverride]] = [:]
        /// `binomial` or `baseline-counts`.
        public var se = "binomial"
        /// Offices of each group and the office pairs; left out for a comparison without groups.
        public var treatment: [String]?
        public var control: [String]?
        public var pairs: [[String]]?
        /// The significance marks of `comparisons.csv` (definitions.md §7b); left out without marks.
        public var marks: [Mark]?
        public init() {}

        /// A threshold of |z| and the symbol printed from it on.
        public struct Mark: Codable, Sendable, Equatable {
            public var z: Double
            public var mark: String
            public init(z: Double, mark: String) {
                self.z = z
                self.mark = mark
            }
        }

        public typealias Filter = Manifest.Settings.ExitFilter

        /// A key left out keeps `filter`'s value.
        public struct FilterOverride: Codable, Sendable, Equatable {
            public var tiltak: [String]?
            public var enhet: [String]?
            public init() {}
        }

        /// Without groups and counting every exit of its periods (no filter in either period,
        /// after the overrides): its period cells are sums of months of the exit table. The
        /// same rule as `Comparison.plain`, on the recorded settings.
        public var isPlain: Bool {
            guard (treatment ?? []).isEmpty, (control ?? []).isEmpty else { return false }
            return ["baseline", "comparison"].allSatisfy { period in
                let cell = filters["all"]?[period]
                return (cell?.tiltak ?? filter.tiltak).isEmpty && (cell?.enhet ?? filter.enhet).isEmpty
                    && filter.others.values.allSatisfy(\.isEmpty) && filter.alder == nil
            }
        }
    }
}
