import Foundation

/// Extracts are read only from regular files: opening a FIFO named like an extract waits
/// for a writer that never comes, and a device or socket never ends.
enum RegularFile {
    /// What a file of `mode` is, in the user's words, when it is not a regular file; nil if it is.
    static func otherKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFDIR: return "a folder"
        default: return "of an unknown type"
        }
    }

    /// Throws a bad-input error when `path` (links followed) is not a regular file. Only
    /// `stat`: nothing is opened.
    static func check(_ path: String, displayName: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw ExtractError(file: displayName, .unreadable(String(cString: strerror(errno))))
        }
        if let kind = otherKind(info.st_mode) { throw ExtractError(file: displayName, .notRegularFile(kind)) }
    }
}
