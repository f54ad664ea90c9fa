import ArgumentParser
import Extracts
import Foundation
import Generator

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write synthetic extracts in the delivery format (deterministic for a seed).")

    @Option(name: .long, help: "Folder to write into.")
    var output: String

    @Option(name: .long, help: "About how many persons are registered in Arena in a month (national scale: 300000).")
    var persons = 3000

    @Option(name: .long, help: "First month, YYYY-MM.")
    var from = "2020-11"

    @Option(name: .long, help: "Last month, YYYY-MM.")
    var to = "2024-02"

    @Option(name: .long, help: "Background workforce (persons never in Arena) per registered person; 8.4 is national.")
    var workforce = 8.4

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    @OptionGroup var log: LogOptions

    func run() throws {
        let logger = log.bootstrap()
        guard let first = Month(from), let last = Month(to), first <= last else {
            FailureLine.write("--from \(from) --to \(to): expected two months YYYY-MM, from not after to", code: .usage)
        }
        guard persons >= 10 else {
            FailureLine.write("--persons \(persons): expected at least 10", code: .usage)
        }
        var options = GeneratorOptions()
        options.persons = persons
        options.from = Month(year: first.year, month: first.month)
        options.to = Month(year: last.year, month: last.month)
        options.seed = seed
        options.workforcePerPerson = workforce
        let started = Date()
        do {
            let summary = try SyntheticExtracts.write(options, to: output) { message in
                logger.info("\(message)")
            }
            print("Wrote \(summary.files) files to \(output)/ in \(String(format: "%.1f", Date().timeIntervalSince(started))) s: "
                  + "\(summary.arenaRows) arena, \(summary.aaRows) aa and \(summary.ytelseRows) ytelse rows, \(summary.bytesWritten) bytes")
        } catch {
            FailureLine.write("generate: \(error)", code: .ioError)
        }
    }
}
