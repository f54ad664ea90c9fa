/// Ascending ids (persons) stored as LEB128 gaps: about one byte an id where the ids are a
/// tenth or more of all persons, as a month's employment and benefit facts are, against four
/// as `[UInt32]`. The facts of every month are held this way until the panel is assembled.
struct AscendingIDs: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0
    private var last = -1

    /// Adds `id`, which must be greater than every id added before.
    mutating func append(_ id: Int) {
        precondition(id > last, "ids must ascend")
        var gap = UInt(id - last - 1)
        while gap >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: gap) | 0x80)
            gap >>= 7
        }
        bytes.append(UInt8(gap))
        last = id
        count += 1
    }

    /// Calls `body` with each id, in order.
    func forEach(_ body: (Int) -> Void) {
        var id = -1, i = 0
        while i < bytes.count {
            var gap = 0, shift = 0
            while bytes[i] & 0x80 != 0 {
                gap |= Int(bytes[i] & 0x7F) << shift
                shift += 7
                i += 1
            }
            gap |= Int(bytes[i]) << shift
            i += 1
            id += gap + 1
            body(id)
        }
    }
}
