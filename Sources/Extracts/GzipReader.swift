import CSystem
import SystemZlib
import Crypto
import Foundation

/// Streams the decompressed bytes of a gzip file (RFC 1952), all members of it, while
/// computing the SHA-256 of the compressed bytes for the manifest.
///
/// zlib inflates the raw deflate data; the gzip header and trailer are read here, so that the
/// trailer's CRC-32 is checked with `overgang_crc32` (carry-less multiplication, ~6x zlib
/// 1.2's table loop, which took ~4 % of a national ingest). The messages are zlib's own.
///
/// Never holds more than one input and one output buffer; a truncated or damaged file
/// throws an `ExtractError` naming the file and the byte offset in it. Only regular files are
/// read (a FIFO is refused, not waited on); zero bytes after the last member are accepted, as
/// GNU gzip accepts them; any other trailing bytes are an error; a file that decompresses
/// past `InflationLimit` is refused.
public final class GzipReader {
    public let path: String
    private let displayName: String
    private let fd: Int32
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutablePointer<UInt8>
    private let inputCapacity: Int
    private let limit: InflationLimit
    /// Size of the file when it was opened.
    private let fileSize: Int
    private var hasher = SHA256()
    private var inputEnded = false
    private var finished = false
    /// The deflate data of a member is being inflated (its header is read, its trailer not).
    private var inBody = false
    /// CRC-32 and length (mod 2^32) of the current member's output so far.
    private var crc: UInt32 = 0
    private var length: UInt32 = 0
    /// Number of compressed bytes read so far.
    public private(set) var compressedBytes = 0
    /// Number of gzip members seen.
    public private(set) var members = 0
    /// Number of decompressed bytes given out so far.
    public private(set) var inflatedBytes = 0
    /// Number of zero bytes after the last member (padding, skipped).
    public private(set) var paddingBytes = 0

