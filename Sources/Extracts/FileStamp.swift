import Foundation

/// What is known of a file without reading it: its stat. The cache keeps it with each input
/// file's SHA-256; a file whose stat is the same is taken to be unchanged (as git's index does).
/// One `stat` call: Foundation's `attributesOfItem` also reads /etc/passwd and /etc/group for
/// the owner's and group's names, hundreds of needless reads over a history's files.
///
/// The change time is part of it because nothing but the kernel can set it: a file rewritten
/// in place with its old size and modification time (`cat new > f; touch -r old f`), or
/// replaced by a copy that got the old inode back (`rm f; cp -p new f`), has a new ctime.
/// The device is part of it because an inode number means nothing on another file system.
public struct FileStamp: Equatable, Sendable {
    public var size: Int64
    public var modifiedSeconds: Int64
    public var modifiedNanoseconds: Int64
    public var changedSeconds: Int64
    public var changedNanoseconds: Int64
    public var inode: UInt64
    public var device: UInt64

    /// The stamp of the file at `path` as it is now (following links), or nil.
    public init?(path: String) {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        size = Int64(s.st_size)
        modifiedSeconds = Int64(s.st_mtim.tv_sec)
        modifiedNanoseconds = Int64(s.st_mtim.tv_nsec)
        changedSeconds = Int64(s.st_ctim.tv_sec)
        changedNanoseconds = Int64(s.st_ctim.tv_nsec)
        inode = UInt64(s.st_ino)
        device = UInt64(s.st_dev)
    }

    public init(size: Int64, modifiedSeconds: Int64, modifiedNanoseconds: Int64, changedSeconds: Int64,
                changedNanoseconds: Int64, inode: UInt64, device: UInt64) {
        self.size = size
        self.modifiedSeconds = modifiedSeconds
        self.modifiedNanoseconds = modifiedNanoseconds
        self.changedSeconds = changedSeconds
        self.changedNanoseconds = changedNanoseconds
        self.inode = inode
        self.device = device
    }
}

extension FileStamp {
    /// The modification time as a date (pruning by age).
    public var modified: Date { Date(timeIntervalSince1970: Double(modifiedSeconds) + Double(modifiedNanoseconds) / 1e9) }
}
