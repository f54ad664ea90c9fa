import Episodes
import Extracts
import Foundation
import Logging
import Panel
import Report
import Tables
import Catalogue
import Disclosure

/// The whole pipeline: extracts → panel → exits → tables → manifest, published atomically.
public struct PipelineRun {
    public let config: Configuration
    public var logger: Logger
    /// Called as each input file has been read (from worker threads), for progress display.
    public var onFileRead: (@Sendable (FileStats) -> Void)?

    public init(config: Configuration, logger: Logger = Logger(label: "overgang")) {
        self.config = config
        self.logger = logger
    }

    /// How many extract files the input folder holds and their compressed size in bytes,
    /// for a progress display ((0, 0) if the folder cannot be listed).
    public func inputSize() -> (files: Int, bytes: Int) {
        guard let files = try? ExtractInventory(directory: config.input.directory).files else { return (0, 0) }
        let bytes = files.reduce(0) { $0 + $1.compressedSize }
        return (files.count, bytes)
    }

    /// The months to analyse: `input.from`/`to`, else every month with an extract.
    public static func monthRange(_ inventory: ExtractInventory, _ input: Configuration.Input) throws -> MonthRange {
        let found = inventory.months
        guard let first = input.from ?? found.first, let last = input.to ?? found.last else {
            throw ExtractError(file: inventory.directory, .unreadable("no extracts (arena_/aa_/ytelse_YYYYMM.csv.gz) in the input folder"))
        }
        guard first <= last else {
            throw ExtractError(file: inventory.directory, .unreadable("no extracts between \(first) and \(last)"))
        }
        return MonthRange(from: first, to: last)
    }

    /// What a run reads: the months analysed, the Arena months before them that exits look
    /// back on, the files of both, and the survival covariates (checked before any extract).
    private struct Input {
        var months: MonthRange
        var contextFrom: Month
        var files: [ExtractFile]
        var covariates: [MonthlyCovariate]
        var firstMonth: Int { months.from - contextFrom }
    }

    private func input() throws -> Input {
        let inventory = try ExtractInventory(directory: config.input.directory)
        let months = try Self.monthRange(inventory, config.input)
        let covariates = try SurvivalStage.prepare(config, months: months)
        let contextFrom = contextStart(inventory, months)
        let context = inventory.files.filter { $0.kind == .arena && $0.month >= contextFrom && $0.month < months.from }
        let files = context + (try inventory.files(in: months))
        logger.info("input", metadata: ["folder": "\(config.input.directory)", "months": "\(months)", "files": "\(files.count)"])
        return Input(months: months, contextFrom: contextFrom, files: files, covariates: covariates)
    }

    public func run() throws -> RunSummary {
        try OutputPath.check(config)
        let started = Date()
        let input = try input()
        let output = OutputFolder(target: config.output.directory)
        let lock = try RunLock(output: output.target)
        defer { lock.release() }
        try output.prepare()
        do {
            let summary = try produce(input, into: output, started: started)
            try output.publish(under: lock)
            return summary
        } catch var error as ExtractError {
            keepRejectedQuarantine(&error, output: output)
            output.discard()
            throw error
        } catch {
            output.discard()
            throw error
        }
    }

