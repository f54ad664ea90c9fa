/// What reading one extract found: sizes, checksum and row counts, for the manifest.
public struct FileStats: Sendable, Codable, Equatable {
    public var file: String
    public var kind: String
    public var month: String
    public var bytes: Int = 0
    public var sha256: String = ""
    public var gzipMembers: Int = 0
    /// Data rows (the header and blank lines not counted).
    public var rowsRead: Int = 0
    /// Rows set aside in the quarantine file.
    public var rowsSetAside: Int = 0
    /// Valid employment/benefit rows of persons not in Arena by the file's month (not kept).
    public var rowsNotInArena: Int = 0
    /// Valid employment rows of relationships not active on any day of the file's month
    /// (registered ahead of their start, or ended before the month): never employment then.
    public var rowsOutsideMonth: Int = 0
    /// Empty lines, skipped (they hold no row to lose).
    public var blankLines: Int = 0

    public init(file: ExtractFile) {
        self.file = file.name
        kind = file.kind.rawValue
        month = file.month.description
    }

    /// Set-aside rows as a share of rows read.
    public var setAsideShare: Double { rowsRead == 0 ? 0 : Double(rowsSetAside) / Double(rowsRead) }
}
