import Foundation

/// Collects the valid rows of an employment or benefit file as they are read (person key and
/// flag bits) and turns them into `PersonFlags` at the end of the file.
///
/// Adding a row hashes its key and files the row, key included, under the top 8 bits of the
/// hash (256 groups, each a chain of small chunks): no table lookup per row. At the end the
/// distinct keys are found group by group, with a table the size of one group: a national
/// file's ~3M rows then meet ~100 KB of table at a time, read from chunks in order, instead
/// of missing the cache at random over ~100 MB for every row. The persons come out in group
/// order, which is also the order of the Arena table's slots (see `KeyTable`).
///
/// Filing rows as they come replaced a count-and-scatter pass at the end, which moved every
/// row and key once more and cost ~40 % of this step.
final class PersonFlagsBuilder {
    /// One row, 32 bytes: its key's hash, flag bits and the key itself when it has at most 16
    /// bytes (zero-padded, so two such keys are equal when both words and lengths are);
    /// a longer key lies in `long`, at the offset in `k0`.
    private struct Row {
        var hash: UInt64
        var k0: UInt64
        var k1: UInt64
        var keyLength: UInt8
        var bits: UInt8
    }

    private static let groupBits = 8
    private static let groupCount = 1 << groupBits
    /// Rows per chunk (16 KB).
    private static let chunkRows = 512

    private let pool = ScratchPool.shared
    // Unchecked: touched once per row, by the one thread that reads the file.
    /// Every chunk's rows, one slab after another (a slab is never moved once handed out).
    @exclusivity(unchecked) private var slabs: [Scratch<Row>] = []
    @exclusivity(unchecked) private var slabUsed = 0
    /// Chunks in the order they were started, and the group of each (`finish` walks them).
    @exclusivity(unchecked) private var chunks: [UnsafeMutablePointer<Row>] = []
    @exclusivity(unchecked) private var chunkGroup: [UInt8] = []
    /// Per group: its open (last) chunk and how many rows that chunk holds.
    private let open: UnsafeMutablePointer<UnsafeMutablePointer<Row>>
    private let fill: UnsafeMutablePointer<Int>
    /// Keys longer than 16 bytes, back to back.
    @exclusivity(unchecked) private var long: [UInt8] = []
    private let expected: Int

    /// Sized for about `expected` rows (it grows past that).
    init(expected: Int) {
        self.expected = max(expected, 1024)
        open = .allocate(capacity: Self.groupCount)
        fill = .allocate(capacity: Self.groupCount)
        // Every group starts "full", so that its first row opens a chunk.
        fill.initialize(repeating: Self.chunkRows, count: Self.groupCount)
        open.initialize(repeating: UnsafeMutablePointer(bitPattern: 64)!, count: Self.groupCount)
    }

    deinit {
        for s in slabs { pool.give(s) }
        open.deallocate()
        fill.deallocate()
    }

    /// Records a valid row of the person with key `p[0..<n]` (1-64 bytes), ORing in `bits`.
    @inline(__always)
    func add(_ p: UnsafePointer<UInt8>, _ n: Int, bits: UInt8) {
        let h = KeyTable.hash(p, n)
        let g = Int(truncatingIfNeeded: h >> UInt64(64 - Self.groupBits))
        if fill[g] == Self.chunkRows { openChunk(g) }
        let (k0, k1) = n <= 16 ? Self.words(p, n) : (storeLong(p, n), 0)
        (open[g] + fill[g]).initialize(to: Row(hash: h, k0: k0, k1: k1, keyLength: UInt8(truncatingIfNeeded: n), bits: bits))
        fill[g] &+= 1
    }

    /// Keeps a key of more than 16 bytes in `long`; returns its offset there.
    @inline(never)
    private func storeLong(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        defer { long.append(contentsOf: UnsafeBufferPointer(start: p, count: n)) }
        return UInt64(long.count)
    }

    /// The bytes `p[0..<n]` (n ≤ 16) as two little-endian words, zero-padded.
    @inline(__always)
    private static func words(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UInt64, UInt64) {
        let raw = UnsafeRawPointer(p)
        if n >= 8 {
            let k0 = raw.loadUnaligned(as: UInt64.self)
            // The last 8 bytes, shifted so that only bytes 8..<n remain (none when n == 8).
            let tail = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            let k1 = n == 8 ? 0 : UInt64(littleEndian: tail) >> UInt64(8 * (16 - n))
            return (UInt64(littleEndian: k0), k1)
        }
        var k0: UInt64 = 0
        for i in 0..<n { k0 |= UInt64(p[i]) << UInt64(8 * i) }
        return (k0, 0)
    }

    @inline(never)
    private func openChunk(_ g: Int) {
        if slabs.isEmpty || slabUsed + Self.chunkRows > slabs[slabs.count - 1].capacity {
            // The first slab fits the expected rows with room for every group's last, part-full
            // chunk; later ones are half as big again as all before.
            let before = slabs.reduce(0) { $0 + $1.capacity }
            let size = slabs.isEmpty ? expected + Self.groupCount * Self.chunkRows : max(before / 2, Self.chunkRows * 64)
            slabs.append(pool.take(Row.self, size))
            slabUsed = 0
        }
        let chunk = slabs[slabs.count - 1].pointer + slabUsed
        slabUsed += Self.chunkRows
        chunks.append(chunk)
        chunkGroup.append(UInt8(truncatingIfNeeded: g))
        open[g] = chunk
        fill[g] = 0
    }

