/// The cells of the disclosure model with a union-find over them: cells that are one
/// quantity shown in several places (the exits beside each status, a control office in each
/// pair) become one unknown.
struct CellUnion {
    private(set) var values = [Int?]()
    private var parent = [Int]()

    mutating func add(_ value: Int?) -> Int {
        parent.append(parent.count)
        values.append(value)
        return parent.count - 1
    }

    /// The cell standing for `a`'s set (without shortening the paths).
    func find(_ a: Int) -> Int {
        var a = a
        while parent[a] != a { a = parent[a] }
        return a
    }

    mutating func root(_ a: Int) -> Int {
        var a = a
        while parent[a] != a {
            parent[a] = parent[parent[a]]
            a = parent[a]
        }
        return a
    }

    /// Joins two cells; a merged unknown is blank if any of its cells is (blanked before).
    mutating func merge(_ a: Int, _ b: Int) {
        let (ra, rb) = (root(a), root(b))
        guard ra != rb else { return }
        let (low, high) = (min(ra, rb), max(ra, rb))
        parent[high] = low
        if values[high] == nil { values[low] = nil }
    }

    /// The unknowns: a dense index per root, in the order the roots come, with their values.
    mutating func unknowns() -> (of: [Int], values: [Int?]) {
        var index = [Int](repeating: -1, count: parent.count), out = [Int?]()
        for cell in parent.indices where root(cell) == cell {
            index[cell] = out.count
            out.append(values[cell])
        }
        return (parent.indices.map { index[root($0)] }, out)
    }
}
