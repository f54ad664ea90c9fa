import Extracts
import Foundation

/// Reads a month range of extracts into a `Panel`.
///
/// Two passes, each over files in parallel: first the Arena files (small; they decide who
/// is in the panel), then employment and benefit files, whose rows are looked up in the
/// finished Arena person table so that rows of persons never in Arena are dropped at once.
public struct PanelBuilder: Sendable {
    public struct Result: Sendable {
        public var panel: Panel
        /// One entry per file, in file order (month, then kind).
        public var files: [FileStats]
        /// Where each file's set-aside rows were written, in the same order (nil: none).
        public var quarantineParts: [String?]
        /// The keys of the panel's persons in person order, so that later months can be added
        /// to a stored panel (`build(onto:)`) numbering persons as a build from scratch does.
        public var personKeys: (bytes: [UInt8], starts: [UInt32])

        public init(panel: Panel, files: [FileStats], quarantineParts: [String?],
                    personKeys: (bytes: [UInt8], starts: [UInt32]) = ([], [0])) {
            self.panel = panel
            self.files = files
            self.quarantineParts = quarantineParts
            self.personKeys = personKeys
        }
    }

    public let files: [ExtractFile]
    public let months: MonthRange
    public let maxRejectedShare: Double
    /// Folder for per-file quarantine parts; nil counts without writing (`validate`).
    public let quarantineDirectory: String?
    /// Called as each file is read (from worker threads).
    public var onFileRead: (@Sendable (FileStats) -> Void)?

    public init(files: [ExtractFile], months: MonthRange, maxRejectedShare: Double, quarantineDirectory: String?) {
        self.files = files
        self.months = months
        self.maxRejectedShare = maxRejectedShare
        self.quarantineDirectory = quarantineDirectory
    }

    private func quarantine(for file: ExtractFile) -> Quarantine {
        Quarantine(fileName: file.name, path: part(of: file))
    }

    /// Where a file's set-aside rows are written (nil: counted only).
    private func part(of file: ExtractFile) -> String? {
        quarantineDirectory.map { ($0 as NSString).appendingPathComponent(file.name + ".quarantine") }
    }

    private func checkShare(_ stats: FileStats, _ file: ExtractFile) throws {
        if stats.setAsideShare > maxRejectedShare {
            throw ExtractError(file: file.path,
                               .tooManySetAside(setAside: stats.rowsSetAside, rows: stats.rowsRead, limit: maxRejectedShare))
        }
    }

    /// Where parsed files come from: the parser, or a cache that parses only what it lacks.
    public var source: (any ParsedFileSource)?

    private func arenaExtract(_ file: ExtractFile) throws -> ArenaExtract {
        let parse = { try ArenaExtract.read(file, quarantine: quarantine(for: file)) }
        return try source?.arena(file, parse: parse) ?? parse()
    }

    /// An employment or benefit file's persons in Arena by its month, with their flags, as
    /// parsed or from the source's `stored` form (kept filtered to that set of persons: ~10 %
    /// of a national employment file's persons).
    private func flags<E: PersonFlagExtract>(_ file: ExtractFile, _ arena: ArenaPersons, early: EarlyRead?,
                                             stored: (ExtractFile, String, () throws -> E) throws -> E?) throws -> E {
        let parse = { () throws -> E in
            let read = try early.flatMap { $0.file.path == file.path ? try $0.take(as: E.self) : nil }
            var e = try read ?? E.read(file, quarantine: quarantine(for: file))
            (e.people, e.stats) = arena.filter(e.people, e.stats)
            return e
        }
        return try stored(file, arena.digest, parse) ?? parse()
    }

    /// Builds the panel of `months` from `files`; with a `base` (a stored panel of the same
    /// files for the months before `files`' months, as `months.from` …), adds `files` to it
    /// instead: a nightly run reads only the new month's files. Either way the panel is the
    /// same, cell for cell (persons numbered in order of first appearance; employment and
    /// benefits kept from a person's first Arena month on, which is all the definitions read).
    public func build(onto base: Result? = nil) throws -> Result { try build(onto: base, early: nil) }