    /// The persons of the rows added, with their flags ORed and their rows counted.
    func finish() -> PersonFlags {
        // Each group's chunks, in the order they were filled; all are full but its last.
        var chunkStart = [Int](repeating: 0, count: Self.groupCount + 1)
        for g in chunkGroup { chunkStart[Int(g) + 1] += 1 }
        for g in 0..<Self.groupCount { chunkStart[g + 1] += chunkStart[g] }
        let groupRows = (0..<Self.groupCount).map { g in
            chunkStart[g + 1] == chunkStart[g] ? 0 : (chunkStart[g + 1] - chunkStart[g] - 1) * Self.chunkRows + fill[g]
        }
        let n = groupRows.reduce(0, +)
        var byGroup = [UnsafeMutablePointer<Row>](repeating: UnsafeMutablePointer(bitPattern: 64)!, count: chunks.count)
        var at = chunkStart
        for (c, g) in zip(chunks, chunkGroup) {
            byGroup[at[Int(g)]] = c
            at[Int(g)] += 1
        }

        // A table for the largest group, at most half full; slots hold id + 1 (0: empty).
        let largest = groupRows.max() ?? 0
        var tableBits = 4
        while (1 << tableBits) < largest * 2 { tableBits += 1 }
        let slotBuffer = pool.take(UInt32.self, 1 << tableBits)
        // Per person: its first row, flags and row count.
        let firstBuffer = pool.take(UnsafeMutablePointer<Row>.self, n)
        let flagBuffer = pool.take(UInt8.self, n), countBuffer = pool.take(UInt32.self, n)
        let slots = slotBuffer.pointer, first = firstBuffer.pointer, flags = flagBuffer.pointer, counts = countBuffer.pointer
        defer { pool.give(slotBuffer); pool.give(firstBuffer); pool.give(flagBuffer); pool.give(countBuffer) }

        var distinct = 0, keyBytes = 0
        long.withUnsafeBufferPointer { long in
            for g in 0..<Self.groupCount where groupRows[g] > 0 {
                var bits = 4
                while (1 << bits) < groupRows[g] * 2 { bits += 1 }
                let mask = (1 << bits) - 1
                // Slot from the hash bits below the group's own.
                let shift = UInt64(64 - Self.groupBits - bits)
                slots.initialize(repeating: 0, count: 1 << bits)
                for k in chunkStart[g]..<chunkStart[g + 1] {
                    let chunk = byGroup[k]
                    let rows = k == chunkStart[g + 1] - 1 ? fill[g] : Self.chunkRows
                    for i in 0..<rows {
                        let r = chunk + i
                        var slot = Int(truncatingIfNeeded: r.pointee.hash >> shift) & mask
                        var id = -1
                        while true {
                            let v = slots[slot]
                            if v == 0 { break }
                            if Self.sameKey(first[Int(v) - 1], r, long) {
                                id = Int(v) - 1
                                break
                            }
                            slot = (slot + 1) & mask
                        }
                        if id < 0 {
                            id = distinct
                            distinct += 1
                            slots[slot] = UInt32(truncatingIfNeeded: distinct)
                            first[id] = r
                            flags[id] = 0
                            counts[id] = 0
                            keyBytes += Int(r.pointee.keyLength)
                        }
                        flags[id] |= r.pointee.bits
                        counts[id] &+= 1
                    }
                }
            }
        }

        // The result, each array written once where it lies.
        let bytes = [UInt8](unsafeUninitializedCapacity: keyBytes) { out, count in
            long.withUnsafeBufferPointer { long in
                var at = 0
                for id in 0..<distinct {
                    let r = first[id], length = Int(r.pointee.keyLength)
                    if length <= 16 {
                        withUnsafeBytes(of: (r.pointee.k0.littleEndian, r.pointee.k1.littleEndian)) { key in
                            KeyTable.copy(key.baseAddress!.assumingMemoryBound(to: UInt8.self), to: out.baseAddress! + at, length)
                        }
                    } else {
                        (out.baseAddress! + at).update(from: long.baseAddress! + Int(r.pointee.k0), count: length)
                    }
                    at += length
                }
            }
            count = keyBytes
        }
        let starts = [UInt32](unsafeUninitializedCapacity: distinct + 1) { out, count in
            var at = 0
            out[0] = 0
            for id in 0..<distinct {
                at += Int(first[id].pointee.keyLength)
                out[id + 1] = UInt32(truncatingIfNeeded: at)
            }
            count = distinct + 1
        }
        let hashes = [UInt64](unsafeUninitializedCapacity: distinct) { out, count in
            for id in 0..<distinct { out[id] = first[id].pointee.hash }
            count = distinct
        }
        let flagArray = [UInt8](UnsafeBufferPointer(start: flags, count: distinct))
        let countArray = [UInt32](UnsafeBufferPointer(start: counts, count: distinct))
        return PersonFlags(persons: KeyList(bytes: bytes, starts: starts, hashes: hashes), flags: flagArray, rowCounts: countArray)
    }

    /// Whether two rows hold the same key.
    @inline(__always)
    private static func sameKey(_ a: UnsafeMutablePointer<Row>, _ b: UnsafeMutablePointer<Row>, _ long: UnsafeBufferPointer<UInt8>) -> Bool {
        let x = a.pointee, y = b.pointee
        guard x.hash == y.hash && x.keyLength == y.keyLength else { return false }
        if x.keyLength <= 16 { return x.k0 == y.k0 && x.k1 == y.k1 }
        return memcmp(long.baseAddress! + Int(x.k0), long.baseAddress! + Int(y.k0), Int(x.keyLength)) == 0
    }
}
