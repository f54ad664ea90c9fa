/// The persons of one employment or benefit file with one byte of flags each (employed at
/// month end; or the `Benefit` bit mask) and how many valid rows each had.
///
/// Keyed by person key, not by run-wide number, so that a parsed file depends on itself
/// alone (and can be cached by its checksum); the panel links it to the Arena persons.
/// Built by `PersonFlagsBuilder`: persons are numbered by the top 8 bits of their keys'
/// hashes, then by first appearance in the file.
public struct PersonFlags: Sendable, Equatable {
    public var persons = KeyList()
    public var flags: [UInt8] = []
    public var rowCounts: [UInt32] = []

    public init() {}

    public init(persons: KeyList, flags: [UInt8], rowCounts: [UInt32]) {
        self.persons = persons
        self.flags = flags
        self.rowCounts = rowCounts
    }

    public var count: Int { flags.count }

    /// The persons `ids`, in that order, with their flags and row counts.
    public func subset(_ ids: [Int]) -> PersonFlags {
        PersonFlags(persons: persons.subset(ids), flags: ids.map { flags[$0] }, rowCounts: ids.map { rowCounts[$0] })
    }
}
