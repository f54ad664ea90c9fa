import Extracts
import Foundation

/// A nightly run's largest new employment or benefit file, read on a thread of its own from
/// the start of the run (`PanelBuilder.build(ontoLoading:)`).
///
/// Adding a month to a stored panel first loads the panel and numbers the new Arena month
/// (~0.1 s at mid scale), and only then read the month's employment file, which takes longest
/// of all (inflating it alone ~0.2 s): a core stood idle for that long. The early read is the
/// same read. It is taken only if the file's stat is still what it was when the read began: a
/// file replaced meanwhile is read again, so the cache never files one file's checksum under
/// another's stat. Its set-aside rows go to a scratch part beside the file's own, moved into
/// place when the read is taken and deleted when it is not, so rows of a replaced file never
/// reach the quarantine.
final class EarlyRead: @unchecked Sendable {
    let file: ExtractFile
    private let stamp: FileStamp?
    private let part: String?
    private let scratchPart: String?
    /// The read's extract until it is taken (then dropped: the unfiltered form is large).
    private final class Box: @unchecked Sendable { var extract: (any PersonFlagExtract)? }
    private let box = Box()
    private let task: BackgroundTask<Void>

    /// Starts `read` of `file` at once; `part`: the file's quarantine part (nil: none kept).
    init(_ file: ExtractFile, part: String?, read: @escaping @Sendable (Quarantine) throws -> any PersonFlagExtract) {
        self.file = file
        self.part = part
        scratchPart = part.map { $0 + ".early" }
        stamp = FileStamp(path: file.path)
        let (box, name, scratch) = (box, file.name, scratchPart)
        task = BackgroundTask { box.extract = try read(Quarantine(fileName: name, path: scratch)) }
    }

    /// The file as read early, its set-aside rows moved to the file's part; nil (and its rows
    /// dropped) if the file is no longer the one read. Rethrows the read's error, its rows kept
    /// as a failed read's are.
    func take<E: PersonFlagExtract>(as type: E.Type) throws -> E? {
        let outcome = Result { try task.value() }
        guard let stamp, FileStamp(path: file.path) == stamp else {
            discard()
            return nil
        }
        if let scratchPart, let part, access(scratchPart, F_OK) == 0 { rename(scratchPart, part) }
        try outcome.get()
        defer { box.extract = nil }
        return box.extract as? E
    }

    /// Waits for the read to end and drops what was not taken: no part of it may change after
    /// the build returns.
    func finish() {
        _ = try? task.value()
        box.extract = nil
        discard()
    }

    private func discard() {
        if let scratchPart { unlink(scratchPart) }
    }
}
