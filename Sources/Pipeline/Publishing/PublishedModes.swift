import Foundation
import Catalogue

/// The permissions of a published result, set explicitly so that they do not follow the
/// umask of whoever ran it: folders 0755 and files 0644 (readable by all, like the outputs
/// of any report job), but `quarantine.csv`, which holds raw rows and so person keys, 0600.
enum PublishedModes {
    static let folder: mode_t = 0o755
    static let file: mode_t = 0o644
    static let ownerOnly: mode_t = 0o600
    static let ownerOnlyFiles: Set<String> = [Catalogue.quarantine]

    /// Sets the modes of `root` and everything in it (symbolic links are left alone).
    static func apply(to root: String) throws {
        try set(root, folder)
        let fm = FileManager.default
        guard let names = fm.enumerator(atPath: root)?.allObjects as? [String] else { return }
        for name in names {
            let path = root + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: try set(path, folder)
            case S_IFREG: try set(path, ownerOnlyFiles.contains((name as NSString).lastPathComponent) ? ownerOnly : file)
            default: continue
            }
        }
    }

    private static func set(_ path: String, _ mode: mode_t) throws {
        guard chmod(path, mode) == 0 else {
            throw OutputError("\(path): cannot set the permissions of an output: \(String(cString: strerror(errno)))")
        }
    }
}
