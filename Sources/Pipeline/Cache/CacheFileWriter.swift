import CSystem
import Foundation
import Logging

/// Writes the cache's files: owner-only under a temporary name, then renamed into place.
///
/// The cache is an optimisation, so a write that fails (no space, quota, I/O error, any
/// error) is given up: its temporary file is removed, the run goes on, and the first
/// failure of each kind is logged once as a warning naming the cache folder and the reason.
/// An entry is not written at all when it would leave its file system with less than the
/// reserve (`reserve(fileSystemSize:)`) free, so that a cache beside the output cannot take
/// the space the output is written in.
final class CacheFileWriter: @unchecked Sendable {
    let directory: String
    private let logger: Logger
    private let lock = NSLock()
    private var reported = Set<String>()

    /// Seams for tests: write(2) (-1 with errno set on failure) and the free and total bytes
    /// of the file system holding a path.
    var systemWrite: (Int32, UnsafeRawPointer, Int) -> Int = { Glibc.write($0, $1, $2) }
    var fileSystemSpace: (String) -> (available: UInt64, size: UInt64)? = CacheFileWriter.space

    init(directory: String, logger: Logger) {
        self.directory = directory
        self.logger = logger
    }

    /// Free space kept for the output: 5 % of the file system, at most 1 GiB.
    static func reserve(fileSystemSize: UInt64) -> UInt64 { min(1 << 30, fileSystemSize / 20) }

    static func space(_ path: String) -> (available: UInt64, size: UInt64)? {
        var s = statvfs()
        guard statvfs(path, &s) == 0 else { return nil }
        let unit = UInt64(s.f_frsize)
        return (UInt64(s.f_bavail) * unit, UInt64(s.f_blocks) * unit)
    }

    /// Writes the pieces' bytes, in order, without joining them first; false if not written.
    ///
    /// Entries of 1 MB or more go past the page cache (O_DIRECT) where the file system allows
    /// it: on the benchmark VM the kernel's copy of ~600 MB of entries into the page cache cost
    /// ~1.5 s of CPU in a cold national run, while the disk takes them at ~870 MB/s, and only a
    /// later run reads them. Where a direct write is refused, a plain write.
    @discardableResult
    func write(pieces: [BinaryWriter], to path: String) -> Bool {
        let total = pieces.reduce(0) { $0 + $1.count }
        guard keepsReserve(UInt64(total)) else { return false }
        let temporary = CacheScratch.path(for: path)
        var error: Int32? = nil
        if total >= 1 << 20 {
            error = writeDirect(pieces, total, to: temporary)
            if let e = error, e == EINVAL || e == EOPNOTSUPP { error = writePlain(pieces, to: temporary) }
        } else {
            error = writePlain(pieces, to: temporary)
        }
        if error == nil && rename(temporary, path) != 0 { error = errno }
        guard let error else { return true }
        unlink(temporary)
        report(kind: "errno \(error)", reason: String(cString: strerror(error)))
        return false
    }

    /// Whether `count` more bytes leave the reserve free (true when the space is unknown).
    private func keepsReserve(_ count: UInt64) -> Bool {
        guard let (available, size) = fileSystemSpace(directory) else { return true }
        let reserve = Self.reserve(fileSystemSize: size)
        if available >= 2 * count + reserve { return true }
        report(kind: "reserve", reason: "\(available >> 20) MB free, kept for the output (reserve \(reserve >> 20) MB)")
        return false
    }

    /// Logs the first problem of each kind in this run.
    private func report(kind: String, reason: String) {
        guard lock.withLock({ reported.insert(kind).inserted }) else { return }
        logger.warning("cache entries not written; the run goes on without them",
                       metadata: ["cache": "\(directory)", "reason": "\(reason)"])
    }

    /// nil when written, else the errno (the file may be left for the caller to remove).
    private func writePlain(_ pieces: [BinaryWriter], to path: String) -> Int32? {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return errno }
        var error: Int32? = nil
        for piece in pieces {
            piece.forEachPiece { raw in
                if error == nil && raw.count > 0 { error = writeAll(fd, raw.baseAddress!, raw.count) }
            }
        }
        if close(fd) != 0 && error == nil { error = errno }
        return error
    }

    /// Writes `n` bytes from `p`, however many calls it takes; nil, or the errno.
    private func writeAll(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int32? {
        var done = 0
        while done < n {
            let k = systemWrite(fd, p + done, n - done)
            if k < 0 && errno == EINTR { continue }
            if k <= 0 { return k < 0 ? errno : EIO }
            done += k
        }
        return nil
    }

    /// Writes through an aligned 4 MB buffer with O_DIRECT, the last block zero-padded and the
    /// file then cut to `total` bytes; nil, or the errno (nothing left behind).
    private func writeDirect(_ pieces: [BinaryWriter], _ total: Int, to path: String) -> Int32? {
        let fd = overgang_create_direct(path)
        guard fd >= 0 else { return errno }
        let block = 4096, chunk = 4 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: block)
        defer { buffer.deallocate() }
        var fill = 0
        var error: Int32? = nil
        func flush(_ n: Int) { if error == nil { error = writeAll(fd, buffer, n) } }
        for piece in pieces {
            piece.forEachPiece { raw in
                var at = 0
                while error == nil && at < raw.count {
                    let n = min(chunk - fill, raw.count - at)
                    (buffer + fill).copyMemory(from: raw.baseAddress! + at, byteCount: n)
                    fill += n
                    at += n
                    if fill == chunk {
                        flush(chunk)
                        fill = 0
                    }
                }
            }
        }
        if error == nil && fill > 0 {
            let padded = (fill + block - 1) / block * block
            memset(buffer + fill, 0, padded - fill)
            flush(padded)
        }
        if error == nil && ftruncate(fd, off_t(total)) != 0 { error = errno }
        if close(fd) != 0 && error == nil { error = errno }
        if error != nil { unlink(path) }
        return error
    }
}
