import Foundation
import Logging
import XCTest
@testable import Extracts
@testable import Pipeline

/// The cache never hands back a stale or foreign checksum, survives a damaged index and a
/// full disk without failing the run, and does not keep the litter of killed runs.
final class CacheSafetyTests: XCTestCase {
    // MARK: a file rewritten with its old size and times (issue 15.1)

    func testAFileRewrittenInPlaceWithItsOldSizeAndTimesIsReadAgain() throws {
        let dir = temporaryDirectory(), cacheDir = temporaryDirectory()
        let file = try XCTUnwrap(ExtractFile.recognise(name: "aa_202201.csv.gz", in: dir))
        try Data("old content\n".utf8).write(to: URL(fileURLWithPath: file.path))
        XCTAssertEqual(try Self.cacheOnce(file, sha: "old", in: cacheDir), .parsed)
        XCTAssertEqual(try Self.cacheOnce(file, sha: "old", in: cacheDir), .reused)

        try rewriteKeepingSizeAndTimes(file.path, with: Array("new content\n".utf8))

        let cache = try ExtractCache(directory: cacheDir)
        var parsed = false
        let again = try cache.employment(file, arenaSet: "set") {
            parsed = true
            return Self.extract(file, sha: "new")
        }
        XCTAssertTrue(parsed, "the rewritten file was taken from the cache")
        XCTAssertEqual(again.stats.sha256, "new")
        XCTAssertEqual(cache.fileUses[file.name], .parsed)
    }

    /// The same through a whole run: a redelivery of the same size under the old modification
    /// time (here: another gzip header time) is read, and the manifest shows its new SHA-256.
    func testARunReadsARedeliveryWithTheOldSizeAndModificationTime() throws {
        let input = try smallExtractSet().write()
        let output = temporaryDirectory() + "/out"
        let name = "arena_202203.csv.gz"
        let before = try run(input, output)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(input)/\(name)")))
        bytes[4] ^= 0xFF   // gzip MTIME: other bytes, the same size and the same rows
        try rewriteKeepingSizeAndTimes("\(input)/\(name)", with: bytes)
        let after = try run(input, output)
        XCTAssertEqual(after.cacheUses[name], "parsed")
        let old = try XCTUnwrap(before.files.first { $0.file == name }?.sha256)
        let new = try XCTUnwrap(after.files.first { $0.file == name }?.sha256)
        XCTAssertNotEqual(old, new, "the manifest shows the old file's SHA-256")
        let manifest = try String(contentsOfFile: output + "/manifest.json", encoding: .utf8)
        XCTAssertTrue(manifest.contains(new))
        XCTAssertFalse(manifest.contains(old))
    }

    // MARK: the index's checksum (issue 15.2)

    func testAnIndexWithTwoChecksumsSwappedIsDiscardedWithAWarning() throws {
        let (dir, cacheDir) = (temporaryDirectory(), temporaryDirectory())
        let one = try Self.file("aa_202201.csv.gz", in: dir), two = try Self.file("aa_202202.csv.gz", in: dir)
        let shaOne = String(repeating: "1", count: 64), shaTwo = String(repeating: "2", count: 64)
        let cache = try ExtractCache(directory: cacheDir)
        _ = try cache.employment(one, arenaSet: "set") { Self.extract(one, sha: shaOne) }
        _ = try cache.employment(two, arenaSet: "set") { Self.extract(two, sha: shaTwo) }
        cache.saveIndex()
        XCTAssertEqual(try ExtractCache(directory: cacheDir).knownChecksum(one), shaOne)

        try damageIndex(cacheDir) { bytes in
            let a = try XCTUnwrap(Self.range(of: shaOne, in: bytes)), b = try XCTUnwrap(Self.range(of: shaTwo, in: bytes))
            let first = Array(bytes[a])
            bytes.replaceSubrange(a, with: bytes[b])
            bytes.replaceSubrange(b, with: first)
        }
        try assertIndexDiscarded(cacheDir, files: [one, two])
    }

