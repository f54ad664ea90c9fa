import CSystem
import Foundation
import Catalogue

/// A failure to write outputs (disk full, permissions): not the data's fault, nor the configuration's.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Writes a run's outputs beside the output folder and swaps them in only when complete.
///
/// The new result is built in `<output>.tmp-<pid>`; publishing exchanges it with the output
/// folder and keeps the result it replaces as `<output>.previous`. Until then the output
/// folder is untouched, so a failed run leaves the earlier outputs as they were. Check the
/// path with `OutputPath.check` first.
public struct OutputFolder {
    public let target: String
    public let staging: String
    public var previous: String { target + ".previous" }
    /// The result before `.previous` while the fallback swap moves it out of the way.
    var older: String { target + ".older" }
    /// The result `overgang report` replaces while the fallback swap moves it out of the way.
    var replaced: String { target + ".replaced" }
    /// Rows set aside by a run that failed for too many of them (owner-only), until a run succeeds.
    var rejectedQuarantine: String { target + ".rejected-" + Catalogue.quarantine }
    var steps = PublishSteps.system

    public init(target: String) {
        var trimmed = target
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.target = trimmed
        staging = trimmed + ".tmp-\(getpid())"
    }

    /// Creates an empty staging folder (owner-only: it will hold the quarantine), after
    /// finishing or undoing a publishing a killed run left half done and removing the staging
    /// folders of runs that died (they may hold raw rows). Call with the run lock held.
    public func prepare() throws {
        let fm = FileManager.default
        recover()
        let parent = (target as NSString).deletingLastPathComponent
        let folder = parent.isEmpty ? "." : parent
        let prefix = (target as NSString).lastPathComponent + ".tmp-"
        for name in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            // Called with the run lock held: no other run uses this output, so every other
            // staging folder is a dead run's (whatever its pid now names).
            steps.remove(folder + "/" + name)
        }
        do {
            if !parent.isEmpty { try fm.createDirectory(atPath: parent, withIntermediateDirectories: true) }
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: false,
                                   attributes: [.posixPermissions: 0o700])
        } catch {
            throw OutputError("\(staging): cannot create the output folder: \(error.localizedDescription)")
        }
    }

    /// Brings the folders back to a whole output and `.previous` after a run killed inside
    /// the fallback swap (see `swapByRenames`): the output folder missing means the step
    /// that moved it aside ran and the one that moved the new result in did not.
    func recover() {
        if !Self.exists(target) {
            if Self.exists(replaced) { _ = steps.rename(replaced, target) } else if Self.exists(previous) { _ = steps.rename(previous, target) }
        }
        if Self.exists(replaced) { steps.remove(replaced) }
        if Self.exists(older) {
            if Self.exists(previous) { steps.remove(older) } else { _ = steps.rename(older, previous) }
        }
    }

    public func path(_ name: String) -> String { (staging as NSString).appendingPathComponent(name) }

    /// Drops the staging folder (after a failure).
    public func discard() { steps.remove(staging) }

    /// Makes the staged result of a run the output, keeping the one it replaces as
    /// `<output>.previous`, and drops the rows kept from an earlier failed run.
    ///
    /// The swap is one atomic exchange of the two folders (renameat2 RENAME_EXCHANGE), so a
    /// run killed at any moment leaves the output folder holding a complete result, old or
    /// new. Where the file system cannot exchange, renames are used that the next run
    /// finishes or undoes. Fails, leaving the outputs as they were, when `lock` is no longer
    /// this run's (its file was deleted or replaced: another run may be writing).
    public func publish(under lock: RunLock) throws {
        try publish(under: lock, keepingReplaced: true)
        steps.remove(rejectedQuarantine)
    }

    /// Publishes the staging folder; the result it replaces becomes `.previous` or, for a
    /// new report of the same run (`keepingReplaced` false), is dropped.
    func publish(under lock: RunLock, keepingReplaced: Bool) throws {
        do {
            try PublishedModes.apply(to: staging)
            try lock.confirm()
            try swap(keepingReplaced: keepingReplaced)
        } catch {
            discard()
            throw error
        }
    }

    private func swap(keepingReplaced: Bool) throws {
        guard Self.exists(target) else {
            let e = steps.rename(staging, target)
            guard e == 0 else { throw OutputError("\(target): cannot move the new result into place: \(Self.text(e))") }
            return
        }
        let e = steps.exchange(staging, target)
        if e == 0 {
            // The output is the new result; the staging path now holds the one it replaced.
            if keepingReplaced { keepAsPrevious(staging) } else { steps.remove(staging) }
            return
        }
        guard PublishSteps.cannotExchange(e) else {
            let why = e == EBUSY
                ? "it is a mount point or in use (\(Self.text(e))); mount the folder above it and give a folder inside it"
                : Self.text(e)
            throw OutputError("\(target): cannot replace the output folder with the new result: \(why); the outputs are as they were")
        }
        try swapByRenames(keepingReplaced: keepingReplaced)
    }

    /// Makes `path` (the result just replaced) `.previous`, never losing the current
    /// `.previous` before it: exchanged with it, or else by way of `.older`.
    private func keepAsPrevious(_ path: String) {
        guard Self.exists(previous) else {
            if steps.rename(path, previous) != 0 { steps.remove(path) }
            return
        }
        if steps.exchange(path, previous) == 0 {
            steps.remove(path)
            return
        }
        guard steps.rename(previous, older) == 0 else { return steps.remove(path) }
        guard steps.rename(path, previous) == 0 else {
            _ = steps.rename(older, previous)
            return steps.remove(path)
        }
        steps.remove(older)
    }

    /// The swap where folders cannot be exchanged: the old result is moved aside, the new
    /// one in, and what was set aside is dropped only then. A run killed between two steps
    /// leaves no output folder or a leftover `.older`/`.replaced`; `recover` sorts that out.
    private func swapByRenames(keepingReplaced: Bool) throws {
        func fail(_ path: String, _ what: String, _ e: Int32) -> OutputError {
            OutputError("\(path): cannot \(what): \(Self.text(e)); the outputs are as they were")
        }
        guard keepingReplaced else {
            var e = steps.rename(target, replaced)
            guard e == 0 else { throw fail(target, "move the current result aside", e) }
            e = steps.rename(staging, target)
            guard e == 0 else {
                _ = steps.rename(replaced, target)
                throw fail(target, "move the new result into place", e)
            }
            return steps.remove(replaced)
        }
        let hadPrevious = Self.exists(previous)
        var e = hadPrevious ? steps.rename(previous, older) : 0
        guard e == 0 else { throw fail(previous, "move the earlier result aside", e) }
        e = steps.rename(target, previous)
        guard e == 0 else {
            if hadPrevious { _ = steps.rename(older, previous) }
            throw fail(target, "move the current result aside", e)
        }
        e = steps.rename(staging, target)
        guard e == 0 else {
            _ = steps.rename(previous, target)
            if hadPrevious { _ = steps.rename(older, previous) }
            throw fail(target, "move the new result into place", e)
        }
        if hadPrevious { steps.remove(older) }
    }

    /// Whether anything (a dangling link included) is at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func text(_ error: Int32) -> String { String(cString: strerror(error)) }
}
