import SystemZlib
import Crypto
import Foundation

/// Streams the decompressed bytes of a gzip file (RFC 1952), all members of it, while
/// computing the SHA-256 of the compressed bytes for the manifest.
///
/// Never holds more than one input and one output buffer; a truncated or damaged file
/// throws an `ExtractError` naming the file.
public final class GzipReader {
    public let path: String
    private let displayName: String
    private let fd: Int32
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutablePointer<UInt8>
    private let inputCapacity = 1 << 18
    private var hasher = SHA256()
    private var inputEnded = false
    private var finished = false
    /// True while inside a member (a header has started and its trailer not yet been read).
    private var inMember = false
    /// Number of compressed bytes read so far.
    public private(set) var compressedBytes = 0
    /// Number of gzip members seen.
    public private(set) var members = 0

    /// Opens `path`; `displayName` is what error messages call the file.
    public init(path: String, displayName: String? = nil) throws {
        self.path = path
        self.displayName = displayName ?? path
        fd = open(path, O_RDONLY)
        if fd < 0 {
            throw ExtractError(file: self.displayName, .unreadable(String(cString: strerror(errno))))
        }
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(capacity: inputCapacity)
        // 15 window bits + 16: gzip wrapper only (no raw deflate, no zlib wrapper).
        let rc = inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
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

    /// Fills `buffer` with up to `capacity` decompressed bytes; returns 0 at the end of the file.
    public func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        if finished { return 0 }
        stream.pointee.next_out = buffer
        stream.pointee.avail_out = UInt32(capacity)
        while stream.pointee.avail_out > 0 {
            if stream.pointee.avail_in == 0 && !inputEnded {
                try refill()
            }
            if stream.pointee.avail_in == 0 && inputEnded {
                if inMember { throw ExtractError(file: displayName, .truncated) }
                if members == 0 { throw ExtractError(file: displayName, .notGzip("the file is empty")) }
                finished = true
                break
            }
            if !inMember {
                inMember = true
                members += 1
            }
            let rc = inflate(stream, Z_NO_FLUSH)
            switch rc {
            case Z_STREAM_END:
                // End of one member; another may follow (parallel compressors write several).
                inMember = false
                inflateReset(stream)
            case Z_OK:
                break
            case Z_BUF_ERROR:
                // No progress possible: more input is needed (handled above) or the output is full.
                if stream.pointee.avail_in != 0 && stream.pointee.avail_out != 0 {
                    throw ExtractError(file: displayName, .notGzip("zlib made no progress"))
                }
            case Z_DATA_ERROR, Z_NEED_DICT:
                let why = stream.pointee.msg.map { String(cString: $0) } ?? "corrupt data"
                throw ExtractError(file: displayName, .notGzip(why))
            case Z_MEM_ERROR:
                throw ExtractError(file: displayName, .unreadable("out of memory in zlib"))
            default:
                throw ExtractError(file: displayName, .notGzip("zlib error \(rc)"))
            }
        }
        return capacity - Int(stream.pointee.avail_out)
    }
}