    func testAnIndexWithAFlippedByteIsDiscardedWithAWarning() throws {
        let (dir, cacheDir) = (temporaryDirectory(), temporaryDirectory())
        let one = try Self.file("aa_202201.csv.gz", in: dir)
        XCTAssertEqual(try Self.cacheOnce(one, sha: "a", in: cacheDir), .parsed)
        let size = try XCTUnwrap(Self.range(of: one.path, in: try indexBytes(cacheDir))).upperBound
        try damageIndex(cacheDir) { $0[size] ^= 0x01 }   // the recorded size
        try assertIndexDiscarded(cacheDir, files: [one])
        // Rebuilt and trusted again.
        XCTAssertEqual(try Self.cacheOnce(one, sha: "a", in: cacheDir), .parsed)
        XCTAssertEqual(try Self.cacheOnce(one, sha: "a", in: cacheDir), .reused)
    }

    func testAnIndexRecordHoldsItsPathAndAnIndexOfAnotherVersionIsRebuiltQuietly() throws {
        var index = ChecksumIndex()
        let stamp = FileStamp(size: 1, modifiedSeconds: 2, modifiedNanoseconds: 3, changedSeconds: 4,
                              changedNanoseconds: 5, inode: 6, device: 7)
        index.records["/in/a"] = .init(stamp: stamp, sha256: "x")
        let decoded = try ChecksumIndex.decode(index.encoded()).get()
        XCTAssertEqual(decoded.records, index.records)
        XCTAssertNil(decoded.checksum("/in/b", stamp: stamp))
        var changed = stamp
        changed.changedNanoseconds += 1
        XCTAssertNil(decoded.checksum("/in/a", stamp: changed))
        changed = stamp
        changed.device += 1
        XCTAssertNil(decoded.checksum("/in/a", stamp: changed))

        // Another version, with a valid checksum: not used, and no warning.
        var other = Array(index.encoded().dropLast(4))
        other[4] &+= 1
        let sum = CacheEntry.crc(other)
        withUnsafeBytes(of: sum.littleEndian) { other.append(contentsOf: $0) }
        XCTAssertEqual(ChecksumIndex.decode(other).failure, .otherVersion)
        let cacheDir = temporaryDirectory()
        try Data(other).write(to: URL(fileURLWithPath: "\(cacheDir)/\(ChecksumIndex.fileName)"))
        let log = LogRecorder()
        _ = try ExtractCache(directory: cacheDir, logger: log.logger)
        XCTAssertEqual(log.warnings.count, 0)
    }

    // MARK: failed cache writes and the space kept for the output (issue 15.3)

