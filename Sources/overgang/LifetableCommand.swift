import ArgumentParser
import Foundation
import Pipeline
import Tables

struct Lifetable: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Life table, Kaplan-Meier and log-rank from a CSV of spells (time,event[,group][,count]).")

    @Argument(help: "CSV of spells: time (whole months), event (0/1), optional group and count.")
    var file: String

    @Option(name: .customLong("max-months"), help: "Last month of the tables (default: the largest time); longer times count as censored at it.")
    var maxMonths: Int?

    @Option(name: .long, help: "Folder to write lifetables.csv, kaplan_meier.csv and logrank.csv into.")
    var output: String?

    func run() throws {
        do {
            let spells = try SpellFile(path: file)
            if let maxMonths, maxMonths < 0 { throw ConfigurationError("--max-months: expected a whole number ≥ 0") }
            let tables = SurvivalTables(analyses: [spells.analysis()], maxMonths: maxMonths ?? spells.maxTime)
            let outputs = [tables.lifeTables(), tables.kaplanMeier(), tables.logRank()]
            for t in outputs { print(TextTable.render(t)) }
            if let output {
                do {
                    try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                    for t in outputs { try t.write(into: output) }
                } catch {
                    throw OutputError("\(output): cannot write the tables: \(error.localizedDescription)")
                }
                print("Tables written to \(output)/: \(outputs.map(\.name).joined(separator: ", "))")
            }
        } catch {
            fail(error)
        }
    }
}
