import Foundation

/// Collects the valid rows of an employment or benefit file as they are read (person key and
/// flag bits) and turns them into `PersonFlags` at the end of the file.
///
/// Adding a row only hashes the key and appends: no table lookup per row. At the end the rows
/// are grouped by the top bits of their key's hash (one counting pass and one scatter), and
/// the distinct keys found group by group with a table whose slots those same bits choose: a
/// national file's ~3M rows then meet a few kilobytes of the table at a time instead of
/// missing the cache at random over ~100 MB for every row. The persons come out in hash
/// order, which is also how the Arena table places them (see `KeyTable`).
final class PersonFlagsBuilder {
    /// One row: its key's hash, where its key lies, its length and flag bits.
    private struct Row {
        var hash: UInt64
        var keyStart: UInt32
        var keyLength: UInt8
        var bits: UInt8
    }

    private let pool = ScratchPool.shared
    // Unchecked: touched once per row, by the one thread that reads the file.
    @exclusivity(unchecked) private var rowBuffer: Scratch<Row>
    @exclusivity(unchecked) private var rows: UnsafeMutablePointer<Row>
    @exclusivity(unchecked) private var rowCapacity: Int
    @exclusivity(unchecked) private var rowCount = 0
    @exclusivity(unchecked) private var keyBuffer: Scratch<UInt8>
    @exclusivity(unchecked) private var keys: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var keyCapacity: Int
    @exclusivity(unchecked) private var keyCount = 0

    /// Sized for about `expected` rows (it grows past that).
    init(expected: Int) {
        rowBuffer = pool.take(Row.self, max(expected, 1024))
        rows = rowBuffer.pointer
        rowCapacity = rowBuffer.capacity
        keyBuffer = pool.take(UInt8.self, rowCapacity * 12)
        keys = keyBuffer.pointer
        keyCapacity = keyBuffer.capacity
    }

    deinit {
        pool.give(rowBuffer)
        pool.give(keyBuffer)
    }

    /// Records a valid row of the person with key `p[0..<n]` (1-64 bytes), ORing in `bits`.
    @inline(__always)
    func add(_ p: UnsafePointer<UInt8>, _ n: Int, bits: UInt8) {
        if rowCount == rowCapacity { growRows() }
        if keyCount &+ n > keyCapacity { growKeys(n) }
        (keys + keyCount).update(from: p, count: n)
        rows[rowCount] = Row(hash: KeyTable.hash(p, n), keyStart: UInt32(truncatingIfNeeded: keyCount), keyLength: UInt8(truncatingIfNeeded: n), bits: bits)
        keyCount &+= n
        rowCount &+= 1
    }

    private func growRows() {
        let bigger = pool.take(Row.self, rowCapacity * 2)
        bigger.pointer.update(from: rows, count: rowCount)
        pool.give(rowBuffer)
        rowBuffer = bigger
        rows = bigger.pointer
        rowCapacity = bigger.capacity
    }

    private func growKeys(_ n: Int) {
        // Key offsets are 32-bit, as in `KeyTable`.
        precondition(keyCount + n <= Int(UInt32.max), "more than 4 GB of person keys in one file")
        let bigger = pool.take(UInt8.self, min(max(keyCapacity * 2, keyCount + n), Int(UInt32.max)))
        bigger.pointer.update(from: keys, count: keyCount)
        pool.give(keyBuffer)
        keyBuffer = bigger
        keys = bigger.pointer
        keyCapacity = min(bigger.capacity, Int(UInt32.max))
    }

