import Panel

/// The values of a breakdown that occur, in the order tables list them: age groups and
/// durations by key (their own order), other values by their label's bytes (codes are
/// fixed-width). Each value gets its rank in that order, so that counts can be kept in
/// arrays indexed by rank and read out in table order without sorting rows.
struct BreakdownValueOrder {
    /// The keys that occur, in table order, and their labels as written.
    let keys: [Int]
    let labels: [String]
    /// The rank of each key (`Breakdown.key`) in `keys`; -1 for a key that does not occur.
    private let ranks: [Int32]

    init(_ breakdown: Breakdown, keys occurring: [Int], panel: Panel) {
        var seen = [Bool](repeating: false, count: (occurring.max() ?? -1) + 1)
        for key in occurring { seen[key] = true }
        let present = seen.indices.filter { seen[$0] }
        let labelled = present.map { (key: $0, label: breakdown.label($0, panel: panel)) }
        // Equal labels (none today) fall back to key order, so the order never depends on chance.
        let sorted = breakdown.ordersByKey ? labelled : labelled.sorted { a, b in
            a.label == b.label ? a.key < b.key : a.label.utf8.lexicographicallyPrecedes(b.label.utf8)
        }
        keys = sorted.map(\.key)
        labels = sorted.map(\.label)
        var ranks = [Int32](repeating: -1, count: seen.count)
        for (rank, key) in keys.enumerated() { ranks[key] = Int32(rank) }
        self.ranks = ranks
    }

    var count: Int { keys.count }

    /// The rank of a key that occurs.
    @inline(__always) func rank(_ key: Int) -> Int { Int(ranks[key]) }
}
