/// A count out of a total: exits with a status among all exits of a cell.
public struct Proportion: Sendable, Equatable {
    public var count: Int
    public var total: Int

    public init(_ count: Int, of total: Int) {
        precondition(count >= 0 && count <= total, "count must lie in 0...total")
        self.count = count
        self.total = total
    }

    /// The share as a fraction; nil when the total is 0.
    public var share: Double? { total == 0 ? nil : Double(count) / Double(total) }

    /// The share in percent; nil when the total is 0. Computed as (100·count)/total, one rounding.
    public var percent: Double? { total == 0 ? nil : Double(100 * count) / Double(total) }

    /// The binomial variance of the share, p(1-p)/n; nil when the total is 0.
    public var variance: Double? {
        guard let p = share else { return nil }
        return p * (1 - p) / Double(total)
    }
}
