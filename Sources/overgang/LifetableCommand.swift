import ArgumentParser
import Foundation
import Pipeline
import Tables
import Catalogue

struct Lifetable: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Life table, Kaplan-Meier and log-rank from a CSV of spells (time,event[,group][,count], or a run's survival_spells.csv).")

    @Argument(help: "CSV of spells: time (whole months), event (0/1), optional group and count; or a run's survival_spells.csv.")
    var file: String

    @Option(name: .customLong("max-months"), parsing: .unconditional,
            help: ArgumentHelp("Last month of the tables, 0 to 1200 (default: the largest time); longer times count as censored at it.", valueName: "n"))
    var maxMonths: String?

    @Option(name: .long, help: "Folder to write lifetables.csv, kaplan_meier.csv and logrank.csv into.")
    var output: String?

    func run() throws {
        do {
            let last = try maxMonths.map { text in
                guard let n = Int(text), (0...SpellFile.longestTime).contains(n) else {
                    throw ConfigurationError("--max-months \(text): expected a whole number from 0 to \(SpellFile.longestTime)", key: "--max-months")
                }
                return n
            }
            let spells = try SpellFile(path: file)
            let months = last ?? spells.maxTime
            let tables = SurvivalTables(analyses: spells.analyses, maxMonths: months)
            var outputs = [tables.lifeTables(), tables.kaplanMeier(), tables.logRank()]
            if let ends = spells.runSpells?.unitEnds, !ends.isEmpty {
                outputs.append(SurvivalTables.cumulativeIncidence(periods: ends, causes: ["transferred", "deregistered"], maxMonths: months))
            }
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