    /// Builds onto the stored panel `loadBase` gives (as `build(onto:)`), reading the largest
    /// employment or benefit file meanwhile (`EarlyRead`); nil if `loadBase` gives none (the
    /// caller then builds otherwise: these files alone are not the whole panel).
    public func build(ontoLoading loadBase: () throws -> Result?) throws -> Result? {
        let largest = files.filter { $0.kind != .arena }.max { $0.compressedSize < $1.compressedSize }
        // Not when the source has the file's parsed form already (a run that parsed it died).
        let unknown = largest.flatMap { source?.knowsChecksum(of: $0) == true ? nil : $0 }
        let early = unknown.map { file in
            EarlyRead(file, part: part(of: file)) { quarantine -> any PersonFlagExtract in
                if file.kind == .aa { return try EmploymentExtract.read(file, quarantine: quarantine) }
                return try BenefitExtract.read(file, quarantine: quarantine)
            }
        }
        defer { early?.finish() }
        guard let base = try loadBase() else { return nil }
        return try build(onto: base, early: early)
    }

    private func build(onto base: Result?, early: EarlyRead?) throws -> Result {
        MemoryPolicy.keepFreedMemoryForReuse()
        let arenaFiles = files.filter { $0.kind == .arena }.sorted { $0.month < $1.month }
        // Largest first, so that both cores stay busy to the end.
        let otherFiles = files.filter { $0.kind != .arena }.sorted { ($0.kind, $0.month) < ($1.kind, $1.month) }
        let onFileRead = self.onFileRead

        // Pass 1: Arena, numbered run-wide in month order as the files come in (serial, ~0.4 s
        // a year of national files): only the files parsed but not yet numbered are held.
        let months = self.months
        let numbering = ArenaNumbering(Numbering(months: months, onto: base))
        let arenaStats = try parallelMap(arenaFiles.count) { i in
            let file = arenaFiles[i]
            let extract = try arenaExtract(file)
            onFileRead?(extract.stats)
            try checkShare(extract.stats, file)
            try numbering.submit(i, extract)
            return extract.stats
        }
        let numbered = numbering.finish()
        MemoryPolicy.returnFreedMemory()   // the Arena files' parse buffers
        // Onto a stored panel (a nightly run), its rows take the new months' rows while the
        // month's employment file is still being read: copying them is the longest step
        // after it. Not in a full build, where the rows would be held beside every file's parse.
        let rowsMerged = base.map { base in
            BackgroundTask { Self.mergeRows(numbered, onto: base.panel) }
        }
        // Also when a file below fails: nothing of the build runs on after it returns.
        defer { _ = try? rowsMerged?.value() }

        // Pass 2: employment and benefits, each file parsed on its own (so that its parsed
        // form depends on it alone), then at once linked to the finished Arena person table:
        // rows of anyone else are counted and dropped. One file per core at a time.
        var linked = try parallelMap(otherFiles.count) { i -> LinkedMonth in
            let file = otherFiles[i]
            // Persons first seen in Arena after this month are not linked (never read) and
            // count as not in Arena: a file's counts do not depend on later months.
            let m = file.month - months.from
            let arena = ArenaPersons(table: numbered.persons, known: numbered.seenBy[m], digest: numbered.seenSet[m])
            let (stats, people): (FileStats, PersonFlags)
            if file.kind == .aa {
                let e: EmploymentExtract = try flags(file, arena, early: early) { try source?.employment($0, arenaSet: $1, parse: $2) }
                (stats, people) = (e.stats, e.people)
            } else {
                let b: BenefitExtract = try flags(file, arena, early: early) { try source?.benefits($0, arenaSet: $1, parse: $2) }
                (stats, people) = (b.stats, b.people)
            }
            onFileRead?(stats)
            try checkShare(stats, file)
            var link = LinkedMonth(file: file, stats: stats)
            // The form holds only persons in Arena by this month, with a flag; they come in
            // the file's hash order, as the Arena table places them (lookups walk its slots
            // front to back), and are kept in person order (compactly, `AscendingIDs`).
            var flagOf = [UInt8](repeating: 0, count: arena.known)
            for k in 0..<people.count {
                guard let p = arena.table.find(keyOf: k, in: people.persons), p < arena.known else {
                    throw ExtractError(file: file.path, .unreadable("its stored form names a person not in Arena by its month"))
                }
                flagOf[p] = people.flags[k]
            }
            for p in 0..<arena.known where flagOf[p] != 0 {
                link.persons.append(p)
                link.bits.append(flagOf[p])
            }
            return link
        }

        // The parse buffers are done with: their room goes to the panel.
        ScratchPool.shared.drain()
        MemoryPolicy.returnFreedMemory()
        let facts = PanelBuilder.factColumns(&linked, months: months, personCount: numbered.persons.count)
        let panel = PanelBuilder.assemble(numbered, rows: try rowsMerged?.value() ?? Self.mergeRows(numbered, onto: nil),
                                          facts: facts, months: months, onto: base?.panel)
        let personKeys = numbered.persons.storage

        var statsByName = [String: FileStats]()
        for stats in arenaStats { statsByName[stats.file] = stats }
        for link in linked { statsByName[link.file.name] = link.stats }
        let ordered = files.sorted { ($0.month, $0.kind) < ($1.month, $1.kind) }
        let stats = ordered.map { statsByName[$0.name]! }
        let parts: [String?] = ordered.map { file in
            guard let dir = quarantineDirectory else { return nil }
            let path = (dir as NSString).appendingPathComponent(file.name + ".quarantine")
            return FileManager.default.fileExists(atPath: path) ? path : nil
        }
        return Result(panel: panel, files: (base?.files ?? []) + stats,
                      quarantineParts: (base?.quarantineParts ?? []) + parts, personKeys: personKeys)
    }

