/// A parsed `ytelse_YYYYMM` file: per person in the file, the benefits received at month
/// end (a `Benefit` bit mask; the same receipt listed twice counts once) and the row count.
/// Keyed by person key, so that it depends on this file alone (see `EmploymentExtract`).
public struct BenefitExtract: Sendable {
    public let file: ExtractFile
    public var stats: FileStats
    /// Every person with a valid row in the file; flags: the `Benefit` bit mask.
    public var people = PersonFlags()

    static let benefitCodes = Benefit.byteTable

    public static func read(_ file: ExtractFile, quarantine: Quarantine) throws -> BenefitExtract {
        var reader = ExtractReader(file: file)
        let people = PersonFlagsBuilder(expected: expectedRows(file))
        var parser = Parser(people: .passUnretained(people))
        try withExtendedLifetime(people) { try reader.read(quarantine: quarantine, into: &parser) }
        var out = BenefitExtract(file: file, stats: reader.stats)
        out.people = people.finish()
        return out
    }

    /// The checks of one row, and the persons seen so far.
    struct Parser: RowParser {
        /// Unmanaged: `read` keeps the builder alive. Even an `unowned(unsafe)` reference is
        /// retained and released around each call, which cost ~4 % of a national ingest.
        let people: Unmanaged<PersonFlagsBuilder>

        @inline(__always)
        mutating func parse(_ row: RowView) -> String? {
            let (pid, pidN) = row.value(0)
            guard FieldRules.isToken(pid, pidN) else { return "person_id: not a key of 1-64 characters A-Z a-z 0-9 _ -" }
            let (yt, ytN) = row.value(1)
            guard let benefit = Benefit.match(yt, ytN, in: BenefitExtract.benefitCodes) else {
                return "ytelse: unknown code \(FieldRules.quote(yt, ytN))"
            }
            let (gr, grN) = row.value(2)
            if grN > 0 && FieldRules.integer(gr, grN, in: 0...100) == nil {
                return "grad: \(FieldRules.quote(gr, grN)) is not a whole number from 0 to 100"
            }
            people._withUnsafeGuaranteedRef { $0.add(pid, pidN, bits: benefit.bit) }
            return nil
        }
    }

    public init(file: ExtractFile, stats: FileStats) {
        self.file = file
        self.stats = stats
    }
}
