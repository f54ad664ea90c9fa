import CSystem
import Crypto
import Extracts
import Foundation
import Logging
import Panel

/// What the cache did for one input file in a run.
public enum CacheUse: String, Sendable {
    /// Not in the cache: parsed and stored.
    case parsed
    /// Read from the cache.
    case reused
    /// In the cache but damaged or foreign: parsed again and stored anew.
    case rebuilt
}

/// Parsed extracts and built panels on disk, so that a file is parsed once and a rerun that
/// changes only analysis settings does not read the extracts at all.
///
/// - Each file's parsed form is keyed by the file's SHA-256 (and the format version in the
///   entry's header). Which SHA-256 a file has is remembered per path with its stat
///   (`FileStamp`: size, modification and change times, inode, device), as git's index
///   does: a file whose stat is unchanged is not hashed again; any change (a corrected
///   redelivery) makes it be read, hashed, parsed. The index has a checksum (`ChecksumIndex`).
/// - The panel is keyed by the SHA-256 of the ordered list of its files' checksums and the
///   month range, so any added, changed or removed file makes it be built again (from the
///   files' cached forms where they are unchanged).
/// - Entries hold person keys: the folder is owner-only (0700), entries 0600.
public final class ExtractCache: ParsedFileSource, @unchecked Sendable {
    public let directory: String
    private let lock = NSLock()
    private var index: ChecksumIndex
    let writer: CacheFileWriter
    private var uses: [String: CacheUse] = [:]
    /// Where rows set aside go for this run (the staging folder's quarantine parts).
    var quarantineDirectory: String?

