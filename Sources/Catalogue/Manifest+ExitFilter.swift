/// A filter on exits in `manifest.json` (a comparison's `filter`, `cohorts.filter`), in the
/// shape of `pipeline.json`: `tiltak` and `enhet` always (as before the other attributes could
/// be filtered on), each other attribute only when it restricts, `alder` only when set.
extension Manifest.Settings {
    public struct ExitFilter: Codable, Sendable, Equatable {
        public var tiltak: [String] = []
        public var enhet: [String] = []
        /// The other attributes that restrict (`kjonn`, `aldersgruppe`, …) → their values.
        public var others: [String: [String]] = [:]
        /// Ages at the exit month, both ends included.
        public var alder: AgeRange?
        public init() {}

        public struct AgeRange: Codable, Sendable, Equatable {
            public var from: Int
            public var to: Int
            public init(from: Int, to: Int) {
                self.from = from
                self.to = to
            }
        }

        /// Admits every exit.
        public var isEmpty: Bool { tiltak.isEmpty && enhet.isEmpty && others.values.allSatisfy(\.isEmpty) && alder == nil }

        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            for key in c.allKeys {
                switch key.stringValue {
                case "tiltak": tiltak = try c.decode([String].self, forKey: key)
                case "enhet": enhet = try c.decode([String].self, forKey: key)
                case "alder": alder = try c.decode(AgeRange.self, forKey: key)
                default: others[key.stringValue] = try c.decode([String].self, forKey: key)
                }
            }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(tiltak, forKey: Key(stringValue: "tiltak"))
            try c.encode(enhet, forKey: Key(stringValue: "enhet"))
            for (name, values) in others where !values.isEmpty { try c.encode(values, forKey: Key(stringValue: name)) }
            if let alder { try c.encode(alder, forKey: Key(stringValue: "alder")) }
        }
    }

    /// `cohorts`: the breakdowns (crossed ones as `a×b`), and the filter and periods where
    /// they differ from the defaults (absent otherwise, so a default run's manifest is as before).
    public struct Cohorts: Codable, Sendable, Equatable {
        public var breakdowns: [String] = []
        public var filter: ExitFilter?
        public var periods: [String]?
        public init() {}
    }
}