    /// The run-wide numbering: the person and measure tables, each Arena file's rows by
    /// run-wide person (measure ids run-wide) and, per panel month, how many persons had been
    /// seen in Arena up to that month. Persons and codes are numbered in order of first
    /// appearance, Arena files added in month order, continuing a stored panel's numbering.
    struct Numbering: Sendable {
        var persons: KeyTable
        var measures: KeyTable
        var rows = [PersonMajor.Column<ArenaRow>]()
        var seenBy: [Int]
        /// Per panel month, the digest of the persons seen up to it (`KeySetDigest`): the
        /// employment and benefit forms of that month are filtered to that set.
        var seenSet: [String]
        var digest: KeySetDigest
        let months: MonthRange

        init(months: MonthRange, onto base: Result?) {
            self.months = months
            if let base {
                persons = KeyTable(bytes: base.personKeys.bytes, starts: base.personKeys.starts)
                measures = base.panel.measures
            } else {
                persons = KeyTable(capacity: 1024)
                measures = KeyTable(capacity: 64)
            }
            seenBy = [Int](repeating: persons.count, count: months.count)
            var digest = KeySetDigest()
            if let base {
                let keys = base.personKeys
                keys.bytes.withUnsafeBufferPointer { b in
                    for i in 0..<(keys.starts.count - 1) {
                        digest.add(b.baseAddress! + Int(keys.starts[i]), Int(keys.starts[i + 1] - keys.starts[i]))
                    }
                }
            }
            self.digest = digest
            seenSet = [String](repeating: digest.hex, count: months.count)
        }

        /// Numbers the persons and codes of the next month's Arena file.
        mutating func add(_ extract: ArenaExtract) throws {
            // Sized by the first file, as a national year holds ~1.5 files' worth of persons.
            if persons.count == 0 { persons = KeyTable(capacity: max(1024, extract.rows.count * 2)) }
            var map = [UInt32](repeating: 0, count: extract.rows.count)
            for i in 0..<extract.rows.count {
                map[i] = UInt32(extract.persons.withKey(i) { key, n in
                    let (id, isNew) = persons.insert(key, n)
                    if isNew { digest.add(key, n) }
                    return id
                })
            }
            let m = extract.file.month - months.from
            let set = digest.hex
            for later in m..<months.count { seenBy[later] = persons.count; seenSet[later] = set }
            let mmap = try PanelBuilder.measureMap(extract, into: &measures)
            let cells = extract.rows.map { row -> ArenaRow in
                var r = row
                r.tiltak = mmap[Int(row.tiltak)]
                return r
            }
            rows.append(PersonMajor.Column(month: UInt16(m), persons: map, values: cells))
        }
    }

    /// Each month's employment and benefits as one column of fact bits (employed: `Panel.employedBit`).
    /// The links' persons and bits are released as they are used (they are the size of the facts).
    static func factColumns(_ linked: inout [LinkedMonth], months: MonthRange, personCount: Int) -> [PersonMajor.Column<UInt8>] {
        var bits = [UInt8](repeating: 0, count: personCount)
        var columns = [PersonMajor.Column<UInt8>]()
        for (month, links) in Dictionary(grouping: linked.indices, by: { linked[$0].file.month - months.from }).sorted(by: { $0.key < $1.key }) {
            var persons = [UInt32]()
            for i in links {
                let employment = linked[i].file.kind == .aa
                var k = 0
                linked[i].persons.forEach { p in
                    if bits[p] == 0 { persons.append(UInt32(p)) }
                    bits[p] |= employment ? Panel.employedBit : linked[i].bits[k]
                    k += 1
                }
                linked[i].persons = AscendingIDs()
                linked[i].bits = []
            }
            let values = persons.map { bits[Int($0)] }
            for p in persons { bits[Int(p)] = 0 }
            columns.append(PersonMajor.Column(month: UInt16(month), persons: persons, values: values))
        }
        return columns
    }

