/// What one `SyntheticExtracts.write` produced. Row counts exclude header rows.
public struct GeneratorSummary: Sendable, Equatable {
    /// Number of files written (three per month).
    public var files: Int = 0
    /// Rows in all `arena_` files.
    public var arenaRows: Int = 0
    /// Rows in all `aa_` files (including the deliberate duplicate rows).
    public var aaRows: Int = 0
    /// Rows in all `ytelse_` files (including the deliberate duplicate rows).
    public var ytelseRows: Int = 0
    /// Compressed bytes written, all files.
    public var bytesWritten: Int = 0

    public init(files: Int = 0, arenaRows: Int = 0, aaRows: Int = 0, ytelseRows: Int = 0, bytesWritten: Int = 0) {
        self.files = files
        self.arenaRows = arenaRows
        self.aaRows = aaRows
        self.ytelseRows = ytelseRows
        self.bytesWritten = bytesWritten
    }

    static func += (a: inout GeneratorSummary, b: GeneratorSummary) {
        a.files += b.files
        a.arenaRows += b.arenaRows
        a.aaRows += b.aaRows
        a.ytelseRows += b.ytelseRows
        a.bytesWritten += b.bytesWritten
    }
}
