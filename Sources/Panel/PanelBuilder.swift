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
        let path = quarantineDirectory.map { ($0 as NSString).appendingPathComponent(file.name + ".quarantine") }
        return Quarantine(fileName: file.name, path: path)
    }

    private func checkShare(_ stats: FileStats, _ file: ExtractFile) throws {
        if stats.setAsideShare > maxRejectedShare {
            throw ExtractError(file: file.path,
                               .tooManySetAside(setAside: stats.rowsSetAside, rows: stats.rowsRead, limit: maxRejectedShare))
        }
    }

    public func build() throws -> Result {
        let arenaFiles = files.filter { $0.kind == .arena }.sorted { $0.month < $1.month }
        // Largest first, so that both cores stay busy to the end.
        let otherFiles = files.filter { $0.kind != .arena }.sorted { ($0.kind, $0.month) < ($1.kind, $1.month) }
        let onFileRead = self.onFileRead

        // Pass 1: Arena.
        let arena = try parallelMap(arenaFiles.count) { i in
            let file = arenaFiles[i]
            let extract = try ArenaExtract.read(file, quarantine: quarantine(for: file))
            onFileRead?(extract.stats)
            try checkShare(extract.stats, file)
            return extract
        }

        // Number persons and measure codes run-wide, in order of first appearance.
        var persons = KeyTable(capacity: max(1024, (arena.first?.rows.count ?? 0) * 2))
        var measures = KeyTable(capacity: 64)
        var personMaps = [[UInt32]]()
        var measureMaps = [[UInt16]]()
        for extract in arena {
            var map = [UInt32](repeating: 0, count: extract.rows.count)
            for i in 0..<extract.rows.count {
                map[i] = UInt32(extract.persons.withKey(i) { persons.insert($0, $1).id })
            }
            personMaps.append(map)
            var mmap = [UInt16](repeating: 0, count: extract.measures.count + 1)
            for i in 0..<extract.measures.count {
                let id = extract.measures.withKey(i) { measures.insert($0, $1).id }
                guard id < ArenaExtract.maxMeasureCodes else {
                    throw ExtractError(file: extract.file.path,
                                       .unreadable("more than \(ArenaExtract.maxMeasureCodes) different tiltak codes in the analysed months"))
                }
                mmap[i + 1] = UInt16(id + 1)
            }
            measureMaps.append(mmap)
        }

        var panel = Panel(months: months, personCount: persons.count, measures: measures)
        let monthCount = panel.monthCount
        panel.rows.withUnsafeMutableBufferPointer { cells in
            for (k, extract) in arena.enumerated() {
                let m = extract.file.month - months.from
                let map = personMaps[k], mmap = measureMaps[k]
                for (i, row) in extract.rows.enumerated() {
                    var r = row
                    r.tiltak = mmap[Int(row.tiltak)]
                    cells[Int(map[i]) * monthCount + m] = r
                }
            }
        }

        // Pass 2: employment and benefits, looked up in the finished person table.
        let table = persons
        enum Parsed: Sendable { case employment(EmploymentExtract), benefit(BenefitExtract) }
        let parsed = try parallelMap(otherFiles.count) { i in
            let file = otherFiles[i]
            let q = quarantine(for: file)
            let result: Parsed
            let stats: FileStats
            if file.kind == .aa {
                let e = try EmploymentExtract.read(file, persons: table, quarantine: q)
                result = .employment(e)
                stats = e.stats
            } else {
                let b = try BenefitExtract.read(file, persons: table, quarantine: q)
                result = .benefit(b)
                stats = b.stats
            }
            onFileRead?(stats)
            try checkShare(stats, file)
            return result
        }
        for item in parsed {
            switch item {
            case .employment(let e):
                let m = e.file.month - months.from
                panel.employed.withUnsafeMutableBufferPointer { cells in
                    for p in e.employed { cells[Int(p) * monthCount + m] = 1 }
                }
            case .benefit(let b):
                let m = b.file.month - months.from
                panel.benefits.withUnsafeMutableBufferPointer { cells in
                    for (p, bit) in zip(b.persons, b.benefits) { cells[Int(p) * monthCount + m] |= bit }
                }
            }
        }

        var statsByName = [String: FileStats]()
        for e in arena { statsByName[e.file.name] = e.stats }
        for item in parsed {
            switch item {
            case .employment(let e): statsByName[e.file.name] = e.stats
            case .benefit(let b): statsByName[b.file.name] = b.stats
            }
        }
        let ordered = files.sorted { ($0.month, $0.kind) < ($1.month, $1.kind) }
        let stats = ordered.map { statsByName[$0.name]! }
        let parts: [String?] = ordered.map { file in
            guard let dir = quarantineDirectory else { return nil }
            let path = (dir as NSString).appendingPathComponent(file.name + ".quarantine")
            return FileManager.default.fileExists(atPath: path) ? path : nil
        }
        return Result(panel: panel, files: stats, quarantineParts: parts)
    }
}
