/// A parsed `ytelse_YYYYMM` file: the benefits each Arena person received at month end.
public struct BenefitExtract: Sendable {
    public let file: ExtractFile
    public var stats: FileStats
    /// Run-wide person ids, one per kept row (a person with several benefits repeats).
    public var persons: [UInt32] = []
    /// `Benefit.bit` of the row's benefit; OR-ing a person's rows gives the month's mask, so
    /// the same receipt listed twice counts once.
    public var benefits: [UInt8] = []

    static let benefitCodes = Benefit.byteTable

    public static func read(_ file: ExtractFile, persons table: KeyTable, quarantine: Quarantine) throws -> BenefitExtract {
        var reader = ExtractReader(file: file)
        var out = BenefitExtract(file: file, stats: reader.stats)
        var notInArena = 0
        try reader.read(quarantine: quarantine) { row in
            let (pid, pidN) = row.value(0)
            guard FieldRules.isToken(pid, pidN) else { return "person_id: not a key of 1-64 characters A-Z a-z 0-9 _ -" }
            let (yt, ytN) = row.value(1)
            guard let benefit = Benefit.match(yt, ytN, in: Self.benefitCodes) else {
                return "ytelse: unknown code \(FieldRules.quote(yt, ytN))"
            }
            let (gr, grN) = row.value(2)
            if grN > 0 && FieldRules.integer(gr, grN, in: 0...100) == nil {
                return "grad: \(FieldRules.quote(gr, grN)) is not a whole number from 0 to 100"
            }
            guard let person = table.find(pid, pidN) else {
                notInArena += 1
                return nil
            }
            out.persons.append(UInt32(person))
            out.benefits.append(benefit.bit)
            return nil
        }
        out.stats = reader.stats
        out.stats.rowsNotInArena = notInArena
        return out
    }

    private init(file: ExtractFile, stats: FileStats) {
        self.file = file
        self.stats = stats
    }
}
