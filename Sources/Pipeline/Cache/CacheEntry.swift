import CSystem
import Extracts
import Foundation

/// The on-disk form of one cache entry: a header that says what it is and a checksummed
/// payload. An entry whose header does not match (another format version, another key,
/// another kind) or whose CRC-32 does not match its payload is not trusted: the caller
/// rebuilds it from the extracts.
enum CacheEntry {
    static let magic: [UInt8] = Array("OVGC".utf8)
    /// Bumped whenever a parsed form or the panel changes layout or meaning.
    /// 3: employment and benefit persons numbered in hash order, stored with key lengths and
    /// one-byte row counts. 4: key lengths once when all are alike; flags and row count as one
    /// code byte. 5: employment rows outside the file's month are kept (valid) and counted;
    /// the panel stored sparsely, by person, with its person keys (to be extended by new months);
    /// employment and benefit forms filtered to the persons in Arena by their month.
    /// 6: an Arena file's person keys stored as the employment and benefit files' are
    /// (`BinaryWriter.keys`: lengths once when all are alike), after its rows.
    static let formatVersion: UInt32 = 6
    /// Also in every header: the tool's version (a parser fix must not meet old parses) and
    /// the in-memory size of a stored Arena row.
    static let build = "overgang \(OvergangVersion.string), row \(MemoryLayout<ArenaRow>.size)"

    static func encode(kind: String, key: String, payload: [UInt8]) -> [UInt8] {
        var w = BinaryWriter()
        w.bytes(payload)
        return header(kind: kind, key: key, payload: w) + payload
    }

    /// The header of an entry whose payload is `payload`'s bytes (which follow it).
    static func header(kind: String, key: String, payload: BinaryWriter) -> [UInt8] {
        var w = BinaryWriter()
        w.bytes(magic)
        w.u32(formatVersion)
        w.string(build)
        w.string(kind)
        w.string(key)
        w.u64(UInt64(payload.count))
        var c: UInt32 = 0
        payload.forEachPiece { c = crc($0.baseAddress?.assumingMemoryBound(to: UInt8.self), $0.count, previous: c) }
        w.u32(c)
        return w.data
    }

    /// A reader of the payload where it lies in `data` (a panel is hundreds of MB: not copied
    /// out first), or nil when the entry is not what it claims to be.
    static func decode(_ data: ByteSource, kind: String, key: String) -> BinaryReader? {
        var r = BinaryReader(data)
        guard r.bytes(4) == magic, r.u32() == formatVersion, r.string() == build, r.string() == kind, r.string() == key,
              let length = r.u64(), let n = Int(exactly: length), let sum = r.u32(), n == r.count - r.offset else { return nil }
        let payload = UnsafeRawBufferPointer(rebasing: data.bytes[r.offset...])
        return crc(payload.baseAddress?.assumingMemoryBound(to: UInt8.self), n) == sum ? r : nil
    }

    /// CRC-32 (gzip's, zlib's), continued from `previous` (`overgang_crc32`: every entry is
    /// checked whole when written and read, ~1 % of a cold run with zlib's own).
    static func crc(_ bytes: UnsafePointer<UInt8>?, _ count: Int, previous: UInt32 = 0) -> UInt32 {
        guard let bytes else { return previous }
        return overgang_crc32(previous, bytes, count)
    }

    static func crc(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { crc($0.baseAddress, $0.count) }
    }
}

