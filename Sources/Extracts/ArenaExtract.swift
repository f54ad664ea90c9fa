/// A parsed `arena_YYYYMM` file: one `ArenaRow` per person registered at month end.
///
/// Person keys and measure codes are numbered within the file (`persons`, `measures`);
/// the panel maps them to run-wide numbers once per file, not once per row.
public struct ArenaExtract: Sendable, RowParser {
    public let file: ExtractFile
    public var stats: FileStats
    /// The file's person keys; key i is the person of `rows[i]`.
    public var persons = KeyTable(capacity: 1 << 12)
    public var rows: [ArenaRow] = []
    /// The file's measure codes; `ArenaRow.tiltak` is an id here plus one.
    public var measures = KeyTable(capacity: 64)

    /// Measure codes are stored in 16 bits (0 = none).
    public static let maxMeasureCodes = Int(UInt16.max) - 1

    static let statusCodes = Hovedstatus.byteTable
    static let needCodes = Innsatsgruppe.byteTable
    static let educationCodes = Utdanning.byteTable
    static let immigrantCodes = Innvandrer.byteTable

    /// Reads and validates the file; rows that break `extracts.md` go to `quarantine`.
    public static func read(_ file: ExtractFile, quarantine: Quarantine) throws -> ArenaExtract {
        var reader = ExtractReader(file: file)
        var out = ArenaExtract(file: file, stats: reader.stats)
        try reader.read(quarantine: quarantine, into: &out)
        out.stats = reader.stats
        return out
    }

    public init(file: ExtractFile, stats: FileStats) {
        self.file = file
        self.stats = stats
    }

    /// Checks one row and keeps it (`RowParser`).
    public mutating func parse(_ row: RowView) -> String? {
        let (pid, pidN) = row.value(0)
        guard FieldRules.isToken(pid, pidN) else { return "person_id: not a key of 1-64 characters A-Z a-z 0-9 _ -" }
        let (hs, hsN) = row.value(1)
        guard let status = Hovedstatus.match(hs, hsN, in: Self.statusCodes) else {
            return "hovedstatus: unknown code \(FieldRules.quote(hs, hsN))"
        }
        let (ig, igN) = row.value(2)
        var need: Innsatsgruppe?
        if igN > 0 {
            guard let n = Innsatsgruppe.match(ig, igN, in: Self.needCodes) else {
                return "innsatsgruppe: unknown code \(FieldRules.quote(ig, igN))"
            }
            need = n
        }
        let (en, enN) = row.value(3)
        guard let enhet = FieldRules.digits(en, enN, count: 4) else { return "enhet: \(FieldRules.quote(en, enN)) is not 4 digits" }
        let (fy, fyN) = row.value(4)
        var fylke: Int?
        if fyN > 0 {
            guard let f = FieldRules.digits(fy, fyN, count: 2) else { return "fylke: \(FieldRules.quote(fy, fyN)) is not 2 digits" }
            fylke = f
        }
        let (tk, tkN) = row.value(5)
        var tiltak: UInt16 = 0
        if tkN > 0 {
            guard FieldRules.isCode(tk, tkN) else {
                return "tiltak: \(FieldRules.quote(tk, tkN)) is not a measure code (1-32 characters A-Z 0-9 _, the first a letter)"
            }
            if measures.count >= ArenaExtract.maxMeasureCodes && measures.find(tk, tkN) == nil {
                return "tiltak: more than \(ArenaExtract.maxMeasureCodes) different measure codes in one file"
            }
        }
        let (al, alN) = row.value(6)
        guard let alder = FieldRules.integer(al, alN, in: 15...80) else {
            return "alder: \(FieldRules.quote(al, alN)) is not a whole number from 15 to 80"
        }
        let (kj, kjN) = row.value(7)
        guard kjN == 1, kj[0] == 0x4B || kj[0] == 0x4D else { return "kjonn: \(FieldRules.quote(kj, kjN)) is not K or M" }
        let (ut, utN) = row.value(8)
        var education: Utdanning?
        if utN > 0 {
            guard let e = Utdanning.match(ut, utN, in: Self.educationCodes) else {
                return "utdanning: unknown code \(FieldRules.quote(ut, utN))"
            }
            education = e
        }
        let (iv, ivN) = row.value(9)
        var immigrant: Innvandrer?
        if ivN > 0 {
            guard let i = Innvandrer.match(iv, ivN, in: Self.immigrantCodes) else {
                return "innvandrer: \(FieldRules.quote(iv, ivN)) is not J, N or empty"
            }
            immigrant = i
        }
        let (pe, peN) = row.value(10)
        guard peN == 1, pe[0] == 0x4A || pe[0] == 0x4E else { return "permittert: \(FieldRules.quote(pe, peN)) is not J or N" }

        guard persons.insert(pid, pidN).isNew else { return "a second arena row for the same person in this file" }
        // Measure codes are numbered only for rows that are kept.
        if tkN > 0 { tiltak = UInt16(measures.insert(tk, tkN).id + 1) }
        rows.append(ArenaRow(hovedstatus: status, innsatsgruppe: need, enhet: enhet, fylke: fylke, tiltak: tiltak,
                             alder: alder, male: kj[0] == 0x4D, utdanning: education, innvandrer: immigrant,
                             permittert: pe[0] == 0x4A))
        return nil
    }
}
