import SystemZlib
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a gzip file (RFC 1952), optionally as several concatenated members.
///
/// Bytes are deflated as they arrive and written in chunks of 256 KiB. The gzip header is
/// fixed (no file name, modification time 0, OS "Unix"), so equal input gives equal files.
/// Not thread-safe: use one writer per thread.
public final class GzipWriter {
    /// The file being written.
    public let path: String
    /// Compressed bytes written to the file so far.
    public private(set) var bytesWritten = 0

    private let level: Int32
    private var fd: Int32
    private let stream: UnsafeMutablePointer<z_stream>
    private let header: UnsafeMutablePointer<gz_header>
    private let output: UnsafeMutablePointer<UInt8>
    private let outputCapacity = 1 << 18
    /// True while a member is open (deflate initialised, trailer not yet written).
    private var inMember = false
    /// Number of members finished.
    private var members = 0

    /// Creates (or truncates) `path`. `level` is zlib's 0-9, or -1 for its default.
    public init(path: String, level: Int32 = 6) throws {
        guard (-1...9).contains(level) else { throw GeneratorError("\(path): compression level \(level) is not -1 or 0-9") }
        self.path = path
        self.level = level
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd < 0 {
            throw GeneratorError("\(path): cannot create (\(String(cString: strerror(errno))))")
        }
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        header = .allocate(capacity: 1)
        header.initialize(to: gz_header())
        output = .allocate(capacity: outputCapacity)
    }

    deinit {
        if inMember { deflateEnd(stream) }
        if fd >= 0 { _ = systemClose(fd) }
        stream.deallocate()
        header.deallocate()
        output.deallocate()
    }

    /// Compresses `bytes` into the current member (starting one if needed).
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Compresses the UTF-8 bytes of `string`.
    public func write(_ string: String) throws {
        var s = string
        try s.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Compresses the bytes at `buffer`.
    func write(_ buffer: UnsafeRawBufferPointer) throws {
        guard fd >= 0 else { throw GeneratorError("\(path): write after close") }
        guard buffer.count > 0, let base = buffer.baseAddress else { return }
        if !inMember { try startMember() }
        // zlib's avail_in is 32 bits: feed huge buffers in pieces.
        var offset = 0
        while offset < buffer.count {
            let n = min(buffer.count - offset, 1 << 30)
            stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self) + offset)
            stream.pointee.avail_in = UInt32(n)
            try pump(flush: Z_NO_FLUSH)
            offset += n
        }
    }

    /// Ends the current gzip member. Later writes start a new member, so the file becomes
    /// a multi-member gzip file. Does nothing if no member is open.
    public func finishMember() throws {
        guard fd >= 0 else { throw GeneratorError("\(path): finishMember after close") }
        guard inMember else { return }
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        try pump(flush: Z_FINISH)
        deflateEnd(stream)
        inMember = false
        members += 1
    }

    /// Finishes the open member and closes the file. A file that got no bytes at all
    /// still becomes a valid gzip file (one empty member). Closing twice is harmless.
    public func close() throws {
        guard fd >= 0 else { return }
        if !inMember && members == 0 { try startMember() }
        try finishMember()
        let rc = systemClose(fd)
        fd = -1
        if rc != 0 { throw GeneratorError("\(path): close failed (\(String(cString: strerror(errno))))") }
    }

    private func startMember() throws {
        stream.initialize(to: z_stream())
        let rc = deflateInit2_(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                               zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else { throw GeneratorError("\(path): zlib deflateInit2 failed (\(rc))") }
        // A fixed header: no name, time 0, OS 3 (Unix) on every platform.
        header.initialize(to: gz_header())
        header.pointee.os = 3
        let hrc = deflateSetHeader(stream, header)
        guard hrc == Z_OK else {
            deflateEnd(stream)
            throw GeneratorError("\(path): zlib deflateSetHeader failed (\(hrc))")
        }
        inMember = true
    }

    /// Runs deflate until the input is consumed (and, for Z_FINISH, the member ended).
    private func pump(flush: Int32) throws {
        while true {
            stream.pointee.next_out = output
            stream.pointee.avail_out = UInt32(outputCapacity)
            let rc = deflate(stream, flush)
            if rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR {
                throw GeneratorError("\(path): zlib deflate failed (\(rc))")
            }
            let produced = outputCapacity - Int(stream.pointee.avail_out)
            if produced > 0 { try writeAll(output, produced) }
            if flush == Z_FINISH {
                if rc == Z_STREAM_END { return }
            } else if stream.pointee.avail_in == 0 && stream.pointee.avail_out != 0 {
                return
            }
        }
    }

    private func writeAll(_ p: UnsafeMutablePointer<UInt8>, _ count: Int) throws {
        var done = 0
        while done < count {
            let n = systemWrite(fd, p + done, count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw GeneratorError("\(path): write failed (\(String(cString: strerror(errno))))")
            }
            done += n
        }
        bytesWritten += count
    }
}

@inline(__always)
private func systemClose(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    return Glibc.close(fd)
    #else
    return Darwin.close(fd)
    #endif
}

@inline(__always)
private func systemWrite(_ fd: Int32, _ p: UnsafeMutablePointer<UInt8>, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, p, n)
    #else
    return Darwin.write(fd, p, n)
    #endif
}
