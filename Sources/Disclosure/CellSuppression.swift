import Catalogue

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
                let printed = { (i: Int) -> Int? in hidden[i] ? nil : counts[i] }
                if let next = Self.nextToBlank(total: sum.total, parts: sum.parts, limit: limit, printed: printed, order: { $0 }) {
                    hidden[next] = true
                    changed = true
                }
            }
        }
        return hidden
    }
}

extension CellSuppression {
    /// The secondary rule for one sum: the printed member to blank next, or nil when the sum
    /// gives nothing away (or has nothing left to blank). A sum gives away a lone blanked
    /// member; and, with its total printed, the blanked parts together (the total less the
    /// printed parts) when that comes to more than 0 but less than the limit (two blanked
    /// zeros beside 124 = 75 + 49). A sum of 0 only tells that the blanked cells are zeros
    /// and is let be, or every survival table's structural zeros of month 0 would blank the
    /// rest. The smallest printed part goes first (least lost; ties by `order`), else the total.
    /// `printed(c)`: the member's printed value, nil when blanked. Shared by the cross-table
    /// sums of `PlainComparisonLink`.
    static func nextToBlank<Cell, Key: Comparable>(total: Cell, parts: [Cell], limit: Int,
                                                   printed: (Cell) -> Int?, order: (Cell) -> Key) -> Cell? {
        var blanks = printed(total) == nil ? 1 : 0
        var visibleParts = [Cell](), printedSum = 0
        for p in parts {
            if let v = printed(p) { visibleParts.append(p); printedSum += v } else { blanks += 1 }
        }
        guard blanks > 0 else { return nil }
        var exposed = blanks == 1
        if !exposed, let t = printed(total) { exposed = t - printedSum > 0 && t - printedSum < limit }
        guard exposed else { return nil }
        if let next = visibleParts.min(by: { (printed($0)!, order($0)) < (printed($1)!, order($1)) }) { return next }
        return printed(total) == nil ? nil : total
    }
}