    func testFailedCacheWritesAreReportedOnceAndLeaveNoTemporaryFiles() throws {
        let (dir, cacheDir) = (temporaryDirectory(), temporaryDirectory())
        let log = LogRecorder()
        let cache = try ExtractCache(directory: cacheDir, logger: log.logger)
        cache.writer.systemWrite = { _, _, _ in
            errno = ENOSPC
            return -1
        }
        for month in 1...3 {
            let file = try Self.file("aa_20220\(month).csv.gz", in: dir)
            // The last one is large enough to be written past the page cache (O_DIRECT).
            let value = try cache.employment(file, arenaSet: "set") { Self.extract(file, sha: "sha\(month)", persons: month == 3 ? 150_000 : 10) }
            XCTAssertEqual(value.stats.sha256, "sha\(month)")
        }
        cache.saveIndex()
        XCTAssertEqual(log.warnings.count, 1, "\(log.warnings)")
        let warning = try XCTUnwrap(log.warnings.first)
        XCTAssertEqual(warning.metadata["cache"], "\(cacheDir)")
        XCTAssertEqual(warning.metadata["reason"], "\(String(cString: strerror(ENOSPC)))")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cacheDir), [])
    }

    func testNoEntryIsWrittenIntoTheSpaceKeptForTheOutput() throws {
        let (dir, cacheDir) = (temporaryDirectory(), temporaryDirectory())
        let file = try Self.file("aa_202201.csv.gz", in: dir)
        let log = LogRecorder()
        let cache = try ExtractCache(directory: cacheDir, logger: log.logger)
        // 10 GiB with 100 MB free: under the reserve (5 %, 512 MB).
        cache.writer.fileSystemSpace = { _ in (available: 100 << 20, size: 10 << 30) }
        _ = try cache.employment(file, arenaSet: "set") { Self.extract(file, sha: "a") }
        let other = try Self.file("aa_202202.csv.gz", in: dir)
        _ = try cache.employment(other, arenaSet: "set") { Self.extract(other, sha: "b") }
        XCTAssertEqual(log.warnings.count, 1)
        XCTAssertEqual(log.warnings.first?.metadata["cache"], "\(cacheDir)")
        XCTAssertTrue("\(log.warnings.first?.metadata["reason"] ?? "")".contains("kept for the output"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cacheDir), [])

        XCTAssertEqual(CacheFileWriter.reserve(fileSystemSize: 10 << 30), 512 << 20)
        XCTAssertEqual(CacheFileWriter.reserve(fileSystemSize: 1 << 40), 1 << 30)
        cache.writer.fileSystemSpace = { _ in (available: 600 << 20, size: 10 << 30) }
        _ = try cache.employment(file, arenaSet: "set") { Self.extract(file, sha: "a") }
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(cacheDir)/aa-a-set.bin"))
    }

    // MARK: temporary files of killed runs (issue 15.4)

    func testTemporaryFilesOfDeadWritersAreSwept() throws {
        let cacheDir = temporaryDirectory()
        let entry = "\(cacheDir)/aa-\(String(repeating: "0", count: 64)).bin"
        let dead = CacheScratch.path(for: entry, pid: Int32.max)   // above any pid_max
        let live = CacheScratch.path(for: entry)
        let otherHost = entry + ".tmp-\(Int32.max)-zzzzzzzz-1"
        let olderVersion = entry + ".tmp-\(Int32.max)-2"
        let oldOtherHost = entry + ".tmp-\(Int32.max)-zzzzzzzz-3"
        for path in [dead, live, otherHost, olderVersion, oldOtherHost] {
            try Data([1]).write(to: URL(fileURLWithPath: path))
        }
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-2 * 86_400)],
                                              ofItemAtPath: oldOtherHost)
        XCTAssertEqual(kill(Int32.max, 0), -1)
        try ExtractCache(directory: cacheDir).prune()
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: cacheDir).map { "\(cacheDir)/\($0)" })
        XCTAssertEqual(left, [live, otherHost, olderVersion])
    }
}

// MARK: helpers

extension CacheSafetyTests {
    static func file(_ name: String, in dir: String) throws -> ExtractFile {
        let file = try XCTUnwrap(ExtractFile.recognise(name: name, in: dir))
        try Data(name.utf8).write(to: URL(fileURLWithPath: file.path))
        return file
    }

    static func extract(_ file: ExtractFile, sha: String, persons: Int = 10) -> EmploymentExtract {
        var list = KeyTable()
        for i in 0..<persons { _ = list.insert(Array("L\(i * 31)".utf8)) }
        let storage = list.storage
        var e = EmploymentExtract(file: file, stats: FileStats(file: file))
        e.people = PersonFlags(persons: KeyList(bytes: storage.bytes, starts: storage.starts),
                               flags: [UInt8](repeating: 1, count: persons), rowCounts: [UInt32](repeating: 1, count: persons))
        e.stats.sha256 = sha
        return e
    }

