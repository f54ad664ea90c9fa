import ArgumentParser
import Extracts
import Foundation
import Pipeline

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check extracts against the delivery format without computing anything.")

    @Option(name: .long, help: "Folder of extracts (default: input.directory of the configuration).")
    var input: String?

    @Option(name: .long, help: "Configuration file (for input.directory, from, to, maxRejectedShare); default: pipeline.json if present.")
    var config: String?

    @OptionGroup var log: LogOptions

    func run() throws {
        _ = log.bootstrap()
        do {
            // A file named with --config must be there; the default one may be missing.
            let path = config ?? "pipeline.json"
            var settings = config != nil || FileManager.default.fileExists(atPath: path) ? try Configuration.load(path: path) : Configuration()
            if let input { settings.input.directory = input }
            try settings.input.checkFolder(option: input == nil ? nil : "--input", source: settings.source)
            let report = try Validation(input: settings.input).run()
            print("Checked \(report.files.count) files for \(report.months.count) months \(report.months) in \(settings.input.directory)")
            for m in report.missing { print("  MISSING   \(m)") }
            for m in report.shortDeliveries { print("  SHORT     \(m)") }
            for f in report.files {
                if let e = f.error {
                    print("  ERROR     \(e)")
                } else if let s = f.stats {
                    let status = f.overLimit ? "TOO MANY" : (s.rowsSetAside > 0 ? "SET ASIDE" : "ok")
                    let outside = s.rowsOutsideMonth > 0 ? ", \(s.rowsOutsideMonth) not active in the month (valid, never employment then)" : ""
                    print("  \(status.padding(toLength: 9, withPad: " ", startingAt: 0)) \(s.file): \(s.rowsRead) rows, \(s.rowsSetAside) set aside\(outside)")
                    for sample in f.samples { print("              \(sample)") }
                }
            }
            if report.ok {
                print("All extracts follow the delivery format.")
            } else {
                let bad = report.missing.count + report.shortDeliveries.count + report.files.filter { $0.error != nil || $0.overLimit }.count
                FailureLine.write("\(bad) problem(s) found in \(settings.input.directory)", code: .dataError,
                                  fields: ["file": settings.input.directory])
            }
        } catch {
            fail(error)
        }
    }
}
