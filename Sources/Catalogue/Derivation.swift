/// A published figure computed from counts (a share, an estimate, a test), declared in the
/// catalogue (`Catalogue.derivations`): under a small-cell limit it is blanked wherever one of
/// its sources is, since beside the other figures it would give that source back.
public struct Derivation: Sendable {
    /// Which source cells a derived cell rests on.
    public enum Scope: Sendable {
        /// The sources on its own row.
        case row
        /// The sources on the rows of its group (same values in `group`) whose `step` is at
        /// most its own less `lag`: a curve that steps month by month (S_j = S_j−1·(1 − d_j/n_j)).
        case steps(Column, group: [Column], lag: Int)
        /// The sources in another table's rows with the same values in `matching` (a value
        /// joined by `+`, a model of two periods, matches each), restricted by `only`.
        case elsewhere(TableSpec, only: [Column: Set<String>], matching: [Column])
        /// Never published under a limit (the sources are ignored).
        case withheld
    }

    public var table: TableSpec
    public var derived: [Column]
    public var sources: [Column]
    public var scope: Scope

    public init(_ table: TableSpec, _ derived: [Column], from sources: [Column], _ scope: Scope = .row) {
        self.table = table
        self.derived = derived
        self.sources = sources
        self.scope = scope
    }
}

/// A share's denominator that no table prints but any count beside its share gives away
/// (count · 100 / pct): the persons registered behind the stocks' `pct`. Under a limit it is a
/// cell of its own (`column`, added to the table while it is suppressed), the same on every
/// row of its `group`; relations tie it to what it sums.
public struct Denominator: Sendable {
    public var table: TableSpec
    /// The added column (never written).
    public var column: Column
    public var share: Column
    public var count: Column
    public var group: [Column]

    public init(_ table: TableSpec, _ column: Column, share: Column, count: Column = .count, group: [Column]) {
        self.table = table
        self.column = column
        self.share = share
        self.count = count
        self.group = group
    }
}

/// A count column that repeats one value on every row of a group (the exits beside each
/// status): one cell for disclosure control.
public struct GroupValue: Sendable {
    public var table: TableSpec
    public var column: Column
    public var group: [Column]

    public init(_ table: TableSpec, _ column: Column, group: [Column]) {
        self.table = table
        self.column = column
        self.group = group
    }
}

/// Rows of one table whose figures are those of one office standing in several units (pairs
/// sharing a control office): where their counts are the same, they are one set of cells.
public struct RepeatedRows: Sendable {
    public var table: TableSpec
    /// The rows that may repeat (the control group's).
    public var only: [Column: Set<String>]
    /// The column that differs between the repeats (the unit).
    public var varying: Column
    /// The columns that name a row within its repeat (all keys but `varying`).
    public var within: [Column]

    public init(_ table: TableSpec, only: [Column: Set<String>], varying: Column, within: [Column]) {
        self.table = table
        self.only = only
        self.varying = varying
        self.within = within
    }
}
