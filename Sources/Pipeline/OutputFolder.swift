import CSystem
import Foundation

/// A failure to write outputs (disk full, permissions): not the data's fault, nor the configuration's.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Writes a run's outputs beside the output folder and swaps them in only when complete.
///
/// The new result is built in `<output>.tmp-<pid>`; publishing renames the current result to
/// `<output>.previous` and the new one into place. Until then the output folder is untouched,
/// so a failed run leaves the earlier outputs as they were.
public struct OutputFolder {
    public let target: String
    public let staging: String
    public var previous: String { target + ".previous" }

    public init(target: String) {
        let trimmed = target.hasSuffix("/") && target.count > 1 ? String(target.dropLast()) : target
        self.target = trimmed
        staging = trimmed + ".tmp-\(getpid())"
    }

    /// Creates an empty staging folder (owner-only: it will hold the quarantine), after
    /// removing those of runs that died (they may hold raw rows). Call with the run lock held.
    public func prepare() throws {
        let fm = FileManager.default
        try? fm.removeItem(atPath: staging)
        // A run killed between the two renames of the fallback swap left no output folder:
        // the previous result is the last complete one.
        if !fm.fileExists(atPath: target) && fm.fileExists(atPath: previous) { _ = rename(previous, target) }
        let parent = (target as NSString).deletingLastPathComponent
        let prefix = (target as NSString).lastPathComponent + ".tmp-"
        for name in (try? fm.contentsOfDirectory(atPath: parent.isEmpty ? "." : parent)) ?? [] where name.hasPrefix(prefix) {
            // Called with the run lock held: no other run uses this output, so every other
            // staging folder is a dead run's (whatever its pid now names).
            try? fm.removeItem(atPath: (parent.isEmpty ? "." : parent) + "/" + name)
        }
        do {
            if !parent.isEmpty { try fm.createDirectory(atPath: parent, withIntermediateDirectories: true) }
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: false,
                                   attributes: [.posixPermissions: 0o700])
        } catch {
            throw OutputError("\(staging): cannot create the output folder: \(error.localizedDescription)")
        }
    }

    public func path(_ name: String) -> String { (staging as NSString).appendingPathComponent(name) }

    /// Drops the staging folder (after a failure).
    public func discard() { try? FileManager.default.removeItem(atPath: staging) }

    /// Makes the staged result the output, keeping the one it replaces as `<output>.previous`.
    ///
    /// The swap is one atomic exchange of the two folders (renameat2 RENAME_EXCHANGE), so a
    /// run killed at any moment leaves the output folder holding a complete result, old or
    /// new. Where the file system cannot exchange, two renames are used (a short window).
    public func publish() throws {
        let fm = FileManager.default
        // Readable by the group like ordinary outputs; the quarantine file inside stays 0600.
        _ = chmod(staging, 0o755)
        guard fm.fileExists(atPath: target) else {
            guard rename(staging, target) == 0 else {
                throw OutputError("\(target): cannot move the new result into place: \(String(cString: strerror(errno)))")
            }
            return
        }
        if overgang_exchange_paths(staging, target) == 0 {
            // The output is the new result; the staging path now holds the old one. Swap it
            // with `.previous` too, so that a kill at any point leaves a whole `.previous`.
            if !fm.fileExists(atPath: previous) {
                if rename(staging, previous) != 0 { try? fm.removeItem(atPath: staging) }
            } else if overgang_exchange_paths(staging, previous) == 0 {
                try? fm.removeItem(atPath: staging)
            } else {
                try? fm.removeItem(atPath: previous)
                if rename(staging, previous) != 0 { try? fm.removeItem(atPath: staging) }
            }
            return
        }
        try? fm.removeItem(atPath: previous)
        guard rename(target, previous) == 0 else {
            throw OutputError("\(target): cannot move the earlier result aside: \(String(cString: strerror(errno)))")
        }
        guard rename(staging, target) == 0 else {
            let why = String(cString: strerror(errno))
            _ = rename(previous, target)
            throw OutputError("\(target): cannot move the new result into place: \(why)")
        }
    }
}
