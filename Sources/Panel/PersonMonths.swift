import Extracts

/// Walks one person's months forward from a given month, one month at a time: the row and
/// the facts of each month in O(1), for following a spell or an exit month by month.
public struct PersonMonths {
    // The four columns it reads, not the whole panel: a walk is made per spell and event, and
    // copying the panel retained every one of its arrays each time.
    @usableFromInline let rowMonths: [UInt16]
    @usableFromInline let rowCells: [ArenaRow]
    @usableFromInline let factMonths: [UInt16]
    @usableFromInline let facts: [UInt8]
    @usableFromInline var r: Int
    @usableFromInline let rowEnd: Int
    @usableFromInline var f: Int
    @usableFromInline let factEnd: Int

    /// Positioned at `month`: the next calls ask for `month` or later, in ascending order.
    @inlinable public init(_ panel: Panel, person: Int, from month: Int) {
        (rowMonths, rowCells, factMonths, facts) = (panel.rowMonths, panel.rowCells, panel.factMonths, panel.facts)
        let rows = panel.rows(of: person), facts = panel.facts(of: person)
        r = Panel.firstAtOrAfter(month, in: rows, of: panel.rowMonths)
        rowEnd = rows.upperBound
        f = Panel.firstAtOrAfter(month, in: facts, of: panel.factMonths)
        factEnd = facts.upperBound
    }

    /// The row in `month` (`.none` when there is none); months must not go back.
    @inlinable public mutating func row(_ month: Int) -> ArenaRow {
        while r < rowEnd && Int(rowMonths[r]) < month { r += 1 }
        return r < rowEnd && Int(rowMonths[r]) == month ? rowCells[r] : .none
    }

    /// The fact bits at the end of `month` (0 when none); months must not go back.
    @inlinable public mutating func fact(_ month: Int) -> UInt8 {
        while f < factEnd && Int(factMonths[f]) < month { f += 1 }
        return f < factEnd && Int(factMonths[f]) == month ? facts[f] : 0
    }
}
