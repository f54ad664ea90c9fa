import Crypto

/// A SHA-256 over person keys in the order they were added: names a set of Arena persons
/// (as numbered up to a month), so that a form filtered to that set is used only with it.
public struct KeySetDigest: @unchecked Sendable {
    private var hash = SHA256()

    public init() {}

    public mutating func add(_ key: UnsafePointer<UInt8>, _ count: Int) {
        // The length first, so that keys cannot run into one another.
        var n = UInt8(truncatingIfNeeded: count)
        withUnsafeBytes(of: &n) { hash.update(bufferPointer: $0) }
        hash.update(bufferPointer: UnsafeRawBufferPointer(start: key, count: count))
    }

    /// The digest so far, as hex (the state goes on).
    public var hex: String { hash.finalize().map { String(format: "%02x", $0) }.joined() }
}
