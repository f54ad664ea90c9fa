/// One published table, declared once (`Catalogue`): its file name, its columns in order
/// with what each holds, and the columns that identify a row.
public struct TableSpec: Sendable, Hashable, CustomStringConvertible {
    /// The file name. A table written once per value of a setting (one per breakdown) has a
    /// name pattern: `<breakdown>` in it stands for the value, which also names the column
    /// `Column.breakdown`.
    public let fileName: String
    public let columns: [Column]
    /// The columns that identify a row (with the table's parameter, if any, filled in).
    public let keys: [Column]
    /// Columns only some runs write: the `period` of the Cox tables, when the models name
    /// their periods. Written in their place in `columns` when included.
    public let optional: Set<Column>
    /// Columns after the declared ones, of this kind (the covariates of `survival_spells.csv`).
    public let further: ColumnKind?

    public init(_ fileName: String, _ columns: [Column], keys: [Column], optional: Set<Column> = [], further: ColumnKind? = nil) {
        precondition(keys.allSatisfy(columns.contains) && optional.isSubset(of: columns), fileName)
        self.fileName = fileName
        self.columns = columns
        self.keys = keys
        self.optional = optional
        self.further = further
    }

    public var description: String { fileName }

    static let placeholder = Column.breakdown.name
    /// Between two crossed breakdowns in a parameter (`kjonn_x_aldersgruppe`).
    public static let crossing = "_x_"

    /// Whether the file name is a pattern with a parameter.
    public var isPattern: Bool { fileName.contains(Self.placeholder) }

    /// The file name for a value of the parameter (ignored by a table without one).
    public func fileName(_ parameter: String) -> String {
        fileName.replacingOccurrences(of: Self.placeholder, with: parameter)
    }

    /// The parameter of a file of this table (`kjonn` for `exit_cohorts_by_kjonn.csv`, ""
    /// for a table without one), or nil when the file is not one of this table's.
    public func parameter(ofFile name: String) -> String? {
        guard isPattern else { return name == fileName ? "" : nil }
        let parts = fileName.components(separatedBy: Self.placeholder)
        guard name.count > parts[0].count + parts[1].count, name.hasPrefix(parts[0]), name.hasSuffix(parts[1]) else { return nil }
        return String(name.dropFirst(parts[0].count).dropLast(parts[1].count))
    }

    /// The columns as written: the parameter's column named by its value (two columns for
    /// crossed breakdowns), optional columns only when included.
    public func columns(parameter: String = "", including: Set<Column> = []) -> [Column] {
        columns.filter { !optional.contains($0) || including.contains($0) }.flatMap { $0.named(by: parameter) }
    }

    /// A column of this table by its header name (any optional column, the parameter's
    /// columns under their values), or one of the further columns; nil if the table has none.
    public func column(named name: String, parameter: String = "") -> Column? {
        if let c = columns.flatMap({ $0.named(by: parameter) }).first(where: { $0.name == name }) { return c }
        return further.map { Column(name, $0) }
    }
}

extension Column {
    /// The parameter's columns under the parameter's values (one per crossed breakdown); any
    /// other column as it is.
    public func named(by parameter: String) -> [Column] {
        guard self == .breakdown, !parameter.isEmpty else { return [self] }
        return parameter.components(separatedBy: TableSpec.crossing).map { Column($0, kind) }
    }
}
