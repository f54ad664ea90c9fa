import ArgumentParser
import Extracts
import Foundation
import Pipeline

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the whole pipeline: read the extracts, find exits, write the tables.")

    @Option(name: .long, help: "Configuration file (default: pipeline.json).")
    var config: String?

    @Option(name: .long, help: "Folder of extracts (replaces input.directory).")
    var input: String?

    @Option(name: .long, help: "Output folder (replaces output.directory).")
    var output: String?

    @Option(name: .long, help: "Baseline period FROM..TO (YYYY-MM..YYYY-MM) for every comparison and survival analysis.")
    var baseline: String?

    @Option(name: .long, help: "Comparison period FROM..TO for every comparison and survival analysis.")
    var comparison: String?

    // A string read unconditionally: `--min-cell -1` gets our one-line message, not the
    // parser's four lines about a missing value.
    @Option(name: .customLong("min-cell"), parsing: .unconditional,
            help: ArgumentHelp("Blank counts below N (0 to 1000000) in the published tables (replaces output.minCellCount).", valueName: "n"))
    var minCell: String?

    @Option(name: .long, help: "Cache folder of parsed extracts (replaces cache.directory; default <output>.cache).")
    var cache: String?

    @Flag(name: .customLong("no-cache"), help: "Parse every file; read and write no cache.")
    var noCache = false

    @OptionGroup var log: LogOptions

    func run() throws {
        let logger = log.bootstrap()
        do {
            // The command line's own values first: a mistyped option is named before any file is read.
            let minCellCount = try minCell.map { try CommandLineValue.minCellCount($0) }
            let baselinePeriod = try baseline.map { try CommandLineValue.period($0, option: "--baseline") }
            let comparisonPeriod = try comparison.map { try CommandLineValue.period($0, option: "--comparison") }
            var settings = try Configuration.load(path: config ?? "pipeline.json")
            if let input { settings.input.directory = input }
            if let output { settings.output.directory = output }
            if let cache { settings.cache.directory = cache }
            if noCache { settings.cache.enabled = false }
            if let minCellCount { settings.output.minCellCount = minCellCount }
            if let baselinePeriod { settings.baselineOverride = baselinePeriod }
            if let comparisonPeriod { settings.comparisonOverride = comparisonPeriod }
            if let b = settings.baselineOverride, let c = settings.comparisonOverride, b.overlaps(c) {
                throw ConfigurationError("--baseline \(b) and --comparison \(c) overlap")
            }
            try settings.applyPeriodOverrides()
            try settings.input.checkFolder(option: input == nil ? nil : "--input", source: settings.source)
            var run = PipelineRun(config: settings, logger: logger)
            let size = run.inputSize()
            let progress = ProgressLine(files: size.files, bytes: size.bytes,
                                        enabled: !log.quiet && !log.verbose && log.logFormat == .text)
            run.onFileRead = { stats in
                progress.fileDone(bytes: stats.bytes)
                logger.info("read", metadata: ["file": "\(stats.file)", "rows": "\(stats.rowsRead)",
                                               "setAside": "\(stats.rowsSetAside)", "bytes": "\(stats.bytes)"])
            }
            defer { progress.finish() }
            let summary = try run.run()
            progress.finish()
            print(summary.text)
        } catch {
            fail(error)
        }
    }
}
