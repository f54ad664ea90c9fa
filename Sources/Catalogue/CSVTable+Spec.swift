extension CSVTable {
    /// An empty table of the catalogue, its header from the spec: `parameter` for a table
    /// with a name pattern (the breakdown), `including` its optional columns to write,
    /// `further` the names of its further columns (`TableSpec.further`).
    public init(_ spec: TableSpec, parameter: String = "", including: Set<Column> = [], further: [String] = []) {
        precondition(further.isEmpty || spec.further != nil, "\(spec) has no further columns")
        let columns = spec.columns(parameter: parameter, including: including) + further.map { Column($0, spec.further ?? .label) }
        self.init(name: spec.fileName(parameter), header: columns.map(\.name))
        self.columns = columns
    }

    /// The index of a column, if the table has it.
    public func column(_ column: Column) -> Int? { header.firstIndex(of: column.name) }

    /// The cell of a column in a row of this table (nil when the table has no such column).
    public func cell(_ row: [Cell], _ column: Column) -> Cell? { self.column(column).map { row[$0] } }

    /// Whether this is a file of the table.
    public func isFile(of spec: TableSpec) -> Bool { spec.parameter(ofFile: name) != nil }

    /// What each column holds as the catalogue declares it (nil for a column, or every
    /// column of a file, the catalogue does not know).
    public var declaredKinds: [ColumnKind?] {
        if let columns { return columns.map(\.kind) }
        let table = Catalogue.table(ofFile: name)
        return header.map { field in table.flatMap { $0.spec.column(named: field, parameter: $0.parameter)?.kind } }
    }
}
