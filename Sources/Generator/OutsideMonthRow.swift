/// Relationships listed in a month they are not active in, as real Aa deliveries hold about
/// one row in a thousand: registered ahead of their start, or ended before the month and
/// corrected late (extracts.md: valid rows, never employment that month). Drawn by hash, not
/// from the simulation's random stream, and never employment, so every table of a generated
/// set is the same with or without them.
enum OutsideMonthRow {
    /// About one such row per `rate` relationship rows.
    static let rate: UInt64 = 1000

    /// Appends, when `hash` picks it, a row of relationship `relationship` of the person whose
    /// key `personKey` writes, at employer `employer`, outside the month `first...last` (day
    /// numbers). Returns the number of rows appended (0 or 1).
    @inline(__always)
    static func append(_ out: inout RowBuffer, hash: UInt64, relationship: Int, employer: Int, first: Int, last: Int,
                       personKey: (inout RowBuffer) -> Void) -> Int {
        guard hash % rate == 0 else { return 0 }
        let h = Mix.finalize(hash)
        out.relationshipKey(relationship)
        out.sep()
        personKey(&out)
        out.sep()
        BackgroundWorkforce.orgnr(&out, employer)
        out.sep()
        out.append(Words.source[0])
        out.sep()
        if h & 1 == 0 {
            // Registered ahead: starts up to two months after the month, still open.
            out.date(last + 1 + Int((h >> 8) % 60))
            out.sep()
        } else {
            // Ended before the month, reported late.
            let end = first - 1 - Int((h >> 8) % 90)
            out.date(end - Int((h >> 24) % 700))
            out.sep()
            out.date(end)
        }
        out.sep()
        out.append(Words.positionSizes[0])
        out.endRow()
        return 1
    }
}
