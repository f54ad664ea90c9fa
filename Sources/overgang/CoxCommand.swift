import ArgumentParser
import Foundation
import Pipeline
import Statistics
import Tables

struct Cox: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cox regression on a CSV of spells; every other column is a covariate.")

    @Argument(help: "CSV of spells with a time and an event column, optional count, and covariates.")
    var file: String

    @Option(name: .long, help: "The time column.")
    var time: String

    @Option(name: .long, help: "The event column (0/1).")
    var event: String

    @Option(name: .long, help: "Handling of tied times: efron or breslow.")
    var ties = "efron"

    @Option(name: .long, parsing: .singleValue, help: "Reference value of a categorical covariate, COL=VALUE (repeatable).")
    var reference: [String] = []

    @Option(name: .long, help: "Folder to write cox.csv, cox_fit.csv, cox_tests.csv and cox_vcov.csv into.")
    var output: String?

    func run() throws {
        do {
            guard let method = CoxTies(rawValue: ties) else { throw ConfigurationError("--ties: expected efron or breslow, found '\(ties)'") }
            var chosen = [String: String]()
            for r in reference {
                let parts = r.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw ConfigurationError("--reference: expected COL=VALUE, found '\(r)'") }
                chosen[parts[0]] = parts[1]
            }
            let spells = try CoxSpellFile(path: file, time: time, event: event, references: chosen)
            let model = CoxModel(spells.data, ties: method)
            let models: [(event: String, model: CoxModel?)] = [("cox", model)]
            print(TextTable.render(CoxTable.make(models)))
            print(TextTable.render(CoxTable.fits(models)))
            // Categorical columns are factors; so are the pipeline's education and immigrant
            // terms, so that a refit of survival_spells.csv tests what the run tests.
            let named = models.map { (event: $0.event, period: String?.none, model: $0.model) }
            let tests = CoxTable.tests(named, grouped: spells.references.keys.sorted() + CoxTerms.factors)
            print(TextTable.render(tests))
            if spells.rowsLeftOut > 0 { print("\(spells.rowsLeftOut) of \(spells.rowsRead) rows left out (an empty field)") }
            for d in model.dropped { FileHandle.standardError.write(Data("overgang: warning: term \(d.name) left out: \(d.reason)\n".utf8)) }
            if !model.converged { FileHandle.standardError.write(Data("overgang: warning: the model did not converge\n".utf8)) }
            for t in model.terms where t.diverged {
                FileHandle.standardError.write(Data("overgang: warning: the estimate of \(t.name) runs off to infinity (flagged diverged)\n".utf8))
            }
            if let output {
                do {
                    try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                    try CoxTable.make(models).write(into: output)
                    try CoxTable.fits(models).write(into: output)
                    try tests.write(into: output)
                    try CoxTable.covariances(named).write(into: output)
                } catch {
                    throw OutputError("\(output): cannot write the tables: \(error.localizedDescription)")
                }
                print("Tables written to \(output)/: cox.csv, cox_fit.csv, cox_tests.csv, cox_vcov.csv")
            }
        } catch {
            fail(error)
        }
    }
}
