import Extracts
import Panel

extension ExitSet {
    /// The Arena row of each exit's person in its exit month, in exit order.
    ///
    /// Gathered once for all tables: the exits lie spread over the whole panel, so each
    /// lookup is a cache miss, and the cohort breakdowns and comparisons would otherwise
    /// pay it again for every table.
    public func rows(in panel: Panel) -> [ArenaRow] {
        exits.map { panel.row(Int($0.person), Int($0.month)) }
    }
}
