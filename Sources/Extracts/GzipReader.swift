import CSystem
import SystemIsal
import Crypto
import Foundation

/// Streams the decompressed bytes of a gzip file (RFC 1952), all members of it, while
/// computing the SHA-256 of the compressed bytes for the manifest.
///
/// Never holds more than one input and one output buffer; a truncated or damaged file
/// throws an `ExtractError` naming the file. Inflates with ISA-L (several times zlib's speed:
/// decompression is most of a cold run), which checks each member's CRC-32 and length.
public final class GzipReader {
    public let path: String
    private let displayName: String
    private let fd: Int32
    private let stream: UnsafeMutablePointer<inflate_state>
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
        // The state is large (history and tables, ~90 kB): on the heap, zeroed, then set up.
        let raw = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<inflate_state>.size,
                                                   alignment: MemoryLayout<inflate_state>.alignment)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<inflate_state>.size)
        stream = raw.bindMemory(to: inflate_state.self, capacity: 1)
        input = .allocate(capacity: inputCapacity)
    }

    deinit {
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

    /// Starts a member: gzip wrapper only (no raw deflate, no zlib wrapper), CRC-32 checked.
    private func startMember() throws {
        let p = stream.pointee.next_in!
        if stream.pointee.avail_in >= 2 && !(p[0] == 0x1F && p[1] == 0x8B) {
            throw ExtractError(file: displayName, .notGzip("incorrect header check"))
        }
        // Init clears the buffers' positions too: keep them.
        let (nextIn, availIn) = (stream.pointee.next_in, stream.pointee.avail_in)
        let (nextOut, availOut) = (stream.pointee.next_out, stream.pointee.avail_out)
        isal_inflate_init(stream)
        stream.pointee.crc_flag = UInt32(ISAL_GZIP)
        (stream.pointee.next_in, stream.pointee.avail_in) = (nextIn, availIn)
        (stream.pointee.next_out, stream.pointee.avail_out) = (nextOut, availOut)
        inMember = true
        members += 1
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
            if !inMember { try startMember() }
            let inBefore = stream.pointee.avail_in, outBefore = stream.pointee.avail_out
            let rc = isal_inflate(stream)
            overgang_clear_upper_vector_state()
            switch rc {
            case ISAL_DECOMP_OK, ISAL_END_INPUT, ISAL_OUT_OVERFLOW:
                break
            case ISAL_INVALID_WRAPPER:
                throw ExtractError(file: displayName, .notGzip("incorrect header check"))
            case ISAL_UNSUPPORTED_METHOD:
                throw ExtractError(file: displayName, .notGzip("unknown compression method"))
            case ISAL_INCORRECT_CHECKSUM:
                throw ExtractError(file: displayName, .notGzip("incorrect data check"))
            case ISAL_INVALID_BLOCK, ISAL_INVALID_SYMBOL, ISAL_INVALID_LOOKBACK:
                throw ExtractError(file: displayName, .notGzip("invalid deflate data (\(rc))"))
            default:
                throw ExtractError(file: displayName, .notGzip("inflate error \(rc)"))
            }
            if stream.pointee.block_state == ISAL_BLOCK_FINISH {
                // End of one member (trailer checked); another may follow (parallel compressors write several).
                inMember = false
            } else if stream.pointee.avail_in == inBefore && stream.pointee.avail_out == outBefore && inBefore > 0 {
                throw ExtractError(file: displayName, .notGzip("inflate made no progress"))
            }
        }
        return capacity - Int(stream.pointee.avail_out)
    }
}
