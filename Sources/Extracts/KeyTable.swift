import Foundation

/// Turns byte-string keys (person keys, measure codes) into dense integers 0, 1, 2, …
///
/// Hand-written rather than `Dictionary<String, Int>` because ingest looks up one key per
/// row of every extract: this table hashes the bytes where they lie in the read buffer,
/// makes no `String` and no allocation per lookup, and stores all keys in one byte array.
/// A value type: a finished table can be shared read-only by parsing threads.
///
/// A key's slot is taken from the top bits of its 64-bit hash, which is kept per key: keys
/// visited by the top bits of their hash (how `PersonFlagsBuilder` numbers them: 256 groups,
/// first appearance within a group) touch the slots front to back, 1/256 of them at a time,
/// so looking up all of a file's persons (`KeyList`) stays in cache instead of missing it on
/// every key, and does not hash them again.
public struct KeyTable: Sendable, Equatable {
    /// All keys' bytes, back to back.
    private var bytes: [UInt8] = []
    /// Start of key i in `bytes`; key i ends where key i+1 starts (`starts.count == count + 1`).
    private var starts: [UInt32] = [0]
    /// The hash of each key.
    private var hashes: [UInt64] = []
    /// Open addressing: slot holds id + 1 in its low 32 bits (0 = empty) and the low 32 bits
    /// of the key's hash above them, so that a probe that meets another key is told apart
    /// without reading that key's hash or bytes elsewhere in memory (most employment persons
    /// looked up are not in the Arena table: a miss then reads the slots alone).
    private var slots: [UInt64]
    /// The home slot of hash h is h >> shift (the top log2(slots.count) bits).
    private var shift: Int

    public init(capacity: Int = 1024) {
        let bits = KeyTable.slotBits(for: capacity)
        slots = Array(repeating: 0, count: 1 << bits)
        shift = 64 - bits
    }

    /// log2 of the slot count for `capacity` keys (at most half full).
    static func slotBits(for capacity: Int) -> Int {
        var bits = 4
        while (1 << bits) < capacity * 2 { bits += 1 }
        return bits
    }

    public var count: Int { hashes.count }

    /// The table's storage (all keys' bytes, and where each starts), for caching.
    public var storage: (bytes: [UInt8], starts: [UInt32]) { (bytes, starts) }

    /// Whether `storage` read back from disk is consistent: starts at 0, never decreasing,
    /// ending at the byte count, keys of 1-64 bytes (so rebuilding cannot index out of range).
    public static func isValidStorage(bytes: [UInt8], starts: [UInt32]) -> Bool {
        guard let first = starts.first, first == 0, Int(starts.last!) == bytes.count else { return false }
        for i in 1..<starts.count {
            let n = Int(starts[i]) - Int(starts[i - 1])
            if n < 1 || n > 64 { return false }
        }
        return true
    }

    /// Rebuilds a table from `storage` (the hash index is rebuilt, not stored); the storage
    /// must pass `isValidStorage`.
    public init(bytes: [UInt8], starts: [UInt32]) {
        precondition(KeyTable.isValidStorage(bytes: bytes, starts: starts), "inconsistent key storage")
        self.init(capacity: max(16, starts.count))
        self.bytes = bytes
        self.starts = starts
        let n = starts.count - 1
        let mask = slots.count - 1, sh = UInt64(shift)
        var hashes = [UInt64](repeating: 0, count: n)
        var slots = self.slots
        self.slots = []   // one owner: no copy on write
        bytes.withUnsafeBufferPointer { b in
            for id in 0..<n {
                let s = Int(starts[id]), e = Int(starts[id + 1])
                let h = KeyTable.hash(b.baseAddress! + s, e - s)
                hashes[id] = h
                var slot = Int(truncatingIfNeeded: h >> sh)
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = KeyTable.slotValue(id, h)
            }
        }
        self.hashes = hashes
        self.slots = slots
    }

    /// The bytes of key `id`.
    public func key(_ id: Int) -> ArraySlice<UInt8> {
        bytes[Int(starts[id])..<Int(starts[id + 1])]
    }

