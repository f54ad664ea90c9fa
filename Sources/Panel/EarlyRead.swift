import Extracts

/// A nightly run's largest new employment or benefit file, read on a thread of its own from
/// the start of the run (`PanelBuilder.build(ontoLoading:)`).
///
/// Adding a month to a stored panel first loads the panel and numbers the new Arena month
/// (~0.1 s at mid scale), and only then read the month's employment file, which takes longest
/// of all (inflating it alone ~0.2 s): a core stood idle for that long. The early read is the
/// same read (its set-aside rows go to the same quarantine part). It is used only if the file's
/// stat is still what it was when the read began: a file replaced meanwhile is read again, so
/// the cache never files one file's checksum under another's stat.
final class EarlyRead: @unchecked Sendable {
    let file: ExtractFile
    private let stamp: FileStamp?
    private let task: BackgroundTask<any PersonFlagExtract>

    /// Starts `read` of `file` at once.
    init(_ file: ExtractFile, read: @escaping @Sendable () throws -> any PersonFlagExtract) {
        self.file = file
        stamp = FileStamp(path: file.path)
        task = BackgroundTask(read)
    }

    /// The file as read early; nil if it is no longer the same file. Rethrows the read's error.
    func extract<E: PersonFlagExtract>(as type: E.Type) throws -> E? {
        let read = Result { try task.value() }
        guard let stamp, FileStamp(path: file.path) == stamp else { return nil }
        return try read.get() as? E
    }

    /// Waits for the read to end, whatever its outcome: it writes the file's quarantine part,
    /// which must not change after the build returns.
    func finish() { _ = try? task.value() }
}
