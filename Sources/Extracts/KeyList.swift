/// Byte-string keys in a fixed order, each with its hash (`KeyTable.hash`), and no index.
///
/// An employment or benefit file's persons: they are only ever looked up in another table
/// (the Arena persons, `KeyTable.find(keyOf:in:)`, which uses the stored hash), so an index
/// of their own would be ~30 MB per national file built and never read.
public struct KeyList: Sendable, Equatable {
    /// All keys' bytes, back to back.
    public private(set) var bytes: [UInt8]
    /// Start of key i in `bytes`; key i ends where key i+1 starts (`starts.count == count + 1`).
    public private(set) var starts: [UInt32]
    /// The hash of each key.
    public private(set) var hashes: [UInt64]

    public init() {
        bytes = []
        starts = [0]
        hashes = []
    }

    /// Finished parts (`PersonFlagsBuilder`): hashes[i] must be the hash of key i.
    init(bytes: [UInt8], starts: [UInt32], hashes: [UInt64]) {
        self.bytes = bytes
        self.starts = starts
        self.hashes = hashes
    }

    /// Keys read back from `storage` (the hashes are computed again); the storage must pass
    /// `KeyTable.isValidStorage`.
    public init(bytes: [UInt8], starts: [UInt32]) {
        precondition(KeyTable.isValidStorage(bytes: bytes, starts: starts), "inconsistent key storage")
        let n = starts.count - 1
        let hashes = [UInt64](unsafeUninitializedCapacity: n) { out, count in
            bytes.withUnsafeBufferPointer { b in
                for i in 0..<n {
                    let s = Int(starts[i])
                    out[i] = KeyTable.hash(b.baseAddress! + s, Int(starts[i + 1]) - s)
                }
            }
            count = n
        }
        self.init(bytes: bytes, starts: starts, hashes: hashes)
    }

    public var count: Int { hashes.count }

    /// The keys `ids` (ascending or not), in that order, with their hashes.
    public func subset(_ ids: [Int]) -> KeyList {
        var bytes = [UInt8](), starts: [UInt32] = [0]
        starts.reserveCapacity(ids.count + 1)
        for i in ids {
            bytes.append(contentsOf: key(i))
            starts.append(UInt32(bytes.count))
        }
        return KeyList(bytes: bytes, starts: starts, hashes: ids.map { hashes[$0] })
    }

    /// The keys' storage (all keys' bytes, and where each starts), for caching.
    public var storage: (bytes: [UInt8], starts: [UInt32]) { (bytes, starts) }

    /// The bytes of key `i`.
    public func key(_ i: Int) -> ArraySlice<UInt8> { bytes[Int(starts[i])..<Int(starts[i + 1])] }

    /// Calls `body` with the bytes of key `i`, without copying them.
    @inline(__always)
    public func withKey<R>(_ i: Int, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        let s = Int(starts[i]), e = Int(starts[i + 1])
        return bytes.withUnsafeBufferPointer { body($0.baseAddress! + s, e - s) }
    }
}
