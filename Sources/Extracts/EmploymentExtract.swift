/// A parsed `aa_YYYYMM` file, reduced to what §2 reads: which Arena persons were employed
/// on the last day of the month.
///
/// A relationship listed twice changes nothing here: "employed" is whether any listed
/// relationship covers the last day, so keeping one copy or both gives the same answer.
public struct EmploymentExtract: Sendable {
    public let file: ExtractFile
    public var stats: FileStats
    /// Run-wide ids (in the Arena person table) of persons employed at month end; may repeat.
    public var employed: [UInt32] = []

    /// Reads and validates the file. `persons` is the run's Arena person table: rows of
    /// anyone else are validated, counted and dropped.
    public static func read(_ file: ExtractFile, persons: KeyTable, quarantine: Quarantine) throws -> EmploymentExtract {
        var reader = ExtractReader(file: file)
        var out = EmploymentExtract(file: file, stats: reader.stats)
        let firstDay = file.month.firstDay, lastDay = file.month.lastDay
        var notInArena = 0
        try reader.read(quarantine: quarantine) { row in
            let (pid, pidN) = row.value(0)
            guard FieldRules.isToken(pid, pidN) else { return "person_id: not a key of 1-64 characters A-Z a-z 0-9 _ -" }
            let (af, afN) = row.value(1)
            guard FieldRules.isToken(af, afN) else { return "arbeidsforhold_id: not a key of 1-64 characters A-Z a-z 0-9 _ -" }
            let (org, orgN) = row.value(2)
            guard FieldRules.digits(org, orgN, count: 9) != nil else { return "orgnr: \(FieldRules.quote(org, orgN)) is not 9 digits" }
            let (sd, sdN) = row.value(3)
            guard let start = FieldRules.date(sd, sdN) else { return "startdato: \(FieldRules.quote(sd, sdN)) is not a date YYYY-MM-DD" }
            let (ed, edN) = row.value(4)
            var end: Day?
            if edN > 0 {
                guard let e = FieldRules.date(ed, edN) else { return "sluttdato: \(FieldRules.quote(ed, edN)) is not a date YYYY-MM-DD" }
                guard start <= e else { return "sluttdato \(e) is before startdato \(start)" }
                end = e
            }
            let (sp, spN) = row.value(5)
            if spN > 0 && !FieldRules.isPercentage(sp, spN) {
                return "stillingsprosent: \(FieldRules.quote(sp, spN)) is not a number from 0 to 100"
            }
            // The file lists relationships active on some day of its month.
            if start > lastDay { return "startdato \(start) is after the file's month" }
            if let end, end < firstDay { return "sluttdato \(end) is before the file's month" }

            guard let person = persons.find(pid, pidN) else {
                notInArena += 1
                return nil
            }
            if end.map({ $0 >= lastDay }) ?? true { out.employed.append(UInt32(person)) }
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
