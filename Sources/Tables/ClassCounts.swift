/// Counts of the four headline classes per cell of a table, cells numbered in table order.
///
/// Kept in one flat array when the cells are few enough (every single breakdown), else only
/// for the cells that occur (a crossing of two large attributes, e.g. office × measure, has
/// more possible cells than exits). Both read out the occurring cells in ascending order.
struct ClassCounts {
    private static let classes = 4
    /// Above this many possible cells the counts are kept sparsely (16 MB of dense counts).
    static let denseLimit = 1 << 22

    private var dense: [Int32]
    private var slots: [Int: Int] = [:]
    private var sparse: [Int] = []
    private let isDense: Bool

    init(cells: Int, denseLimit: Int = ClassCounts.denseLimit) {
        isDense = cells <= denseLimit / Self.classes
        dense = isDense ? [Int32](repeating: 0, count: cells * Self.classes) : []
    }

    @inline(__always) mutating func add(cell: Int, class c: Int) {
        if isDense {
            dense[cell * Self.classes + c] += 1
        } else {
            let slot = slots[cell] ?? {
                sparse.append(contentsOf: repeatElement(0, count: Self.classes))
                slots[cell] = sparse.count / Self.classes - 1
                return sparse.count / Self.classes - 1
            }()
            sparse[slot * Self.classes + c] += 1
        }
    }

    /// Each cell with a count, in ascending order, with its four counts.
    func forEachCell(_ body: (_ cell: Int, _ counts: [Int]) -> Void) {
        if isDense {
            for cell in 0..<(dense.count / Self.classes) {
                let base = cell * Self.classes
                guard dense[base..<(base + Self.classes)].contains(where: { $0 != 0 }) else { continue }
                body(cell, dense[base..<(base + Self.classes)].map(Int.init))
            }
        } else {
            for (cell, slot) in slots.sorted(by: { $0.key < $1.key }) {
                body(cell, Array(sparse[(slot * Self.classes)..<((slot + 1) * Self.classes)]))
            }
        }
    }
}
