import ArgumentParser
import Extracts
import Foundation
import Pipeline

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the whole pipeline: read the extracts, find exits, write the tables.")

    @Option(name: .long, help: "Configuration file.")
    var config = "pipeline.json"

    @Option(name: .long, help: "Folder of extracts (replaces input.directory).")
    var input: String?

    @Option(name: .long, help: "Output folder (replaces output.directory).")
    var output: String?

    @Option(name: .long, help: "Baseline period FROM..TO (YYYY-MM..YYYY-MM) for every comparison and survival analysis.")
    var baseline: String?

    @Option(name: .long, help: "Comparison period FROM..TO for every comparison and survival analysis.")
    var comparison: String?

    @Option(name: .customLong("min-cell"), help: "Blank counts below N in the published tables (replaces output.minCellCount).")
    var minCell: Int?

    @Option(name: .long, help: "Cache folder of parsed extracts (replaces cache.directory; default <output>.cache).")
    var cache: String?

    @Flag(name: .customLong("no-cache"), help: "Parse every file; read and write no cache.")
    var noCache = false

    @OptionGroup var log: LogOptions

    func run() throws {
        let logger = log.bootstrap()
        do {
            var settings = try Configuration.load(path: config)
            if let input { settings.input.directory = input }
            if let output { settings.output.directory = output }
            if let cache { settings.cache.directory = cache }
            if noCache { settings.cache.enabled = false }
            if let minCell {
                guard minCell >= 0 else { throw ConfigurationError("--min-cell: expected a whole number ≥ 0") }
                settings.output.minCellCount = minCell
            }
            if let baseline {
                guard let r = MonthRange(baseline) else { throw ConfigurationError("--baseline: expected YYYY-MM..YYYY-MM, found '\(baseline)'") }
                settings.baselineOverride = r
            }
            if let comparison {
                guard let r = MonthRange(comparison) else { throw ConfigurationError("--comparison: expected YYYY-MM..YYYY-MM, found '\(comparison)'") }
                settings.comparisonOverride = r
            }
            if let b = settings.baselineOverride, let c = settings.comparisonOverride, b.overlaps(c) {
                throw ConfigurationError("--baseline \(b) and --comparison \(c) overlap")
            }
            try settings.applyPeriodOverrides()
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