/// Appends fixed-width little-endian values and raw arrays.
///
/// Large arrays are kept as they are, not copied: an entry is written piece by piece from
/// where its arrays lie (a national employment file's entry is tens of MB).
struct BinaryWriter {
    /// Small values since the last large array.
    private var tail = [UInt8]()
    /// Everything before `tail`, in order.
    private var pieces: [(_ body: (UnsafeRawBufferPointer) -> Void) -> Void] = []
    /// Bytes written so far.
    private(set) var count = 0

    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { tail.append(contentsOf: $0) }; count += 4 }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { tail.append(contentsOf: $0) }; count += 8 }
    mutating func bytes(_ b: [UInt8]) { array(b, counted: false) }
    mutating func string(_ s: String) { array(Array(s.utf8)) }
    /// A count and the elements' bytes (trivial types only).
    mutating func array<T: BitwiseCopyable>(_ a: [T]) { array(a, counted: true) }

    private mutating func array<T: BitwiseCopyable>(_ a: [T], counted: Bool) {
        if counted { u64(UInt64(a.count)) }
        let size = a.count * MemoryLayout<T>.stride
        if size >= 1 << 16 {
            let before = tail
            pieces.append { before.withUnsafeBytes($0) }
            tail = []
            pieces.append { a.withUnsafeBytes($0) }
        } else {
            a.withUnsafeBytes { tail.append(contentsOf: $0) }
        }
        count += size
    }

    /// Calls `body` with each piece of the bytes, in order, where it lies.
    func forEachPiece(_ body: (UnsafeRawBufferPointer) -> Void) {
        for p in pieces { p(body) }
        tail.withUnsafeBytes(body)
    }

    /// All the bytes in one array.
    var data: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(count)
        forEachPiece { out.append(contentsOf: $0) }
        return out
    }
}

/// The bytes a `BinaryReader` reads: a copy of an array's, or a file mapped read-only (a
/// stored panel is hundreds of MB: mapped, its pages are not copied out of the page cache
/// into a buffer first, only once into the arrays decoded from them).
final class ByteSource: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    private let release: () -> Void

    init(_ array: [UInt8]) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, array.count), alignment: 16)
        array.withUnsafeBytes { copy.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(rebasing: copy[0..<array.count])
        release = { copy.deallocate() }
    }

    /// A regular, non-empty file mapped read-only; nil if it cannot be. Cache entries are
    /// replaced by rename, never rewritten in place, so a mapped entry does not change under us.
    init?(mapping path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0 else { return nil }
        let size = Int(st.st_size)
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else { return nil }
        _ = madvise(base, size, MADV_SEQUENTIAL)
        bytes = UnsafeRawBufferPointer(start: base, count: size)
        release = { munmap(base, size) }
    }

    deinit { release() }
}

/// Reads what `BinaryWriter` wrote; every read returns nil past the end (a cut entry).
struct BinaryReader {
    let source: ByteSource
    var offset = 0
    private var data: UnsafeRawBufferPointer { source.bytes }

    init(_ data: [UInt8]) { source = ByteSource(data) }
    init(_ source: ByteSource) { self.source = source }

    var count: Int { data.count }
    var atEnd: Bool { offset == data.count }

    mutating func bytes(_ n: Int) -> [UInt8]? {
        guard n >= 0, offset + n <= data.count else { return nil }
        defer { offset += n }
        return Array(data[offset..<(offset + n)])
    }

    mutating func u32() -> UInt32? {
        guard offset + 4 <= data.count else { return nil }
        defer { offset += 4 }
        return UInt32(littleEndian: data.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func u64() -> UInt64? {
        guard offset + 8 <= data.count else { return nil }
        defer { offset += 8 }
        return UInt64(littleEndian: data.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func string() -> String? { array(UInt8.self).map { String(decoding: $0, as: UTF8.self) } }

    /// Everything not read yet.
    mutating func rest() -> [UInt8] {
        defer { offset = data.count }
        return Array(data[offset...])
    }

    mutating func array<T: BitwiseCopyable>(_ type: T.Type) -> [T]? {
        guard let n = u64(), n <= UInt64(data.count - offset) else { return nil }
        let (size, overflow) = Int(n).multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        guard !overflow, size <= data.count - offset else { return nil }
        let out = [T](unsafeUninitializedCapacity: Int(n)) { buffer, count in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: data[offset..<(offset + size)]))
            count = Int(n)
        }
        offset += size
        return out
    }
}
