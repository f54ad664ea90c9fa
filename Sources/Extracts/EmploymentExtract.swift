/// A parsed `aa_YYYYMM` file, reduced to what §2 reads: per person in the file, whether any
/// listed relationship covered the last day of the month, and how many rows the person had.
///
/// Keyed by person key (not by run-wide number) so that the parsed form depends on this
/// file alone and can be cached by its checksum. A relationship listed twice changes
/// nothing: "employed" is whether any listed relationship covers the last day.
public struct EmploymentExtract: Sendable {
    public let file: ExtractFile
    public var stats: FileStats
    /// Every person with a valid row in the file; flag 1 when employed at month end.
    public var people = PersonFlags()

    /// Reads and validates the file.
    public static func read(_ file: ExtractFile, quarantine: Quarantine) throws -> EmploymentExtract {
        var reader = ExtractReader(file: file)
        let people = PersonFlagsBuilder(expected: expectedRows(file))
        var parser = Parser(people: .passUnretained(people), firstDay: file.month.firstDay, lastDay: file.month.lastDay)
        try withExtendedLifetime(people) { try reader.read(quarantine: quarantine, into: &parser) }
        var out = EmploymentExtract(file: file, stats: reader.stats)
        out.stats.rowsOutsideMonth = parser.outsideMonth
        out.people = people.finish()
        return out
    }

    /// The checks of one row, and the persons seen so far.
    struct Parser: RowParser {
        /// Unmanaged: `read` keeps the builder alive. Even an `unowned(unsafe)` reference is
        /// retained and released around each call, which cost ~4 % of a national ingest.
        let people: Unmanaged<PersonFlagsBuilder>
        let firstDay: Day, lastDay: Day
        /// Valid rows of relationships not active on any day of the month (extracts.md).
        var outsideMonth = 0

        @inline(__always)
        mutating func parse(_ row: RowView) -> String? {
            let (pid, pidN) = row.value(0)
            guard FieldRules.isToken(pid, pidN) else { return "person_id: not a key of 1-64 characters A-Z a-z 0-9 _ -" }
            let (af, afN) = row.value(1)
            guard FieldRules.isToken(af, afN) else { return "arbeidsforhold_id: not a key of 1-64 characters A-Z a-z 0-9 _ -" }
            let (org, orgN) = row.value(2)
            guard orgN == 9 && FieldRules.isDigits(org, orgN) else { return "orgnr: \(FieldRules.quote(org, orgN)) is not 9 digits" }
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
            // Registered ahead of its start, or ended before the month and corrected late: a
            // valid row that is never employment this month (§2 tests the dates), only counted.
            if start > lastDay || end.map({ $0 < firstDay }) == true { outsideMonth += 1 }

            people._withUnsafeGuaranteedRef { $0.add(pid, pidN, bits: start <= lastDay && (end.map { $0 >= lastDay } ?? true) ? 1 : 0) }
            return nil
        }
    }

    public init(file: ExtractFile, stats: FileStats) {
        self.file = file
        self.stats = stats
    }
}
