import Foundation

/// Another run holds the output folder.
public struct LockHeld: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}

/// One run at a time per output folder: an exclusive `flock` on `<output>.lock`, which the
/// kernel releases when the holder dies, so a lock left by a dead process is simply taken
/// over. The file names the holder (pid, start time) for the message a second run prints.
public final class RunLock {
    public let path: String
    private var fd: Int32 = -1

    /// Takes the lock or throws `LockHeld` at once.
    public init(output: String) throws {
        var trimmed = output
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        path = trimmed + ".lock"
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty { try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) }
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw OutputError("\(path): cannot open the lock file: \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let why = errno
            guard why == EWOULDBLOCK else {
                close(fd)
                fd = -1
                throw OutputError("\(path): cannot lock the output folder: \(String(cString: strerror(why))) (the file system must support flock)")
            }
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(fd)
            fd = -1
            throw LockHeld(message: "\(trimmed): another run is using this output folder (\(holder.map { $0.isEmpty ? "holder unknown" : $0 } ?? "holder unknown")); lock file \(path)")
        }
        let text = "pid \(getpid()) on \(ProcessInfo.processInfo.hostName), started \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(fd, 0)
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit { release() }

    /// Throws unless `path` is still the file this lock holds. A lock file deleted or
    /// replaced during the run no longer excludes anyone (a second run creates a new one and
    /// locks that), so the run must not publish: the outputs are left as they were.
    func confirm() throws {
        var held = stat(), now = stat()
        guard fd >= 0, fstat(fd, &held) == 0 else { throw OutputError("\(path): the run lock was released before publishing") }
        guard stat(path, &now) == 0, now.st_dev == held.st_dev, now.st_ino == held.st_ino else {
            throw OutputError("\(path): the lock file was deleted or replaced during the run, so another run may be using the output folder; nothing was published, the outputs are as they were")
        }
    }

    public func release() {
        guard fd >= 0 else { return }
        _ = flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }
}