    /// The persons of the rows added, with their flags ORed and their rows counted.
    func finish() -> PersonFlags {
        let n = rowCount
        let slotBits = KeyTable.slotBits(for: n)
        let shift = UInt64(64 - slotBits)
        // Group by the top `groupBits` bits of the hash (the slots' own top bits).
        let groupBits = min(slotBits, 11)
        let groupShift = UInt64(64 - groupBits)
        let groups = 1 << groupBits
        var nextRow = [Int](repeating: 0, count: groups + 1)
        var nextByte = [Int](repeating: 0, count: groups + 1)
        for i in 0..<n {
            let g = Int(truncatingIfNeeded: rows[i].hash >> groupShift)
            nextRow[g + 1] += 1
            nextByte[g + 1] += Int(rows[i].keyLength)
        }
        for g in 0..<groups {
            nextRow[g + 1] += nextRow[g]
            nextByte[g + 1] += nextByte[g]
        }
        // Scatter rows and their key bytes into group order, so that the rest reads both in order.
        let groupedBuffer = pool.take(Row.self, n), groupedKeysBuffer = pool.take(UInt8.self, keyCount)
        let grouped = groupedBuffer.pointer, groupedKeys = groupedKeysBuffer.pointer
        for i in 0..<n {
            var r = rows[i]
            let g = Int(truncatingIfNeeded: r.hash >> groupShift)
            (groupedKeys + nextByte[g]).update(from: keys + Int(r.keyStart), count: Int(r.keyLength))
            r.keyStart = UInt32(truncatingIfNeeded: nextByte[g])
            nextByte[g] += Int(r.keyLength)
            grouped[nextRow[g]] = r
            nextRow[g] += 1
        }

        // The distinct keys: `ids[i]` is row i's person, `first[id]` the first row of person id.
        let slotCount = 1 << slotBits, mask = slotCount - 1
        let slotBuffer = pool.take(UInt32.self, slotCount), idBuffer = pool.take(UInt32.self, n), firstBuffer = pool.take(UInt32.self, n)
        let slots = slotBuffer.pointer, ids = idBuffer.pointer, first = firstBuffer.pointer
        defer {
            pool.give(groupedBuffer); pool.give(groupedKeysBuffer)
            pool.give(slotBuffer); pool.give(idBuffer); pool.give(firstBuffer)
        }
        slots.initialize(repeating: 0, count: slotCount)
        var distinct = 0, keyBytes = 0
        for i in 0..<n {
            let r = grouped[i]
            let key = groupedKeys + Int(r.keyStart), length = Int(r.keyLength)
            var slot = Int(truncatingIfNeeded: r.hash >> shift)
            var id = -1
            while true {
                let v = slots[slot]
                if v == 0 { break }
                let other = grouped[Int(first[Int(v) - 1])]
                if other.hash == r.hash && Int(other.keyLength) == length
                    && memcmp(groupedKeys + Int(other.keyStart), key, length) == 0 {
                    id = Int(v) - 1
                    break
                }
                slot = (slot + 1) & mask
            }
            if id < 0 {
                id = distinct
                distinct += 1
                slots[slot] = UInt32(truncatingIfNeeded: distinct)
                first[id] = UInt32(truncatingIfNeeded: i)
                keyBytes += length
            }
            ids[i] = UInt32(truncatingIfNeeded: id)
        }

        // The result, each array written once where it lies.
        let bytes = [UInt8](unsafeUninitializedCapacity: keyBytes) { out, count in
            var at = 0
            for id in 0..<distinct {
                let r = grouped[Int(first[id])]
                (out.baseAddress! + at).update(from: groupedKeys + Int(r.keyStart), count: Int(r.keyLength))
                at += Int(r.keyLength)
            }
            count = keyBytes
        }
        let starts = [UInt32](unsafeUninitializedCapacity: distinct + 1) { out, count in
            var at = 0
            out[0] = 0
            for id in 0..<distinct {
                at += Int(grouped[Int(first[id])].keyLength)
                out[id + 1] = UInt32(truncatingIfNeeded: at)
            }
            count = distinct + 1
        }
        let hashes = [UInt64](unsafeUninitializedCapacity: distinct) { out, count in
            for id in 0..<distinct { out[id] = grouped[Int(first[id])].hash }
            count = distinct
        }
        var flags = [UInt8](repeating: 0, count: distinct)
        var counts = [UInt32](repeating: 0, count: distinct)
        flags.withUnsafeMutableBufferPointer { flags in
            counts.withUnsafeMutableBufferPointer { counts in
                for i in 0..<n {
                    let id = Int(ids[i])
                    flags[id] |= grouped[i].bits
                    counts[id] += 1
                }
            }
        }
        return PersonFlags(persons: KeyList(bytes: bytes, starts: starts, hashes: hashes), flags: flags, rowCounts: counts)
    }
}
