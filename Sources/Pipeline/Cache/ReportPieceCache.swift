import Crypto
import Foundation
import Report

/// The deflated pieces of the last run's workbook, kept in the cache (one entry) so that the
/// next run deflates only the pieces that changed (`DeflateMemo`). Each piece is known by the
/// SHA-256 of its form (zlib's version, the level, whether it ends its part) and its bytes: a
/// piece is reused only where deflating it again would give the same bytes. The entry is replaced by
/// each run with the pieces that run used, so it holds one workbook's worth (~1.4 MB at mid
/// scale); its payload is checksummed like every entry, and a damaged one is not read.
final class ReportPieceCache: DeflateMemo, @unchecked Sendable {
    static let kind = "report-pieces"
    static let key = "last"

    private let cache: ExtractCache
    private let lock = NSLock()
    private var stored: [[UInt8]: [UInt8]] = [:]
    private var used: [[UInt8]: [UInt8]] = [:]

    init(cache: ExtractCache) {
        self.cache = cache
        guard case .found(var r) = cache.load(Self.kind, Self.key), let count = r.u32() else { return }
        var pieces = [[UInt8]: [UInt8]]()
        for _ in 0..<count {
            guard let digest = r.bytes(SHA256Digest.byteCount), let length = r.u32(),
                  let bytes = r.bytes(Int(length)) else { return }
            pieces[digest] = bytes
        }
        stored = pieces
    }

    func deflated(_ piece: UnsafeRawBufferPointer, form: String, deflate: () throws -> [UInt8]) throws -> [UInt8] {
        var hash = SHA256()
        hash.update(data: Array((form + "\n").utf8))
        hash.update(bufferPointer: piece)
        let digest = Array(hash.finalize())
        let bytes = try lock.withLock { stored[digest] } ?? deflate()
        lock.withLock { used[digest] = bytes }
        return bytes
    }

    /// Replaces the entry with the pieces of this run's workbook.
    func save() {
        let pieces = lock.withLock { used }
        guard !pieces.isEmpty else { return }
        var w = BinaryWriter()
        w.u32(UInt32(pieces.count))
        for (digest, bytes) in pieces.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            w.bytes(digest)
            w.u32(UInt32(bytes.count))
            w.bytes(bytes)
        }
        cache.store(Self.kind, Self.key, w)
    }
}
