/// Disjoint sets of indexes (cells that are one quantity, blanks tied by sums), each named by
/// its lowest member.
public struct UnionFind: Sendable {
    private var parent: [Int]

    public init(_ count: Int = 0) { parent = Array(0..<count) }

    public var count: Int { parent.count }

    /// A new set of one; its index.
    public mutating func add() -> Int {
        parent.append(parent.count)
        return parent.count - 1
    }

    /// The lowest member of `x`'s set (without shortening the paths).
    public func find(_ x: Int) -> Int {
        var r = x
        while parent[r] != r { r = parent[r] }
        return r
    }

    /// The same, shortening the paths on the way.
    public mutating func root(_ x: Int) -> Int {
        let r = find(x)
        var y = x
        while parent[y] != r { (parent[y], y) = (r, parent[y]) }
        return r
    }

    public mutating func join(_ a: Int, _ b: Int) {
        let (ra, rb) = (root(a), root(b))
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }
}
