import ArgumentParser
import Foundation
import Pipeline
import Report

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write report.xlsx, report.html and report.md from a finished run's output folder.")

    @Option(name: .long, help: "Configuration file (for the default output folder, language and formats).")
    var config: String?

    @Option(name: .long, help: "The run's output folder (default: output.directory of the configuration).")
    var output: String?

    @Option(name: .long, help: "Labels and number format: nb (Norwegian, decimal comma) or en (replaces report.lang).")
    var lang: ReportLanguage?

    @Option(name: .customLong("min-cell"), parsing: .unconditional,
            help: ArgumentHelp("Suppress counts below N (0 to 1000000) in the report (never lower than the run's own limit).", valueName: "n"))
    var minCellText: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Formats to write: xlsx html md (replaces report.formats).")
    var formats: [ReportFormat] = []

    @OptionGroup var log: LogOptions

    func run() throws {
        let logger = log.bootstrap()
        do {
            let minCell = try minCellText.map { try CommandLineValue.minCellCount($0) }
            // Without a configuration file the defaults apply (a folder given by --output suffices).
            // A file named by --config must exist (Configuration.load says so when it does not).
            let file = config ?? "pipeline.json"
            let settings = config != nil || FileManager.default.fileExists(atPath: file) || output == nil
                ? try Configuration.load(path: file) : Configuration()
            var checked = settings
            if let output { checked.output.directory = output }
            try OutputPath.check(checked)
            let folder = checked.output.directory
            let update = ReportUpdate(folder: folder, language: lang ?? settings.report.language,
                                      minCellCount: minCell ?? settings.output.minCellCount,
                                      formats: formats.isEmpty ? settings.report.formats : formats)
            let written = try update.run()
            logger.info("report written", metadata: ["folder": "\(folder)", "files": "\(written.joined(separator: ", "))"])
            print("Wrote \(written.map { folder + "/" + $0 }.joined(separator: ", ")).")
        } catch {
            fail(error)
        }
    }
}

extension ReportLanguage: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
