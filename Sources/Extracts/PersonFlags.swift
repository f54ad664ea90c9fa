/// The persons of one employment or benefit file with one byte of flags each (employed at
/// month end; or the `Benefit` bit mask) and how many valid rows each had.
///
/// Keyed by person key, not by run-wide number, so that a parsed file depends on itself
/// alone (and can be cached by its checksum); the panel links it to the Arena persons.
public struct PersonFlags: Sendable, Equatable {
    public var persons = KeyTable(capacity: 1 << 12)
    public var flags: [UInt8] = []
    public var rowCounts: [UInt32] = []

    public init() {}

    /// Sized for about `expected` persons, so that a national file does not grow its table
    /// (and rehash every key) twenty times.
    public init(expected: Int) {
        persons = KeyTable(capacity: max(1 << 10, expected))
        flags.reserveCapacity(expected)
        rowCounts.reserveCapacity(expected)
    }

    public init(persons: KeyTable, flags: [UInt8], rowCounts: [UInt32]) {
        self.persons = persons
        self.flags = flags
        self.rowCounts = rowCounts
    }

    /// Records a valid row of the person and ORs `bits` into the person's flags.
    @inline(__always)
    mutating func add(_ p: UnsafePointer<UInt8>, _ n: Int, bits: UInt8) {
        let (id, isNew) = persons.insert(p, n)
        if isNew {
            flags.append(0)
            rowCounts.append(0)
        }
        flags[id] |= bits
        rowCounts[id] += 1
    }

    public var count: Int { flags.count }
}
