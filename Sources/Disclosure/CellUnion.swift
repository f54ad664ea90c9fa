import LinearAudit

/// The cells of the disclosure model, in sets of cells that are one quantity shown in several
/// places (the exits beside each status, a control office in each pair): each set becomes one
/// unknown.
struct CellUnion {
    private(set) var values = [Int?]()
    private var sets = UnionFind()

    mutating func add(_ value: Int?) -> Int {
        values.append(value)
        return sets.add()
    }

    func find(_ a: Int) -> Int { sets.find(a) }

    /// Joins two cells; a merged unknown is blank if any of its cells is (blanked before).
    mutating func merge(_ a: Int, _ b: Int) {
        let (ra, rb) = (sets.root(a), sets.root(b))
        guard ra != rb else { return }
        sets.join(ra, rb)
        if values[max(ra, rb)] == nil { values[min(ra, rb)] = nil }
    }

    /// The unknowns: a dense index per set, in the order of their lowest cells, with their values.
    mutating func unknowns() -> (of: [Int], values: [Int?]) {
        var index = [Int](repeating: -1, count: sets.count), out = [Int?]()
        for cell in 0..<sets.count where sets.root(cell) == cell {
            index[cell] = out.count
            out.append(values[cell])
        }
        return ((0..<sets.count).map { index[sets.root($0)] }, out)
    }
}
