import Extracts
/// What `SyntheticExtracts.write` generates.
public struct GeneratorOptions: Sendable, Equatable {
    /// Approximate number of persons registered in Arena (ARBS or NEDS) at the end of a
    /// month. The `aa` files hold about ten relationships per registered person.
    public var persons: Int
    /// First month written (1990 or later; 18 earlier months are simulated, not written).
    public var from: Month
    /// Last month written (inclusive).
    public var to: Month
    /// Seed of the generator's own pseudo-random numbers; same options → same bytes.
    public var seed: UInt64
    /// zlib compression level, 0-9 (or -1 for zlib's default).
    public var compressionLevel: Int32
    /// Persons in the background workforce (never in Arena) per registered person; 8.4 gives
    /// the national ratio of about ten `aa` rows per registered person. Small sample sets use less.
    public var workforcePerPerson: Double = 8.4

    public init(persons: Int = 3000,
                from: Month = Month(year: 2020, month: 11),
                to: Month = Month(year: 2024, month: 2),
                seed: UInt64 = 1,
                compressionLevel: Int32 = 6) {
        self.persons = persons
        self.from = from
        self.to = to
        self.seed = seed
        self.compressionLevel = compressionLevel
    }

    /// Throws a `GeneratorError` for options that cannot be generated.
    func validate() throws {
        guard persons >= 1 else { throw GeneratorError("persons must be at least 1 (got \(persons))") }
        guard persons <= 50_000_000 else { throw GeneratorError("persons must be at most 50000000 (got \(persons))") }
        guard (1...12).contains(from.month), (1...12).contains(to.month) else {
            throw GeneratorError("month out of range 1-12 in \(from) / \(to)")
        }
        guard from.year >= 1990, to.year <= 2200 else { throw GeneratorError("years must lie in 1990-2200") }
        guard from <= to else { throw GeneratorError("from (\(from)) is after to (\(to))") }
        guard workforcePerPerson >= 0 && workforcePerPerson <= 100 else {
            throw GeneratorError("workforcePerPerson must lie in 0-100 (got \(workforcePerPerson))")
        }
        guard (-1...9).contains(compressionLevel) else {
            throw GeneratorError("compressionLevel must be -1 or 0-9 (got \(compressionLevel))")
        }
    }
}
