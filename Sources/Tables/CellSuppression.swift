/// Small-cell suppression over counts that are tied together by sums (a row's parts add up
/// to its total, pairs add up to the pooled groups).
///
/// Primary: a count below the limit is blanked (zeros included: the limit is on what may be
/// printed, and a printed 0 next to a blanked cell can give it away). Secondary: wherever a
/// sum has exactly one blanked member, that member could be recovered by subtraction, so the
/// smallest visible part (least information lost), or else the total, is blanked too; and
/// likewise where the blanked members together (the printed total less the printed parts)
/// come to more than 0 but less than the limit. This repeats until no sum gives away a
/// blanked member or a small sum of them (a sum of 0 tells only that its blanked cells are
/// zeros, which is let be). (The classic greedy rule; it does not look
/// for the least suppression overall, and it protects the sums it is told about only.)
public struct CellSuppression: Sendable {
    /// `total` = the sum of `parts` (indexes into the counts).
    public struct Sum: Sendable, Equatable {
        public var total: Int
        public var parts: [Int]
        public init(total: Int, parts: [Int]) {
            self.total = total
            self.parts = parts
        }
    }

    /// Counts below this are blanked; 0 means no suppression.
    public let limit: Int

    public init(limit: Int) {
        self.limit = limit
    }

    /// Which counts to blank. A nil count was blanked before (e.g. in a table read back from
    /// a run that had a limit) and stays blank; it takes part in the secondary rule as blanked.
    public func hidden(_ counts: [Int?], sums: [Sum]) -> [Bool] {
        var hidden = counts.map { count in count.map { limit > 0 && $0 < limit } ?? true }
        guard hidden.contains(true) else { return hidden }
        var changed = true
        while changed {
            changed = false
            for sum in sums {
                let blanks = (sum.parts + [sum.total]).lazy.filter({ hidden[$0] }).count
                guard blanks > 0 else { continue }
                let visibleParts = sum.parts.filter { !hidden[$0] }
                // With the total printed, the blanked parts together are the total less the
                // printed parts: below the limit (e.g. two blanked zeros beside 124 = 75 + 49),
                // that small sum is itself given away.
                var exposed = blanks == 1
                if !exposed, !hidden[sum.total], let total = counts[sum.total] {
                    let printed = visibleParts.reduce(0) { $0 + (counts[$1] ?? 0) }
                    // (A sum of 0 only tells that the blanked cells are zeros; it is let be, or
                    // every survival table's structural zeros of month 0 would blank the rest.)
                    exposed = total - printed > 0 && total - printed < limit
                }
                guard exposed else { continue }
                let smallest = visibleParts.min { (counts[$0] ?? 0, $0) < (counts[$1] ?? 0, $1) }
                if let next = smallest ?? (hidden[sum.total] ? nil : sum.total) {
                    hidden[next] = true
                    changed = true
                }
            }
        }
        return hidden
    }
}