    /// Every stage, into the output's staging folder (published by the caller).
    private func produce(_ input: Input, into output: OutputFolder, started: Date) throws -> RunSummary {
        var timer = StageTimer(logger: logger)
        let partsDir = output.path("quarantine-parts")
        try FileManager.default.createDirectory(atPath: partsDir, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        let (built, cache, storing, panelSource, panelKey) = try readPanel(input.files, MonthRange(from: input.contextFrom, to: input.months.to),
                                                                 output: output, parts: partsDir)
        // The panel is stored while the tables are computed; done before the lock is let go.
        defer { _ = try? storing?.value() }
        let panel = try checkedPanel(built, input.files, months: input.months, firstMonth: input.firstMonth)
        timer.lap("ingest")

        let exits = ExitFinder(rules: config.exit, outcome: config.outcome).find(in: panel, firstMonth: input.firstMonth)
        timer.lap("exits")

        var stage = TablesStage(panel: panel, exits: exits, config: config, firstMonth: input.firstMonth,
                                covariates: input.covariates)
        if let cache, let panelKey {
            stage.memo = TableMemo(cache: cache, panelKey: panelKey,
                                   settings: TablesStage.memoSettings(config) + "\nfirst month \(input.firstMonth)")
        }
        let analysis = stage.run()
        for w in analysis.notices { logger.warning("\(w)") }
        let tables = TableSuppression.apply(analysis.tables, limit: config.output.minCellCount,
                                            plainComparisons: config.comparisons.compactMap(\.plain), classes: exits.categories.classMembers)
        timer.lap("tables")
        // Written while the manifest and the reports are made (they take the tables as they are).
        let (dialect, quarantine, staging) = (config.output.csv, built.quarantineParts, output.staging)
        let writing = BackgroundTask { try Self.write(tables, dialect: dialect, quarantine: quarantine, staging: staging, parts: partsDir) }

        var summary = self.summary(output.target, months: input.months, built: built, panel: panel, exits: exits, tables: tables,
                                   analysis: analysis, timings: timer.timings)
        summary.cacheUses = (cache?.fileUses ?? [:]).mapValues(\.rawValue)
        summary.panelSource = panelSource
        summary.tablesReused = analysis.reused
        summary.changes = Self.changes(since: output.target + "/" + Catalogue.manifest, now: built.files)
        let reported = Result {
            let manifest = try writeManifest(summary, started: started, into: output)
            try writeReports(tables, manifest: manifest, cache: cache, into: output)
        }
        try writing.value()
        try reported.get()
        _ = try? storing?.value()
        return summary
    }

    /// The panel as read, once no file is a short delivery, with rare measure codes merged
    /// under a limit; rows set aside are logged per file.
    private func checkedPanel(_ built: PanelBuilder.Result, _ files: [ExtractFile], months: MonthRange, firstMonth: Int) throws -> Panel {
        if let short = ShortDeliveryCheck(minRowShare: config.input.minRowShare)
            .shortFiles(files, stats: built.files, in: months).first { throw short }
        var panel = built.panel
        panel.measureAliases = RareMeasureCodes.aliases(in: panel, months: firstMonth..<panel.monthCount,
                                                        limit: config.output.minCellCount)
        for stats in built.files where stats.rowsSetAside > 0 {
            logger.warning("rows set aside", metadata: ["file": "\(stats.file)", "rows": "\(stats.rowsSetAside)"])
        }
        return panel
    }

    /// The reports, from the manifest and the tables as written into the staging folder (not
    /// read back from their files), published with them; the workbook's deflated pieces are
    /// taken from and kept in the cache.
    private func writeReports(_ tables: [CSVTable], manifest: Manifest, cache: ExtractCache?, into output: OutputFolder) throws {
        var report = ReportStage(folder: output.staging, language: config.report.language,
                                 minCellCount: config.output.minCellCount, formats: config.report.formats)
        report.tables = tables
        report.manifest = manifest
        let pieces = cache.map(ReportPieceCache.init)
        report.deflateMemo = pieces
        try report.write()
        pieces?.save()
    }

    /// The tables (and their `output.csv` dialect's copies) and the quarantine file into the staging folder.
    private static func write(_ tables: [CSVTable], dialect: CSVDialect, quarantine parts: [String?], staging: String,
                              parts partsDir: String) throws {
        func path(_ name: String) -> String { (staging as NSString).appendingPathComponent(name) }
        do {
            // Independent files: written on all cores (formatting the numbers is the cost).
            _ = try parallelMap(tables.count) { try tables[$0].write(into: staging) }
            if let sub = dialect.folder {
                // Beside the standard files, which the report and every reader take.
                let folder = path(sub)
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
                _ = try parallelMap(tables.count) { try tables[$0].write(into: folder, dialect: dialect) }
            }
            try Self.assembleQuarantine(parts: parts, into: path(Catalogue.quarantine))
            try FileManager.default.removeItem(atPath: partsDir)
        } catch let e as OutputError {
            throw e
        } catch {
            throw OutputError("\(staging): cannot write the tables: \(error.localizedDescription)")
        }
    }

    /// What the run did, for the terminal and the manifest (cache use and changes added by the caller).
    private func summary(_ target: String, months: MonthRange, built: PanelBuilder.Result, panel: Panel, exits: ExitSet,
                         tables: [CSVTable], analysis: TablesStage.Result, timings: [(stage: String, seconds: Double)]) -> RunSummary {
        let complete = exits.completeMonths
        var summary = RunSummary(
            outputDirectory: target, months: months, files: built.files, persons: panel.personCount,
            exitsTabulated: exits.exits.lazy.filter { complete.contains(Int($0.month)) }.count,
            tabulatedMonths: complete.isEmpty ? nil : MonthRange(from: panel.month(complete.lowerBound), to: panel.month(complete.upperBound - 1)),
            pendingDecision: exits.pendingDecision, pendingOutcome: exits.pendingOutcome,
            tables: tables.map(\.name) + [Catalogue.quarantine, Catalogue.manifest] + config.report.formats.map(\.fileName)
                + (config.output.csv.folder.map { sub in tables.map { "\(sub)/\($0.name)" } } ?? []),
            timings: timings, warnings: analysis.warnings)
        summary.survival = analysis.survival.counts
        summary.notices = analysis.notices
        summary.headline = Headline(tables: tables, horizonMonths: config.outcome.horizonMonths)
        return summary
    }

    /// `manifest.json` into the staging folder, with the run's total time (the summary's
    /// timings stay per stage).
    private func writeManifest(_ summary: RunSummary, started: Date, into output: OutputFolder) throws -> Manifest {
        var timed = summary
        timed.timings.append(("total", Date().timeIntervalSince(started)))
        let manifest = Manifest(config: config, summary: timed, started: started, finished: Date())
        do {
            try manifest.encoded().write(to: URL(fileURLWithPath: output.path(Catalogue.manifest)))
            return manifest
        } catch {
            throw OutputError("\(output.staging): cannot write \(Catalogue.manifest): \(error.localizedDescription)")
        }
    }

    /// Too many rows set aside: keep them (owner-only) where the analyst can look, since the
    /// staging folder goes and the output folder keeps the previous result.
    private func keepRejectedQuarantine(_ error: inout ExtractError, output: OutputFolder) {
        guard case .tooManySetAside = error.reason else { return }
        let kept = output.rejectedQuarantine
        let dir = output.path("quarantine-parts")
        let parts = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
            .map { Optional(($0 as NSString).isAbsolutePath ? $0 : (dir as NSString).appendingPathComponent($0)) }
        try? FileManager.default.removeItem(atPath: kept)
        if (try? Self.assembleQuarantine(parts: parts, into: kept)) != nil { error.keptQuarantine = kept }
    }

    /// Seconds per stage, each logged as it ends.
    struct StageTimer {
        let logger: Logger
        var timings = [(stage: String, seconds: Double)]()
        var clock = Date()

        mutating func lap(_ stage: String) {
            let now = Date()
            timings.append((stage, now.timeIntervalSince(clock)))
            logger.info("stage done", metadata: ["stage": "\(stage)", "seconds": "\(String(format: "%.3f", now.timeIntervalSince(clock)))"])
            clock = now
        }
    }

    /// The first month read: the arena files of the look-back months before the range are
    /// read as context, so that an exit's NEDS history and a target-group entry (which needs
    /// the two months before, §5) do not depend on where the analysed range starts.
    func contextStart(_ inventory: ExtractInventory, _ months: MonthRange) -> Month {
        var first = months.from
        let arenaMonths = Set(inventory.files.filter { $0.kind == .arena }.map(\.month))
        let needed = max(config.exit.nedsLookbackMonths, 2)
        while first > months.from - needed, arenaMonths.contains(first - 1) { first = first - 1 }
        return first
    }

    /// The panel of `files`: from the cache when it holds it, else built (reusing the cached
    /// parsed forms of unchanged files) and stored, on a thread of its own (`storing`); with its
    /// key in the cache (nil without a cache).
    func readPanel(_ files: [ExtractFile], _ panelMonths: MonthRange, output: OutputFolder, parts partsDir: String)
        throws -> (PanelBuilder.Result, ExtractCache?, storing: BackgroundTask<Void>?, source: PanelSource, key: String?) {
        let cache = config.cache.enabled
            ? try ExtractCache(directory: config.cache.directory ?? output.target + ".cache", logger: logger) : nil
        cache?.quarantineDirectory = partsDir
        var newPanel: String?
        defer {
            cache?.prune(sparing: newPanel)
            cache?.saveIndex()
        }
        if let cache, let key = cache.panelKey(files: files, months: panelMonths), let hit = cache.loadPanel(key, files: files, months: panelMonths) {
            try checkShares(hit.files, files)
            logger.info("panel read from the cache", metadata: ["cache": "\(cache.directory)"])
            return (hit, cache, nil, .cached, key)
        }
        let (built, source) = try buildPanel(files, panelMonths, cache: cache, parts: partsDir)
        MemoryPolicy.returnFreedMemory()   // the builder's month columns, before the analysis
        // Known now that every file has been read and hashed.
        guard let cache, let key = cache.panelKey(files: files, months: panelMonths) else { return (built, cache, nil, source, nil) }
        newPanel = key
        return (built, cache, BackgroundTask { cache.storePanel(key, built) }, source, key)
    }

    /// The panel of `files` built from them, or, in a nightly run, from the stored panel of the
    /// months before the new ones and the new months' files.
    private func buildPanel(_ files: [ExtractFile], _ panelMonths: MonthRange, cache: ExtractCache?, parts: String)
        throws -> (PanelBuilder.Result, PanelSource) {
        func builder(_ files: [ExtractFile]) -> PanelBuilder {
            var builder = PanelBuilder(files: files, months: panelMonths,
                                       maxRejectedShare: config.input.maxRejectedShare, quarantineDirectory: parts)
            builder.onFileRead = onFileRead
            builder.source = cache
            return builder
        }
        for stored in cache?.storedBases(files: files, months: panelMonths) ?? [] {
            let extended = try builder(stored.newFiles).build(ontoLoading: {
                guard let base = cache?.loadPanel(stored) else { return nil }
                try checkShares(base.files, files)
                return base
            })
            guard let extended else { continue }   // not readable: the next, or all files
            logger.info("panel extended", metadata: ["months": "\(stored.months) → \(panelMonths)", "newFiles": "\(stored.newFiles.count)"])
            return (extended, .extended(from: stored.months))
        }
        return (try builder(files).build(), .built)
    }

    /// A stored panel's files against the set-aside limit, which may have changed since.
    private func checkShares(_ stats: [FileStats], _ files: [ExtractFile]) throws {
        let byName = Dictionary(files.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for s in stats where s.setAsideShare > config.input.maxRejectedShare {
            throw ExtractError(file: byName[s.file]?.path ?? s.file,
                               .tooManySetAside(setAside: s.rowsSetAside, rows: s.rowsRead, limit: config.input.maxRejectedShare))
        }
    }

    /// Input files added, changed (another checksum) and gone since the run that made the
    /// current output, from its manifest; nil when there is none or it cannot be read.
    static func changes(since manifest: String, now: [FileStats]) -> Manifest.Changes? {
        guard let data = FileManager.default.contents(atPath: manifest),
              let previous = try? Manifest.decoded(data, file: manifest) else { return nil }
        let before = Dictionary(previous.inputs.map { ($0.file, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        let current = Dictionary(uniqueKeysWithValues: now.map { ($0.file, $0.sha256) })
        var changes = Manifest.Changes()
        changes.added = current.keys.filter { before[$0] == nil }.sorted()
        changes.changed = current.keys.filter { before[$0] != nil && before[$0] != current[$0] }.sorted()
        changes.gone = before.keys.filter { current[$0] == nil }.sorted()
        changes.unchanged = current.count - changes.added.count - changes.changed.count
        return changes
    }

    /// Joins the per-file quarantine parts, in file order, into one owner-only file.
    static func assembleQuarantine(parts: [String?], into path: String) throws {
        // Created owner-only from the start (no window in which others could open it).
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw OutputError("\(path): cannot create the quarantine file: \(String(cString: strerror(errno)))") }
        let out = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        defer { try? out.close() }
        try out.write(contentsOf: Data(Quarantine.header.utf8))
        for case let part? in parts {
            guard let input = FileHandle(forReadingAtPath: part) else {
                throw OutputError("\(part): cannot read a quarantine part")
            }
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty { try out.write(contentsOf: chunk) }
            try input.close()
        }
    }
}
