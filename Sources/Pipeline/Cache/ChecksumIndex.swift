import Foundation
import Extracts
/// The cache's record of which SHA-256 each input file (by path) had, and its file.
///
/// The file is `magic, version, count, records…, CRC-32 of all that`; each record holds its
/// own path. A file whose CRC does not match (a flipped byte, records swapped or cut) is
/// discarded whole: every file is then read and hashed again, nothing in it is trusted.
struct ChecksumIndex {
    struct Record: Equatable {
        var stamp: FileStamp
        var sha256: String
    }

    /// Not `.bin`: the index is not an entry, and is never pruned as one.
    static let fileName = "checksums.index"
    /// The index of earlier versions (no ctime or device, no checksum): not trusted, removed.
    static let formerFileName = "index.json"
    static let magic: [UInt8] = Array("OVGI".utf8)
    /// Bumped whenever a record changes layout or meaning (an index of another version is
    /// rebuilt, silently).
    static let version: UInt32 = 1

    var records: [String: Record] = [:]

    /// Why an index file was not used.
    enum LoadFailure: Error, Equatable {
        /// Written by another version of the index: rebuilt without a word.
        case otherVersion
        /// Its checksum or layout is wrong.
        case damaged
    }

    /// The bytes of the index file.
    func encoded() -> [UInt8] {
        var w = BinaryWriter()
        w.bytes(Self.magic)
        w.u32(Self.version)
        w.u64(UInt64(records.count))
        for (path, r) in records.sorted(by: { $0.key < $1.key }) {
            w.string(path)
            let s = r.stamp
            for v in [s.size, s.modifiedSeconds, s.modifiedNanoseconds, s.changedSeconds, s.changedNanoseconds] {
                w.u64(UInt64(bitPattern: v))
            }
            w.u64(s.inode)
            w.u64(s.device)
            w.string(r.sha256)
        }
        var bytes = w.data
        let sum = CacheEntry.crc(bytes)
        withUnsafeBytes(of: sum.littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// The index in `bytes`, or why it is not to be used.
    static func decode(_ bytes: [UInt8]) -> Result<ChecksumIndex, LoadFailure> {
        guard bytes.count >= 4 else { return .failure(.damaged) }
        let content = Array(bytes.dropLast(4))
        var tail = BinaryReader(Array(bytes.suffix(4)))
        guard tail.u32() == CacheEntry.crc(content) else { return .failure(.damaged) }
        var r = BinaryReader(content)
        guard r.bytes(4) == magic, let version = r.u32() else { return .failure(.damaged) }
        guard version == Self.version else { return .failure(.otherVersion) }
        guard let count = r.u64(), count <= UInt64(content.count) else { return .failure(.damaged) }
        var index = ChecksumIndex()
        for _ in 0..<count {
            guard let path = r.string(), let size = r.u64(), let ms = r.u64(), let mn = r.u64(), let cs = r.u64(),
                  let cn = r.u64(), let inode = r.u64(), let device = r.u64(), let sha = r.string(),
                  index.records[path] == nil else { return .failure(.damaged) }
            let stamp = FileStamp(size: Int64(bitPattern: size), modifiedSeconds: Int64(bitPattern: ms),
                                  modifiedNanoseconds: Int64(bitPattern: mn), changedSeconds: Int64(bitPattern: cs),
                                  changedNanoseconds: Int64(bitPattern: cn), inode: inode, device: device)
            index.records[path] = Record(stamp: stamp, sha256: sha)
        }
        guard r.atEnd else { return .failure(.damaged) }
        return .success(index)
    }

    /// The SHA-256 of the file at `path` if its stamp is the one recorded with it.
    func checksum(_ path: String, stamp: FileStamp) -> String? {
        guard let r = records[path], r.stamp == stamp else { return nil }
        return r.sha256
    }
}