    /// Opens `path`; `displayName` is what error messages call the file. `inputCapacity` is
    /// the read size (tests make it tiny, so that headers and trailers straddle reads);
    /// `limit` bounds the decompressed size (tests lower it).
    public init(path: String, displayName: String? = nil, inputCapacity: Int = 1 << 18,
                limit: InflationLimit = .delivery) throws {
        self.path = path
        self.inputCapacity = max(inputCapacity, 1)
        self.displayName = displayName ?? path
        self.limit = limit
        // Non-blocking, so that opening a FIFO returns at once (it is refused below); reads of
        // a regular file never block anyway.
        let opened = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if opened < 0 {
            throw ExtractError(file: self.displayName, .unreadable(String(cString: strerror(errno))))
        }
        var info = stat()
        if fstat(opened, &info) != 0 {
            let why = String(cString: strerror(errno))
            close(opened)
            throw ExtractError(file: self.displayName, .unreadable(why))
        }
        if let kind = RegularFile.otherKind(info.st_mode) {
            close(opened)
            throw ExtractError(file: self.displayName, .notRegularFile(kind))
        }
        fd = opened
        fileSize = Int(info.st_size)
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(capacity: self.inputCapacity)
        // -15: raw deflate with a 32 kB window (the gzip wrapper is read here).
        let rc = inflateInit2_(stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        if rc != Z_OK {
            // deinit still runs (every property is set) and closes the file: do not close it twice.
            throw ExtractError(file: self.displayName, .unreadable("zlib could not start (\(rc))"))
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
        close(fd)
    }

    /// Hex SHA-256 of the compressed file; complete once `read` has returned 0.
    public func sha256Hex() -> String {
        hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    private func refill() throws {
        let n = Glibc.read(fd, input, inputCapacity)
        if n < 0 {
            throw ExtractError(file: displayName, .unreadable(String(cString: strerror(errno))))
        }
        if n == 0 {
            inputEnded = true
            return
        }
        compressedBytes += n
        hasher.update(bufferPointer: UnsafeRawBufferPointer(start: input, count: n))
        stream.pointee.next_in = input
        stream.pointee.avail_in = UInt32(n)
    }

    /// The next compressed byte, or nil at the end of the file.
    private func nextByte() throws -> UInt8? {
        if stream.pointee.avail_in == 0 {
            if inputEnded { return nil }
            try refill()
            if stream.pointee.avail_in == 0 { return nil }
        }
        let b = stream.pointee.next_in.pointee
        stream.pointee.next_in += 1
        stream.pointee.avail_in -= 1
        return b
    }

    /// Offset in the file of the next compressed byte to be used.
    private var position: Int { compressedBytes - Int(stream.pointee.avail_in) }

    /// A byte inside a member's header or trailer: the end of the file there is truncation.
    private func memberByte() throws -> UInt8 {
        guard let b = try nextByte() else { throw truncated() }
        return b
    }

    private func truncated() -> ExtractError { ExtractError(file: displayName, offset: compressedBytes, .truncated) }

    private func damaged(_ why: String, at offset: Int) -> ExtractError {
        ExtractError(file: displayName, offset: offset, .notGzip(why))
    }

    /// Reads a member's header (RFC 1952 2.3); false at the end of the file between members.
    private func startMember() throws -> Bool {
        let start = position
        guard let id1 = try nextByte() else {
            if members == 0 { throw damaged("the file is empty", at: 0) }
            return false
        }
        if members > 0 && id1 == 0 {
            try skipZeroPadding(from: start)
            return false
        }
        var headerCRC = overgang_crc32(0, [id1], 1)
        func byte() throws -> UInt8 {
            var b = try memberByte()
            headerCRC = overgang_crc32(headerCRC, &b, 1)
            return b
        }
        // After a member, anything but another member is trailing data (not a damaged header).
        func notMember() -> ExtractError {
            members == 0 ? damaged("incorrect header check", at: start) : ExtractError(file: displayName, offset: start, .trailingData)
        }
        guard id1 == 0x1F else { throw notMember() }
        guard try byte() == 0x8B else { throw notMember() }
        members += 1
        guard try byte() == 8 else { throw damaged("unknown compression method", at: position - 1) }
        let flags = try byte()
        guard flags & 0xE0 == 0 else { throw damaged("unknown header flags set", at: position - 1) }
        for _ in 0..<6 { _ = try byte() }                 // MTIME, XFL, OS
        if flags & 0x04 != 0 {                            // FEXTRA
            let n = Int(try byte()) | Int(try byte()) << 8
            for _ in 0..<n { _ = try byte() }
        }
        if flags & 0x08 != 0 { while try byte() != 0 {} } // FNAME
        if flags & 0x10 != 0 { while try byte() != 0 {} } // FCOMMENT
        if flags & 0x02 != 0 {                            // FHCRC: the low 16 bits of the header's CRC-32
            let expected = UInt32(headerCRC & 0xFFFF)
            let stored = UInt32(try memberByte()) | UInt32(try memberByte()) << 8
            guard stored == expected else { throw damaged("header crc mismatch", at: start) }
        }
        inflateReset(stream)
        crc = 0
        length = 0
        inBody = true
        return true
    }

    /// Skips zero bytes to the end of the file (some writers pad to a block size; GNU gzip
    /// accepts them too); any other byte among them is trailing data.
    private func skipZeroPadding(from start: Int) throws {
        paddingBytes = 1
        while true {
            if stream.pointee.avail_in == 0 {
                if inputEnded { return }
                try refill()
                continue
            }
            let p = stream.pointee.next_in!, n = Int(stream.pointee.avail_in)
            if let i = (0..<n).first(where: { p[$0] != 0 }) {
                throw ExtractError(file: displayName, offset: position + i, .trailingData)
            }
            paddingBytes += n
            stream.pointee.next_in += n
            stream.pointee.avail_in = 0
        }
    }

    /// Reads and checks a member's trailer: CRC-32 and length of its data.
    private func endMember() throws {
        let start = position
        var trailer = [UInt32](repeating: 0, count: 2)
        for i in 0..<8 { trailer[i / 4] |= UInt32(try memberByte()) << UInt32(8 * (i % 4)) }
        guard trailer[0] == crc else { throw damaged("incorrect data check", at: start) }
        guard trailer[1] == length else { throw damaged("incorrect length check", at: start + 4) }
        inBody = false
    }

    /// Fills `buffer` with up to `capacity` decompressed bytes; returns 0 at the end of the file.
    public func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        var produced = 0
        while produced < capacity && !finished {
            if !inBody {
                if try !startMember() { finished = true }
                continue
            }
            if stream.pointee.avail_in == 0 && !inputEnded { try refill() }
            if stream.pointee.avail_in == 0 && inputEnded { throw truncated() }
            let room = capacity - produced
            stream.pointee.next_out = buffer + produced
            stream.pointee.avail_out = UInt32(room)
            let rc = inflate(stream, Z_NO_FLUSH)
            let n = room - Int(stream.pointee.avail_out)
            if n > 0 {
                crc = overgang_crc32(crc, buffer + produced, n)
                length &+= UInt32(truncatingIfNeeded: n)
                produced += n
                inflatedBytes += n
                if let bound = limit.exceeded(inflated: inflatedBytes, compressed: max(fileSize, compressedBytes)) {
                    throw ExtractError(file: displayName, offset: position, .inflatesTooFar(bound))
                }
            }
            switch rc {
            case Z_STREAM_END:
                // End of one member's data; another member may follow (parallel compressors write several).
                try endMember()
            case Z_OK:
                break
            case Z_BUF_ERROR:
                // No progress possible: more input is needed (handled above) or the output is full.
                if stream.pointee.avail_in != 0 && stream.pointee.avail_out != 0 {
                    throw damaged("zlib made no progress", at: position)
                }
            case Z_DATA_ERROR, Z_NEED_DICT:
                throw damaged(stream.pointee.msg.map { String(cString: $0) } ?? "corrupt data", at: position)
            case Z_MEM_ERROR:
                throw ExtractError(file: displayName, .unreadable("out of memory in zlib"))
            default:
                throw damaged("zlib error \(rc)", at: position)
            }
        }
        return produced
    }
}