    public func keyString(_ id: Int) -> String { String(decoding: key(id), as: UTF8.self) }

    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        // A fast multiply-mix over 8-byte words; keys are short tokens.
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 8 <= n {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                w |= UInt64(p[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ w) &* 0x94D0_49BB_1331_11EB
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
    }

    /// Whether `a[0..<n]` and `b[0..<n]` are equal: keys of up to 16 bytes (nearly all) in two
    /// overlapping word compares, which a call to `memcmp` costs more than.
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        if n >= 8 && n <= 16 {
            return ra.loadUnaligned(as: UInt64.self) == rb.loadUnaligned(as: UInt64.self)
                && ra.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == rb.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        }
        return memcmp(a, b, n) == 0
    }

    /// Copies key bytes `from[0..<n]` to `to` (not overlapping): keys of 8-16 bytes in two
    /// overlapping word moves instead of a call to `memmove`.
    @inline(__always)
    static func copy(_ from: UnsafePointer<UInt8>, to: UnsafeMutablePointer<UInt8>, _ n: Int) {
        if n >= 8 && n <= 16 {
            let src = UnsafeRawPointer(from), dst = UnsafeMutableRawPointer(to)
            let head = src.loadUnaligned(as: UInt64.self), tail = src.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            dst.storeBytes(of: head, as: UInt64.self)
            dst.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
        } else {
            to.update(from: from, count: n)
        }
    }

    @inline(__always)
    private func matches(_ id: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let s = Int(starts[id]), e = Int(starts[id + 1])
        guard e - s == n else { return false }
        return bytes.withUnsafeBufferPointer { KeyTable.equal($0.baseAddress! + s, p, n) }
    }

    /// The id of the key whose hash is `h`, or nil.
    @inline(__always)
    public func find(_ p: UnsafePointer<UInt8>, _ n: Int, hash h: UInt64) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: h >> UInt64(shift))
        while true {
            let v = slots[slot]
            if v == 0 { return nil }
            let id = Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: v)) - 1
            if v >> 32 == h & 0xFFFF_FFFF && hashes[id] == h && matches(id, p, n) { return id }
            slot = (slot + 1) & mask
        }
    }

    /// The id of the key, or nil.
    @inline(__always)
    public func find(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        find(p, n, hash: KeyTable.hash(p, n))
    }

    /// The id here of key `id` of `other`, or nil (its stored hash is used, not recomputed).
    @inline(__always)
    public func find(keyOf id: Int, in other: KeyList) -> Int? {
        let h = other.hashes[id]
        return other.withKey(id) { find($0, $1, hash: h) }
    }

    /// The id of the key, adding it if new; `isNew` tells which.
    @inline(__always)
    public mutating func insert(_ p: UnsafePointer<UInt8>, _ n: Int) -> (id: Int, isNew: Bool) {
        let h = KeyTable.hash(p, n)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: h >> UInt64(shift))
        while true {
            let v = slots[slot]
            if v == 0 { break }
            let id = Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: v)) - 1
            if v >> 32 == h & 0xFFFF_FFFF && hashes[id] == h && matches(id, p, n) { return (id, false) }
            slot = (slot + 1) & mask
        }
        let id = hashes.count
        hashes.append(h)
        bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        starts.append(UInt32(bytes.count))
        slots[slot] = KeyTable.slotValue(id, h)
        if hashes.count * 2 > slots.count { grow() }
        return (id, true)
    }

    /// Calls `body` with the bytes of key `id`, without copying them.
    @inline(__always)
    public func withKey<R>(_ id: Int, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        let s = Int(starts[id]), e = Int(starts[id + 1])
        return bytes.withUnsafeBufferPointer { body($0.baseAddress! + s, e - s) }
    }

    public mutating func insert(_ key: some Collection<UInt8>) -> (id: Int, isNew: Bool) {
        let array = Array(key)
        return array.withUnsafeBufferPointer { insert($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
    }

    public func find(_ key: some Collection<UInt8>) -> Int? {
        let array = Array(key)
        return array.withUnsafeBufferPointer { find($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
    }

    /// What a slot holds for key `id` with hash `h`.
    @inline(__always)
    private static func slotValue(_ id: Int, _ h: UInt64) -> UInt64 { (h & 0xFFFF_FFFF) << 32 | UInt64(id + 1) }

    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = [UInt64](repeating: 0, count: size)
        let newMask = size - 1, newShift = shift - 1
        for id in 0..<hashes.count {
            var slot = Int(truncatingIfNeeded: hashes[id] >> UInt64(newShift))
            while newSlots[slot] != 0 { slot = (slot + 1) & newMask }
            newSlots[slot] = KeyTable.slotValue(id, hashes[id])
        }
        slots = newSlots
        shift = newShift
    }
}
