import Foundation

/// Turns byte-string keys (person keys, measure codes) into dense integers 0, 1, 2, …
///
/// Hand-written rather than `Dictionary<String, Int>` because ingest looks up one key per
/// row of every extract: this table hashes the bytes where they lie in the read buffer,
/// makes no `String` and no allocation per lookup, and stores all keys in one byte array.
/// A value type: a finished table can be shared read-only by parsing threads.
public struct KeyTable: Sendable, Equatable {
    /// All keys' bytes, back to back.
    private var bytes: [UInt8] = []
    /// Start of key i in `bytes`; key i ends where key i+1 starts (`starts.count == count + 1`).
    private var starts: [UInt32] = [0]
    private var hashes: [UInt32] = []
    /// Open addressing: slot holds id + 1, 0 = empty.
    private var slots: [UInt32]
    private var mask: Int

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
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
        hashes.reserveCapacity(n)
        bytes.withUnsafeBufferPointer { b in
            for id in 0..<n {
                let s = Int(starts[id]), e = Int(starts[id + 1])
                let h = KeyTable.hash(b.baseAddress! + s, e - s)
                hashes.append(UInt32(truncatingIfNeeded: h >> 32))
                var slot = Int(truncatingIfNeeded: h) & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = UInt32(id + 1)
            }
        }
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
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
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

    @inline(__always)
    private func matches(_ id: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let s = Int(starts[id]), e = Int(starts[id + 1])
        guard e - s == n else { return false }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + s, p, n) == 0 }
    }

    /// The id of the key, or nil.
    @inline(__always)
    public func find(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        let h = KeyTable.hash(p, n)
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let v = slots[slot]
            if v == 0 { return nil }
            let id = Int(v - 1)
            if hashes[id] == tag && matches(id, p, n) { return id }
            slot = (slot + 1) & mask
        }
    }

    /// The id of the key, adding it if new; `isNew` tells which.
    @inline(__always)
    public mutating func insert(_ p: UnsafePointer<UInt8>, _ n: Int) -> (id: Int, isNew: Bool) {
        let h = KeyTable.hash(p, n)
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let v = slots[slot]
            if v == 0 { break }
            let id = Int(v - 1)
            if hashes[id] == tag && matches(id, p, n) { return (id, false) }
            slot = (slot + 1) & mask
        }
        let id = hashes.count
        hashes.append(tag)
        bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        starts.append(UInt32(bytes.count))
        slots[slot] = UInt32(id + 1)
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

    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = [UInt32](repeating: 0, count: size)
        let newMask = size - 1
        bytes.withUnsafeBufferPointer { b in
            for id in 0..<hashes.count {
                let s = Int(starts[id]), e = Int(starts[id + 1])
                let h = KeyTable.hash(b.baseAddress! + s, e - s)
                var slot = Int(truncatingIfNeeded: h) & newMask
                while newSlots[slot] != 0 { slot = (slot + 1) & newMask }
                newSlots[slot] = UInt32(id + 1)
            }
        }
        slots = newSlots
        mask = newMask
    }
}