    /// What a fresh cache in `dir` does with `file` (parsed as checksum `sha`), index saved.
    static func cacheOnce(_ file: ExtractFile, sha: String, in dir: String) throws -> CacheUse? {
        let cache = try ExtractCache(directory: dir)
        _ = try cache.employment(file, arenaSet: "set") { extract(file, sha: sha) }
        cache.saveIndex()
        return cache.fileUses[file.name]
    }

    static func range(of text: String, in bytes: [UInt8]) -> Range<Int>? {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return nil }
        for i in 0...(bytes.count - needle.count) where bytes[i..<(i + needle.count)].elementsEqual(needle) {
            return i..<(i + needle.count)
        }
        return nil
    }

    func indexBytes(_ cacheDir: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(cacheDir)/\(ChecksumIndex.fileName)")))
    }

    func damageIndex(_ cacheDir: String, _ change: (inout [UInt8]) throws -> Void) throws {
        var bytes = try indexBytes(cacheDir)
        let before = bytes
        try change(&bytes)
        XCTAssertNotEqual(bytes, before)
        try Data(bytes).write(to: URL(fileURLWithPath: "\(cacheDir)/\(ChecksumIndex.fileName)"))
    }

    /// A cache opened on the damaged index warns once and knows no checksum.
    func assertIndexDiscarded(_ cacheDir: String, files: [ExtractFile], line: UInt = #line) throws {
        let log = LogRecorder()
        let cache = try ExtractCache(directory: cacheDir, logger: log.logger)
        for f in files { XCTAssertNil(cache.knownChecksum(f), f.name, line: line) }
        XCTAssertEqual(log.warnings.count, 1, line: line)
        XCTAssertEqual(log.warnings.first?.metadata["cache"], "\(cacheDir)", line: line)
    }

    /// Overwrites the file in place (same inode) with `bytes` of the same size, and gives it
    /// back its access and modification times to the nanosecond; only its change time moves.
    func rewriteKeepingSizeAndTimes(_ path: String, with bytes: [UInt8]) throws {
        let old = try XCTUnwrap(FileStamp(path: path))
        var s = stat()
        XCTAssertEqual(stat(path, &s), 0)
        XCTAssertEqual(Int64(bytes.count), old.size)
        let fd = open(path, O_WRONLY | O_TRUNC)
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }, bytes.count)
        close(fd)
        // The kernel's change time (which cannot be set) moves in clock ticks: set the times
        // again until it has moved, which takes one tick at most.
        var now = old
        repeat {
            let times = [s.st_atim, s.st_mtim]
            XCTAssertEqual(utimensat(AT_FDCWD, path, times, 0), 0)
            now = try XCTUnwrap(FileStamp(path: path))
        } while (now.changedSeconds, now.changedNanoseconds) == (old.changedSeconds, old.changedNanoseconds)
        XCTAssertEqual(now.size, old.size)
        XCTAssertEqual(now.inode, old.inode)
        XCTAssertEqual(now.device, old.device)
        XCTAssertEqual(now.modifiedSeconds, old.modifiedSeconds)
        XCTAssertEqual(now.modifiedNanoseconds, old.modifiedNanoseconds)
    }

    func run(_ input: String, _ output: String) throws -> RunSummary {
        var c = Configuration()
        c.input.directory = input
        c.output.directory = output
        return try PipelineRun(config: c).run()
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}

/// Keeps the log lines of a test.
final class LogRecorder: @unchecked Sendable {
    struct Line {
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata
    }

    private let lock = NSLock()
    private var lines = [Line]()

    var warnings: [Line] { lock.withLock { lines.filter { $0.level == .warning } } }

    var logger: Logger { Logger(label: "test") { _ in Handler(recorder: self) } }

    struct Handler: LogHandler {
        let recorder: LogRecorder
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let line = Line(level: event.level, message: event.message.description,
                            metadata: metadata.merging(event.metadata ?? [:]) { $1 })
            recorder.lock.withLock { recorder.lines.append(line) }
        }
    }
}