    /// `base`'s Arena rows (if any) with the new months' rows.
    static func mergeRows(_ numbering: Numbering, onto base: Panel?) -> PersonMajor.Merged<ArenaRow> {
        PersonMajor.merge(start: base?.rowStart ?? [0], months: base?.rowMonths ?? [], values: base?.rowCells ?? [],
                          adding: numbering.rows, personCount: numbering.persons.count, empty: .none)
    }

    /// The panel: `base`'s persons and months (if any) with the new months' `rows` (`mergeRows`) and facts.
    static func assemble(_ numbering: Numbering, rows: PersonMajor.Merged<ArenaRow>, facts: [PersonMajor.Column<UInt8>],
                         months: MonthRange, onto base: Panel?) -> Panel {
        let n = numbering.persons.count
        let fact = PersonMajor.merge(start: base?.factStart ?? [0], months: base?.factMonths ?? [], values: base?.facts ?? [],
                                     adding: facts, personCount: n, empty: 0)
        return Panel(months: months, personCount: n, measures: numbering.measures,
                     rowStart: rows.start, rowMonths: rows.months, rowCells: rows.values,
                     factStart: fact.start, factMonths: fact.months, facts: fact.values)
    }

    /// The run-wide id (plus one) of each of a file's measure codes, numbering new ones.
    private static func measureMap(_ extract: ArenaExtract, into measures: inout KeyTable) throws -> [UInt16] {
        var mmap = [UInt16](repeating: 0, count: extract.measures.count + 1)
        for i in 0..<extract.measures.count {
            let id = extract.measures.withKey(i) { measures.insert($0, $1).id }
            guard id < ArenaExtract.maxMeasureCodes else {
                throw ExtractError(file: extract.file.path,
                                   .unreadable("more than \(ArenaExtract.maxMeasureCodes) different tiltak codes in the analysed months"))
            }
            mmap[i + 1] = UInt16(id + 1)
        }
        return mmap
    }
}

/// A source of parsed files, e.g. a cache keyed by the files' checksums. Each method returns
/// the file's parsed form, calling `parse` only when it has none.
/// Employment and benefit forms are filtered to the persons in Arena by their month and kept
/// under that set's digest too (`arenaSet`): another set of Arena persons (a corrected Arena
/// file that adds or drops a person) makes them be parsed again.
public protocol ParsedFileSource: Sendable {
    /// Whether the file's checksum is known (its parsed forms are likely at hand).
    func knowsChecksum(of file: ExtractFile) -> Bool
    func arena(_ file: ExtractFile, parse: () throws -> ArenaExtract) throws -> ArenaExtract
    func employment(_ file: ExtractFile, arenaSet: String, parse: () throws -> EmploymentExtract) throws -> EmploymentExtract
    func benefits(_ file: ExtractFile, arenaSet: String, parse: () throws -> BenefitExtract) throws -> BenefitExtract
}

/// The Arena persons seen by a month: the run-wide table, how many of its persons had been
/// seen (the first `known`), and the digest of that set.
struct ArenaPersons: Sendable {
    let table: KeyTable
    let known: Int
    let digest: String

    /// `people` reduced to the persons in this set with a flag (employed, or some benefit);
    /// the rows of the others are counted in `stats` as not in Arena. The kept keys keep
    /// their hashes.
    func filter(_ people: PersonFlags, _ stats: FileStats) -> (PersonFlags, FileStats) {
        var stats = stats
        var kept = [Int]()
        for k in 0..<people.count {
            if let p = table.find(keyOf: k, in: people.persons), p < known {
                if people.flags[k] != 0 { kept.append(k) }
            } else {
                stats.rowsNotInArena += Int(people.rowCounts[k])
            }
        }
        return (people.subset(kept), stats)
    }
}

/// An employment or benefit month linked to the panel's persons: run-wide ids (ascending)
/// with their flags (employed; benefit mask); the file's persons never in Arena are counted
/// in `stats`.
struct LinkedMonth: Sendable {
    var file: ExtractFile
    var stats: FileStats
    var persons = AscendingIDs()
    var bits: [UInt8] = []
}
