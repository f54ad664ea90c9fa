import Extracts
import Panel

/// Which exits a table counts, by the attributes of the exit-month row (definitions.md §1):
/// per breakdown attribute the values admitted, and an age range. One filter serves the
/// comparisons (`filter`, `filters`) and the exit-cohort tables (`cohorts.filter`).
///
/// Values are written as the tables write them (`Breakdown.label`: `K`, `30-39`, `0301`, an
/// empty string for an empty field); an empty list means no restriction.
public struct ExitFilter: Sendable, Equatable {
    /// Admitted values per attribute; an attribute not in it is not restricted.
    public private(set) var values: [Breakdown: [String]] = [:]
    /// Admitted ages (`alder` of the exit-month row, as the breakdown `aldersgruppe` reads it),
    /// both ends included.
    public var alder: ClosedRange<Int>?

    public init(tiltak: [String] = [], enhet: [String] = []) {
        self.tiltak = tiltak
        self.enhet = enhet
    }

    /// The values admitted for one attribute (empty: any).
    public subscript(_ attribute: Breakdown) -> [String] {
        get { values[attribute] ?? [] }
        set { values[attribute] = newValue.isEmpty ? nil : newValue }
    }

    public var tiltak: [String] {
        get { self[.tiltak] }
        set { self[.tiltak] = newValue }
    }

    public var enhet: [String] {
        get { self[.enhet] }
        set { self[.enhet] = newValue }
    }

    /// Admits every exit.
    public var isEmpty: Bool { values.isEmpty && alder == nil }

    /// Why no row can have `value` of `attribute` (nil: some row can).
    public static func problem(_ value: String, of attribute: Breakdown) -> String? {
        attribute.canBe(value) ? nil : "'\(value)' is not a value of \(attribute.rawValue) (\(attribute.valueForm))"
    }

    /// The filter in the panel's codes, for testing rows.
    public func compiled(for panel: Panel) -> Compiled { Compiled(self, panel: panel) }

    /// A filter in the panel's codes: per restricted attribute the admitted keys
    /// (`Breakdown.key`). A value no row has (a measure code absent from the data) admits nothing.
    public struct Compiled: Sendable {
        var keys: [(attribute: Breakdown, admitted: Set<Int>)]
        var ages: ClosedRange<Int>?

        init(_ f: ExitFilter, panel: Panel) {
            keys = Breakdown.allCases.compactMap { attribute in
                let wanted = f[attribute]
                return wanted.isEmpty ? nil : (attribute, Set(wanted.compactMap { attribute.key(ofLabel: $0, panel: panel) }))
            }
            ages = f.alder
        }

        @inline(__always)
        public func admits(_ row: ArenaRow) -> Bool {
            if let ages, !ages.contains(Int(row.alder)) { return false }
            return keys.allSatisfy { $0.admitted.contains($0.attribute.key(row)) }
        }
    }
}
