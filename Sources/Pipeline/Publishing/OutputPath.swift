import CSystem
import Foundation

/// The output folder a run or `overgang report` may publish into, checked before any work.
///
/// Publishing renames the output folder itself and writes `<output>.previous`, `.lock`,
/// `.cache` and `.tmp-<pid>` beside it, so a folder that holds the run's own inputs, the
/// current folder, `/`, a file or a symbolic link would be moved aside (and later deleted),
/// crashed on or replaced. Such paths are usage errors (exit 64) naming the path and why.
public enum OutputPath {
    /// Checks `config.output.directory` against the folders and files the run reads.
    public static func check(_ config: Configuration) throws {
        var kept = [("input folder", config.input.directory)]
        if let source = config.source { kept.append(("configuration file", source)) }
        if config.cache.enabled, let cache = config.cache.directory { kept.append(("cache folder", cache)) }
        for (term, file) in config.survival.covariates.sorted(by: { $0.key < $1.key }) {
            kept.append(("covariate file of \(term)", file))
        }
        try check(config.output.directory, keeping: kept)
    }

    /// Checks `output`; `kept` are (what, path) that must stay outside it.
    static func check(_ output: String, keeping kept: [(String, String)]) throws {
        func refuse(_ why: String) -> ConfigurationError {
            ConfigurationError("output folder '\(output)': \(why)")
        }
        let names = output.split(separator: "/")
        guard !output.isEmpty else { throw ConfigurationError("output folder: the path is empty; give a folder (--output or output.directory)") }
        guard let last = names.last else { throw refuse("the root folder cannot be an output folder; give a folder of its own") }
        guard last != "." && last != ".." else {
            throw refuse("give the folder by its name, not '.' or '..' (publishing renames the folder and writes <name>.previous, <name>.lock and <name>.cache beside it)")
        }
        var info = stat()
        if lstat(output, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR: break
            case S_IFLNK:
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: output)).map { " ('\($0)')" } ?? ""
                throw refuse("is a symbolic link; give the folder it points to\(target)")
            case S_IFREG: throw refuse("is a regular file, not a folder")
            default: throw refuse("exists and is not a folder")
            }
            if overgang_is_mount_point(output) == 1 {
                throw refuse("is a mount point, which cannot be renamed when a run publishes; mount the folder above it and give a folder inside it")
            }
        }
        let resolved = resolve(output)
        guard resolved != "/" else { throw refuse("the root folder cannot be an output folder; give a folder of its own") }
        if contains(resolved, resolve(FileManager.default.currentDirectoryPath)) {
            throw refuse("is the current folder or holds it; give a folder of its own (publishing renames the output folder)")
        }
        for (what, path) in kept where !path.isEmpty && contains(resolved, resolve(path)) {
            throw refuse("holds the \(what) '\(path)', which publishing would move aside with the earlier result; give a folder of its own")
        }
    }

    /// Whether `outer` is `inner` or one of its ancestors (both resolved).
    static func contains(_ outer: String, _ inner: String) -> Bool {
        inner == outer || inner.hasPrefix(outer == "/" ? "/" : outer + "/")
    }

    /// `path` made absolute and free of symbolic links, `.` and `..`: the real path of its
    /// longest existing part, the rest (which cannot hold links) applied by name.
    static func resolve(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let names = absolute.split(separator: "/").map(String.init)
        for existing in stride(from: names.count, through: 0, by: -1) {
            guard let real = realPath("/" + names[..<existing].joined(separator: "/")) else { continue }
            var parts = real.split(separator: "/").map(String.init)
            for name in names[existing...] {
                if name == ".." { _ = parts.popLast() } else if name != "." { parts.append(name) }
            }
            return "/" + parts.joined(separator: "/")
        }
        return absolute
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}
