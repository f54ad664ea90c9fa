/// A linear relation the published cells satisfy, declared in the catalogue as data
/// (`Catalogue.relations`): the sum of the `total` cells equals the sum of the `parts` cells,
/// once for each value of the `matching` columns (and of the class, and of the step). A
/// disclosure model can take its equations (`equations(in:)`) as the sums a blanked cell must
/// not be recovered from.
public struct Relation: Sendable, CustomStringConvertible {
    /// What it says, in words ("statuses add up to the exits").
    public var name: String
    public var total: Term
    public var parts: [Term]
    /// The columns whose values tie a total to its parts: in the total's table, in the parts'.
    public var matching: [Link]
    /// A total's value gathers the parts of its class (detailed statuses into status classes).
    public var classes: Classes?
    /// A chain over months since entry: the total at step j, its parts at j or j + `stepOffset`.
    public var step: Column?
    /// It holds only where the figures show it (pairs that share no office): a model may use
    /// an equation of it only where it holds.
    public var conditional: Bool

    public init(_ name: String, total: Term, parts: [Term], matching: [Link], classes: Classes? = nil,
                step: Column? = nil, conditional: Bool = false) {
        self.name = name
        self.total = total
        self.parts = parts
        self.matching = matching
        self.classes = classes
        self.step = step
        self.conditional = conditional
    }

    public var description: String { "\(total.table): \(name)" }
}

extension Relation {
    /// Cells of one table that take part in a relation: a column, on the rows the filters pass.
    public struct Term: Sendable {
        public var table: TableSpec
        public var column: Column
        /// Only rows with one of these values in each named column.
        public var only: [Column: Set<String>]
        /// No rows with one of these values.
        public var except: [Column: Set<String>]
        /// The value repeats on every row of its group (the exits beside each status): taken once.
        public var repeats: Bool
        /// In a chain: this term's row at step j + offset belongs to the equation of step j.
        public var stepOffset: Int
        /// The one file of a table with a name pattern this term is about (a crossed table's
        /// margin), else each file in turn.
        public var parameter: String?

        public init(_ table: TableSpec, _ column: Column, only: [Column: Set<String>] = [:], except: [Column: Set<String>] = [:],
                    repeats: Bool = false, stepOffset: Int = 0, parameter: String? = nil) {
            self.table = table
            self.column = column
            self.only = only
            self.except = except
            self.repeats = repeats
            self.stepOffset = stepOffset
            self.parameter = parameter
        }
    }

    /// A column of the total's table matched with one of the parts' tables; the parts' value
    /// coarsened first where the total counts a longer period (a quarter of months).
    public struct Link: Sendable {
        public var total: Column
        public var parts: Column
        public var coarsen: CalendarPeriod.Unit?

        public init(_ total: Column, _ parts: Column, coarsen: CalendarPeriod.Unit? = nil) {
            self.total = total
            self.parts = parts
            self.coarsen = coarsen
        }

        /// The same column on both sides.
        public static func same(_ column: Column) -> Link { Link(column, column) }
    }

    /// A total's value in `total` gathers the parts whose value in `parts` it lists.
    public struct Classes: Sendable {
        public var total: Column
        public var parts: Column
        public var members: [String: [String]]

        public init(_ total: Column, _ parts: Column, _ members: [String: [String]]) {
            self.total = total
            self.parts = parts
            self.members = members
        }
    }
}