    public init(directory: String, logger: Logger = Logger(label: "overgang.cache")) throws {
        self.directory = directory
        writer = CacheFileWriter(directory: directory, logger: logger)
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw OutputError("\(directory): cannot create the cache folder: \(error.localizedDescription)")
        }
        _ = chmod(directory, 0o700)
        index = Self.loadIndex(directory, logger)
    }

    /// The index of checksums, or an empty one when there is none or it is not to be trusted.
    private static func loadIndex(_ directory: String, _ logger: Logger) -> ChecksumIndex {
        unlink("\(directory)/\(ChecksumIndex.formerFileName)")
        let path = "\(directory)/\(ChecksumIndex.fileName)"
        guard let data = FileManager.default.contents(atPath: path) else { return ChecksumIndex() }
        switch ChecksumIndex.decode([UInt8](data)) {
        case .success(let index): return index
        case .failure(.otherVersion): return ChecksumIndex()
        case .failure(.damaged):
            logger.warning("cache index damaged; every input file is read and checksummed again",
                           metadata: ["cache": "\(directory)", "index": "\(path)"])
            return ChecksumIndex()
        }
    }

    /// What the cache did for each file of this run, by file name.
    public var fileUses: [String: CacheUse] { lock.withLock { uses } }

    // MARK: the index of checksums

    public func knowsChecksum(of file: ExtractFile) -> Bool { knownChecksum(file) != nil }

    /// The SHA-256 of a file whose stamp matches the one recorded with it, else nil.
    func knownChecksum(_ file: ExtractFile) -> String? {
        guard let stamp = FileStamp(path: file.path) else { return nil }
        return lock.withLock { index.checksum(file.path, stamp: stamp) }
    }

    private func remember(_ file: ExtractFile, _ sha256: String, _ stamp: FileStamp) {
        lock.withLock { index.records[file.path] = ChecksumIndex.Record(stamp: stamp, sha256: sha256) }
    }

    public func saveIndex() {
        let bytes = lock.withLock { index.encoded() }
        var w = BinaryWriter()
        w.bytes(bytes)
        writer.write(pieces: [w], to: "\(directory)/\(ChecksumIndex.fileName)")
    }

    // MARK: entries

    private func path(_ kind: String, _ key: String) -> String { "\(directory)/\(kind)-\(key).bin" }

    /// The payload of an entry; `.damaged` when it exists but is not to be trusted.
    enum Lookup { case missing, damaged, found(BinaryReader) }

    func load(_ kind: String, _ key: String) -> Lookup {
        guard let data = ByteSource(mapping: path(kind, key)) else { return .missing }
        guard let payload = CacheEntry.decode(data, kind: kind, key: key) else { return .damaged }
        // Marks the entry as used, for `prune`.
        _ = utimes(path(kind, key), nil)
        return .found(payload)
    }

    /// Deletes entries no run has used for `days` days and temporary files left by killed
    /// runs (`CacheScratch`), so that the folder does not grow with every delivery for ever.
    /// Panels are kept only the `keptPanels` last used: each nightly run stores a panel of
    /// one more month, and a month's worth of superseded panels would outweigh the rest.
    /// One besides the new: the panel a nightly run extended, which a corrected file of the
    /// newest month is added to the next day. A second one cost a tenth of the input at 240
    /// national months and was needed only for a correction of the month before.
    /// `sparing`: the key of a panel being stored beside the pruning, which is kept and not
    /// counted (else whether it was written yet would decide which older panel goes).
    public func prune(olderThanDays days: Double = 30, keptPanels: Int = 1, sparing: String? = nil) {
        let fm = FileManager.default
        let limit = Date().addingTimeInterval(-days * 86_400)
        var panels = [(path: String, modified: Date)]()
        for name in (try? fm.contentsOfDirectory(atPath: directory)) ?? [] where name.hasSuffix(".bin") {
            let path = "\(directory)/\(name)"
            guard let modified = FileStamp(path: path)?.modified else { continue }
            if let sparing, path == self.path("panel", sparing) { continue }
            if modified < limit { try? fm.removeItem(atPath: path) } else if name.hasPrefix("panel-") { panels.append((path, modified)) }
        }
        for old in panels.sorted(by: { $0.modified > $1.modified }).dropFirst(keptPanels) { try? fm.removeItem(atPath: old.path) }
        CacheScratch.sweep(directory)
        lock.withLock { index.records = index.records.filter { fm.fileExists(atPath: $0.key) } }
    }

    func store(_ kind: String, _ key: String, _ payload: BinaryWriter) {
        var header = BinaryWriter()
        header.bytes(CacheEntry.header(kind: kind, key: key, payload: payload))
        writer.write(pieces: [header, payload], to: path(kind, key))
    }

    private func store(_ kind: String, _ key: String, _ payload: [UInt8]) {
        var w = BinaryWriter()
        w.bytes(payload)
        store(kind, key, w)
    }

    private func note(_ file: ExtractFile, _ use: CacheUse) { lock.withLock { uses[file.name] = use } }

    // MARK: parsed files

    /// Shared by the three kinds: reuse a valid entry, else parse and store (with the rows
    /// set aside, which the quarantine file of every later run must show again).
    private func cached<T>(_ file: ExtractFile, kind: String, arenaSet: String? = nil, parse: () throws -> T,
                           stats: (T) -> FileStats, encode: (T) -> BinaryWriter, decode: (BinaryReader) -> T?) throws -> T {
        // Filtered forms are kept per set of Arena persons (the digest's first 32 hex digits).
        func key(_ sha: String) -> String { arenaSet.map { "\(sha)-\($0.prefix(32))" } ?? sha }
        var damaged = false
        if let sha = knownChecksum(file) {
            switch load(kind, key(sha)) {
            case .found(let payload):
                if let value = decode(payload), restoreQuarantine(file, sha, stats(value)) {
                    note(file, .reused)
                    return value
                }
                damaged = true
            case .damaged: damaged = true
            case .missing: break
            }
        }
        // The file may be replaced while it is parsed (a delivery renamed into place): its
        // checksum is remembered only when its stat was the same before and after.
        let before = FileStamp(path: file.path)
        let value = try parse()
        let sha = stats(value).sha256
        store(kind, key(sha), encode(value))
        if let part = quarantinePart(file), let rows = FileManager.default.contents(atPath: part) {
            store("quarantine", sha, [UInt8](rows))
        }
        if let before, let after = FileStamp(path: file.path), before == after { remember(file, sha, after) }
        note(file, damaged ? .rebuilt : .parsed)
        return value
    }

    private func quarantinePart(_ file: ExtractFile) -> String? {
        quarantineDirectory.map { ($0 as NSString).appendingPathComponent(file.name + ".quarantine") }
    }

    /// Puts a cached file's set-aside rows into this run's quarantine; false if they are lost.
    func restoreQuarantine(_ file: ExtractFile, _ sha: String, _ stats: FileStats) -> Bool {
        guard stats.rowsSetAside > 0 else { return true }
        guard case .found(var entry) = load("quarantine", sha) else { return false }
        let rows = entry.rest()
        guard let part = quarantinePart(file) else { return true }
        return FileManager.default.createFile(atPath: part, contents: Data(rows), attributes: [.posixPermissions: 0o600])
    }

    private static func encodeStats(_ w: inout BinaryWriter, _ s: FileStats) {
        w.array([UInt8]((try? JSONEncoder().encode(s)) ?? Data()))
    }

    private static func decodeStats(_ r: inout BinaryReader, _ file: ExtractFile) -> FileStats? {
        guard let bytes = r.array(UInt8.self), var s = try? JSONDecoder().decode(FileStats.self, from: Data(bytes)) else { return nil }
        // The content is the same; the name and month are this run's (a file may be renamed).
        s.file = file.name
        s.kind = file.kind.rawValue
        s.month = file.month.description
        return s
    }

    public func arena(_ file: ExtractFile, parse: () throws -> ArenaExtract) throws -> ArenaExtract {
        try cached(file, kind: "arena", parse: parse, stats: \.stats, encode: { e in
            var w = BinaryWriter()
            Self.encodeStats(&w, e.stats)
            w.array(e.rows)
            w.keys(e.persons.storage.bytes, e.persons.storage.starts)
            w.array(e.measures.storage.bytes); w.array(e.measures.storage.starts)
            return w
        }, decode: { payload in
            var r = payload
            guard let stats = Self.decodeStats(&r, file), let rows = r.array(ArenaRow.self), let persons = r.keys(count: rows.count),
                  let mb = r.array(UInt8.self), let ms = r.array(UInt32.self), r.atEnd,
                  KeyTable.isValidStorage(bytes: mb, starts: ms), Self.validRows(rows, measures: ms.count - 1) else { return nil }
            var e = ArenaExtract(file: file, stats: stats)
            e.persons = KeyTable(bytes: persons.bytes, starts: persons.starts)
            e.rows = rows
            e.measures = KeyTable(bytes: mb, starts: ms)
            return e
        })
    }

    public func employment(_ file: ExtractFile, arenaSet: String, parse: () throws -> EmploymentExtract) throws -> EmploymentExtract {
        try cached(file, kind: "aa", arenaSet: arenaSet, parse: parse, stats: \.stats, encode: { Self.encode($0.stats, $0.people) }, decode: { payload in
            Self.decodePeople(payload, file).map { var e = EmploymentExtract(file: file, stats: $0.0); e.people = $0.1; return e }
        })
    }

    public func benefits(_ file: ExtractFile, arenaSet: String, parse: () throws -> BenefitExtract) throws -> BenefitExtract {
        try cached(file, kind: "ytelse", arenaSet: arenaSet, parse: parse, stats: \.stats, encode: { Self.encode($0.stats, $0.people) }, decode: { payload in
            Self.decodePeople(payload, file).map { var b = BenefitExtract(file: file, stats: $0.0); b.people = $0.1; return b }
        })
    }

    /// An employment or benefit file's persons in ~11 bytes each instead of 13: the keys
    /// (`BinaryWriter.keys`), and each person's flags and row count as one byte, an index into
    /// the file's (at most 255) kinds of (flags, count), with the rest listed apart. Less to
    /// write (the page cache's copy was ~7 % of a cold run) and to read back.
    private static func encode(_ stats: FileStats, _ people: PersonFlags) -> BinaryWriter {
        var w = BinaryWriter()
        encodeStats(&w, stats)
        let n = people.count
        // Codes for (flags, count < 16) pairs in order of first use; 255: listed apart.
        var codeOf = [UInt8](repeating: 255, count: 256 * 16)
        var kindFlags = [UInt8](), kindCounts = [UInt8]()
        var apartIds = [UInt32](), apartFlags = [UInt8](), apartCounts = [UInt32]()
        let codes = [UInt8](unsafeUninitializedCapacity: n) { out, count in
            for i in 0..<n {
                let f = people.flags[i], c = people.rowCounts[i]
                var code: UInt8 = 255
                if c < 16 {
                    let slot = Int(f) << 4 | Int(c)
                    code = codeOf[slot]
                    if code == 255 && kindFlags.count < 255 {
                        code = UInt8(kindFlags.count)
                        codeOf[slot] = code
                        kindFlags.append(f)
                        kindCounts.append(UInt8(c))
                    }
                }
                if code == 255 {
                    apartIds.append(UInt32(i)); apartFlags.append(f); apartCounts.append(c)
                }
                out[i] = code
            }
            count = n
        }
        w.array(codes)
        w.keys(people.persons.storage.bytes, people.persons.storage.starts)
        w.array(kindFlags); w.array(kindCounts)
        w.array(apartIds); w.array(apartFlags); w.array(apartCounts)
        return w
    }

    private static func decodePeople(_ payload: BinaryReader, _ file: ExtractFile) -> (FileStats, PersonFlags)? {
        var r = payload
        guard let stats = decodeStats(&r, file), let codes = r.array(UInt8.self), let keys = r.keys(count: codes.count),
              let kindFlags = r.array(UInt8.self), let kindCounts = r.array(UInt8.self),
              let apartIds = r.array(UInt32.self), let apartFlags = r.array(UInt8.self), let apartCounts = r.array(UInt32.self),
              r.atEnd, kindFlags.count == kindCounts.count, kindFlags.count <= 255,
              apartIds.count == apartFlags.count, apartIds.count == apartCounts.count else { return nil }
        let n = codes.count
        var flags = [UInt8](repeating: 0, count: n), counts = [UInt32](repeating: 0, count: n)
        var apart = 0
        for i in 0..<n {
            let code = Int(codes[i])
            if code == 255 {
                guard apart < apartIds.count, apartIds[apart] == i else { return nil }
                flags[i] = apartFlags[apart]
                counts[i] = apartCounts[apart]
                apart += 1
            } else {
                guard code < kindFlags.count else { return nil }
                flags[i] = kindFlags[code]
                counts[i] = UInt32(kindCounts[code])
            }
        }
        guard apart == apartIds.count else { return nil }
        return (stats, PersonFlags(persons: KeyList(bytes: keys.bytes, starts: keys.starts), flags: flags, rowCounts: counts))
    }

    /// Rows whose codes are in range (a measure id must name a stored code).
    private static func validRows(_ rows: [ArenaRow], measures: Int) -> Bool {
        rows.allSatisfy { Int($0.tiltak) <= measures && $0.innsatsCode <= 10 && ($0.traits >> 2) & 7 <= 4 && ($0.traits >> 5) & 3 <= 2 }
    }

    // MARK: panels

    /// The panel's key when every file's checksum is known without reading it.
    func panelKey(files: [ExtractFile], months: MonthRange) -> String? {
        var text = "panel \(CacheEntry.formatVersion) \(months)\n"
        for f in files.sorted(by: { ($0.month, $0.kind) < ($1.month, $1.kind) }) {
            guard let sha = knownChecksum(f) else { return nil }
            text += "\(f.name) \(sha)\n"
        }
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    func loadPanel(_ key: String, files: [ExtractFile], months expected: MonthRange) -> PanelBuilder.Result? {
        guard case .found(var r) = load("panel", key) else { return nil }
        guard let from = r.u64().flatMap({ Int(exactly: $0) }), let to = r.u64().flatMap({ Int(exactly: $0) }),
              let persons = r.u64().flatMap({ Int(exactly: $0) }), from == expected.from.index, to == expected.to.index,
              let mb = r.array(UInt8.self),
              let ms = r.array(UInt32.self),
              let rowStart = r.array(UInt32.self), let rowMonths = r.array(UInt16.self), let rows = r.array(ArenaRow.self),
              let factStart = r.array(UInt32.self), let factMonths = r.array(UInt16.self), let facts = r.array(UInt8.self),
              let kb = r.array(UInt8.self), let ks = r.array(UInt32.self),
              let statsBytes = r.array(UInt8.self), r.atEnd,
              let stats = try? JSONDecoder().decode([FileStats].self, from: Data(statsBytes)),
              KeyTable.isValidStorage(bytes: mb, starts: ms), Self.validRows(rows, measures: ms.count - 1),
              ks.count == persons + 1, KeyTable.isValidStorage(bytes: kb, starts: ks) else { return nil }
        let panel = Panel(months: expected, personCount: persons, measures: KeyTable(bytes: mb, starts: ms),
                          rowStart: rowStart, rowMonths: rowMonths, rowCells: rows,
                          factStart: factStart, factMonths: factMonths, facts: facts)
        guard panel.isConsistent else { return nil }
        let ordered = files.sorted { ($0.month, $0.kind) < ($1.month, $1.kind) }
        guard stats.count == ordered.count else { return nil }
        var parts = [String?]()
        for (file, s) in zip(ordered, stats) {
            guard let sha = knownChecksum(file), restoreQuarantine(file, sha, s) else { return nil }
            // The files' own entries stay in use while the panel built from them is (prune).
            _ = utimes(path(file.kind.rawValue, sha), nil)
            parts.append(s.rowsSetAside > 0 ? quarantinePart(file) : nil)
            note(file, .reused)
        }
        return PanelBuilder.Result(panel: panel, files: stats, quarantineParts: parts, personKeys: (kb, ks))
    }

    /// A stored panel of the same files for the same months but the last few (a nightly run's
    /// earlier result), not yet loaded (`loadPanel(_:)`), and the files it lacks.
    struct StoredBase {
        var key: String
        var files: [ExtractFile]
        var months: MonthRange
        /// Extending the stored panel reads only these.
        var newFiles: [ExtractFile]
    }

    /// The stored panels `files` could extend, those of the most months first.
    func storedBases(files: [ExtractFile], months: MonthRange, lookBack: Int = 12) -> [StoredBase] {
        guard months.count > 1 else { return [] }
        return (1...min(lookBack, months.count - 1)).compactMap { k in
            let end = months.to - k
            let prefix = MonthRange(from: months.from, to: end)
            let old = files.filter { $0.month <= end }
            guard let key = panelKey(files: old, months: prefix), hasEntry("panel", key) else { return nil }
            return StoredBase(key: key, files: old, months: prefix, newFiles: files.filter { $0.month > end })
        }
    }

    func loadPanel(_ base: StoredBase) -> PanelBuilder.Result? { loadPanel(base.key, files: base.files, months: base.months) }

    private func hasEntry(_ kind: String, _ key: String) -> Bool { access(path(kind, key), F_OK) == 0 }

    func storePanel(_ key: String, _ result: PanelBuilder.Result) {
        var w = BinaryWriter()
        let p = result.panel
        w.u64(UInt64(p.months.from.index)); w.u64(UInt64(p.months.to.index)); w.u64(UInt64(p.personCount))
        w.array(p.measures.storage.bytes); w.array(p.measures.storage.starts)
        w.array(p.rowStart); w.array(p.rowMonths); w.array(p.rowCells)
        w.array(p.factStart); w.array(p.factMonths); w.array(p.facts)
        w.array(result.personKeys.bytes); w.array(result.personKeys.starts)
        w.array([UInt8]((try? JSONEncoder().encode(result.files)) ?? Data()))
        store("panel", key, w)
    }
}

