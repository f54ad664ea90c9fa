import Foundation

/// Collects the valid rows of an employment or benefit file as they are read (person key and
/// flag bits) and turns them into `PersonFlags` at the end of the file.
///
/// Adding a row only hashes the key and appends: no table lookup per row. At the end the rows
/// are grouped by the top bits of their key's hash (one counting pass and one scatter), then
/// each group is merged into the person table, whose slots those same bits choose: a national
/// file's ~3M rows then meet a few kilobytes of the table at a time instead of missing the
/// cache at random over ~100 MB for every row. The persons come out numbered in hash order.
final class PersonFlagsBuilder {
    /// One row: its key's hash, where its key lies in `keys`, its length and flag bits.
    private struct Row {
        var hash: UInt64
        var keyStart: UInt32
        var keyLength: UInt8
        var bits: UInt8
    }

    // Unchecked: touched once per row, by the one thread that reads the file.
    @exclusivity(unchecked) private var rows: UnsafeMutablePointer<Row>
    @exclusivity(unchecked) private var rowCapacity: Int
    @exclusivity(unchecked) private var rowCount = 0
    @exclusivity(unchecked) private var keys: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var keyCapacity: Int
    @exclusivity(unchecked) private var keyCount = 0

    /// Sized for about `expected` rows (it grows past that).
    init(expected: Int) {
        rowCapacity = max(expected, 1024)
        keyCapacity = rowCapacity * 12
        rows = .allocate(capacity: rowCapacity)
        keys = .allocate(capacity: keyCapacity)
    }

    deinit {
        rows.deallocate()
        keys.deallocate()
    }

    /// Records a valid row of the person with key `p[0..<n]` (1-64 bytes), ORing in `bits`.
    @inline(__always)
    func add(_ p: UnsafePointer<UInt8>, _ n: Int, bits: UInt8) {
        if rowCount == rowCapacity { growRows() }
        if keyCount + n > keyCapacity { growKeys(n) }
        (keys + keyCount).update(from: p, count: n)
        rows[rowCount] = Row(hash: KeyTable.hash(p, n), keyStart: UInt32(keyCount), keyLength: UInt8(n), bits: bits)
        keyCount += n
        rowCount += 1
    }

    private func growRows() {
        let bigger = UnsafeMutablePointer<Row>.allocate(capacity: rowCapacity * 2)
        bigger.moveInitialize(from: rows, count: rowCount)
        rows.deallocate()
        rows = bigger
        rowCapacity *= 2
    }

    private func growKeys(_ n: Int) {
        // Key offsets are 32-bit, as in `KeyTable`.
        precondition(keyCount + n <= Int(UInt32.max), "more than 4 GB of person keys in one file")
        let capacity = min(max(keyCapacity * 2, keyCount + n), Int(UInt32.max))
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        bigger.moveInitialize(from: keys, count: keyCount)
        keys.deallocate()
        keys = bigger
        keyCapacity = capacity
    }

    /// The persons of the rows added, with their flags ORed and their rows counted.
    func finish() -> PersonFlags {
        let n = rowCount
        let slotBits = KeyTable.slotBits(for: n)
        let shift = 64 - slotBits
        // Group by the top `groupBits` bits of the hash (the slots' own top bits).
        let groupBits = min(slotBits, 11)
        let groupShift = UInt64(64 - groupBits)
        let groups = 1 << groupBits
        var firstRow = [Int](repeating: 0, count: groups + 1)
        var firstByte = [Int](repeating: 0, count: groups + 1)
        for i in 0..<n {
            let g = Int(truncatingIfNeeded: rows[i].hash >> groupShift)
            firstRow[g + 1] += 1
            firstByte[g + 1] += Int(rows[i].keyLength)
        }
        for g in 0..<groups {
            firstRow[g + 1] += firstRow[g]
            firstByte[g + 1] += firstByte[g]
        }
        // Scatter rows and their key bytes into group order, so that the merge reads both in order.
        let grouped = UnsafeMutablePointer<Row>.allocate(capacity: max(n, 1))
        let groupedKeys = UnsafeMutablePointer<UInt8>.allocate(capacity: max(keyCount, 1))
        defer {
            grouped.deallocate()
            groupedKeys.deallocate()
        }
        var nextRow = firstRow, nextByte = firstByte
        for i in 0..<n {
            var r = rows[i]
            let g = Int(truncatingIfNeeded: r.hash >> groupShift)
            (groupedKeys + nextByte[g]).update(from: keys + Int(r.keyStart), count: Int(r.keyLength))
            r.keyStart = UInt32(nextByte[g])
            nextByte[g] += Int(r.keyLength)
            grouped[nextRow[g]] = r
            nextRow[g] += 1
        }

        // Merge into the table: distinct keys, in group order (built in plain buffers, then
        // copied once into arrays: cheaper than five checked appends per key).
        let slotCount = 1 << slotBits, mask = slotCount - 1
        let slots = UnsafeMutablePointer<UInt32>.allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        let hashes = UnsafeMutablePointer<UInt64>.allocate(capacity: max(n, 1))
        let starts = UnsafeMutablePointer<UInt32>.allocate(capacity: n + 1)
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(keyCount, 1))
        let flags = UnsafeMutablePointer<UInt8>.allocate(capacity: max(n, 1))
        let counts = UnsafeMutablePointer<UInt32>.allocate(capacity: max(n, 1))
        defer {
            for buffer in [UnsafeMutableRawPointer(slots), UnsafeMutableRawPointer(hashes), UnsafeMutableRawPointer(starts),
                           UnsafeMutableRawPointer(bytes), UnsafeMutableRawPointer(flags), UnsafeMutableRawPointer(counts)] {
                buffer.deallocate()
            }
        }
        var distinct = 0, used = 0
        starts[0] = 0
        for i in 0..<n {
            let r = grouped[i]
            let key = groupedKeys + Int(r.keyStart), length = Int(r.keyLength)
            var slot = Int(truncatingIfNeeded: r.hash >> UInt64(shift))
            var found = -1
            while true {
                let v = slots[slot]
                if v == 0 { break }
                let id = Int(v - 1)
                if hashes[id] == r.hash {
                    let s = Int(starts[id])
                    if Int(starts[id + 1]) - s == length && memcmp(bytes + s, key, length) == 0 {
                        found = id
                        break
                    }
                }
                slot = (slot + 1) & mask
            }
            if found < 0 {
                found = distinct
                distinct += 1
                slots[slot] = UInt32(found + 1)
                hashes[found] = r.hash
                (bytes + used).update(from: key, count: length)
                used += length
                starts[found + 1] = UInt32(used)
                flags[found] = 0
                counts[found] = 0
            }
            flags[found] |= r.bits
            counts[found] += 1
        }
        let table = KeyTable(bytes: Array(UnsafeBufferPointer(start: bytes, count: used)),
                             starts: Array(UnsafeBufferPointer(start: starts, count: distinct + 1)),
                             hashes: Array(UnsafeBufferPointer(start: hashes, count: distinct)),
                             slots: Array(UnsafeBufferPointer(start: slots, count: slotCount)), shift: shift)
        return PersonFlags(persons: table, flags: Array(UnsafeBufferPointer(start: flags, count: distinct)),
                           rowCounts: Array(UnsafeBufferPointer(start: counts, count: distinct)))
    }
}
