/// Month-major lists (who had what in a month) turned person-major (each person's months in
/// order), as the panel stores them; added to an existing person-major store, so that a
/// nightly run appends its new month without redoing the others.
enum PersonMajor {
    /// One month's entries: at most one per person.
    struct Column<T: Sendable>: Sendable {
        var month: UInt16
        var persons: [UInt32]
        var values: [T]
    }

    /// A person-major store: `start` over the persons (one more than there are), each person's
    /// months and values from `start[p]` on.
    typealias Merged<T> = (start: [UInt32], months: [UInt16], values: [T])

    /// `base` (person-major, `start` over its persons) with `columns` added, for `personCount`
    /// persons (the base's first); the columns' months come after the base's, in order.
    static func merge<T: Sendable>(start: [UInt32], months: [UInt16], values: [T], adding columns: [Column<T>],
                         personCount: Int, empty: T) -> Merged<T> {
        let baseCount = start.count - 1
        var newStart = [UInt32](repeating: 0, count: personCount + 1)
        for p in 0..<baseCount { newStart[p + 1] = start[p + 1] - start[p] }
        for column in columns { for p in column.persons { newStart[Int(p) + 1] += 1 } }
        for p in 0..<personCount { newStart[p + 1] += newStart[p] }
        let total = Int(newStart[personCount])
        var outMonths = [UInt16](repeating: 0, count: total)
        var outValues = [T](repeating: empty, count: total)
        var cursor = [UInt32](newStart.dropLast())
        outMonths.withUnsafeMutableBufferPointer { om in
            outValues.withUnsafeMutableBufferPointer { ov in
                months.withUnsafeBufferPointer { bm in
                    values.withUnsafeBufferPointer { bv in
                        for p in 0..<baseCount {
                            let lo = Int(start[p]), n = Int(start[p + 1]) - lo, at = Int(newStart[p])
                            guard n > 0 else { continue }   // (an empty store has no base address)
                            (om.baseAddress! + at).update(from: bm.baseAddress! + lo, count: n)
                            (ov.baseAddress! + at).update(from: bv.baseAddress! + lo, count: n)
                            cursor[p] += UInt32(n)
                        }
                    }
                }
                for column in columns {
                    for (p, v) in zip(column.persons, column.values) {
                        let at = Int(cursor[Int(p)])
                        om[at] = column.month
                        ov[at] = v
                        cursor[Int(p)] += 1
                    }
                }
            }
        }
        return (newStart, outMonths, outValues)
    }
}
