import ArgumentParser
import Foundation
import Pipeline
import Statistics
import Tables
import Catalogue

struct Cox: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cox regression on a CSV of spells; every other column is a covariate.",
        discussion: "A run's survival_spells.csv needs no --time/--event: one model per event, with the term comparison_period.")

    @Argument(help: "CSV of spells with a time and an event column, optional count, and covariates; or a run's survival_spells.csv.")
    var file: String

    @Option(name: .long, help: "The time column.")
    var time: String?

    @Option(name: .long, help: "The event column (0/1).")
    var event: String?

    @Option(name: .long, help: "Handling of tied times: efron or breslow.")
    var ties = "efron"

    @Option(name: .long, parsing: .singleValue, help: "Reference value of a categorical covariate, COL=VALUE (repeatable).")
    var reference: [String] = []

    @Option(name: .long, help: "Folder to write cox.csv, cox_fit.csv, cox_tests.csv and cox_vcov.csv into.")
    var output: String?

    func run() throws {
        do {
            guard let method = CoxTies(rawValue: ties) else { throw ConfigurationError("--ties: expected efron or breslow, found '\(ties)'") }
            let (models, factors) = try fit(method)
            print(TextTable.render(CoxTable.make(models)))
            print(TextTable.render(CoxTable.fits(models)))
            let named = models.map { (event: $0.event, period: String?.none, model: $0.model) }
            let tests = CoxTable.tests(named, grouped: factors)
            print(TextTable.render(tests))
            warn(models)
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
                print("Tables written to \(output)/: " + [TableSpec.cox, .coxFit, .coxTests, .coxCovariances].map(\.fileName).joined(separator: ", "))
            }
        } catch {
            fail(error)
        }
    }

    /// The models: one per event of a run's spells, else one (event `cox`) on the named columns;
    /// with the factors tested jointly: categorical columns, and the pipeline's education and
    /// immigrant terms, so that a refit of a run's spells tests what the run tests.
    func fit(_ method: CoxTies) throws -> (models: [(event: String, model: CoxModel?)], factors: [String]) {
        if let spells = try RunSpells.read(path: file) {
            guard (time ?? "time") == "time", (event ?? "end") == "end", reference.isEmpty else {
                throw ConfigurationError("\(file): a run's survival_spells.csv takes no --reference, and its time and event columns are time and end")
            }
            return (spells.coxData.map { ($0.event, $0.data.count > 0 ? CoxModel($0.data, ties: method) : nil) }, CoxTerms.factors)
        }
        guard let time, let event else { throw ConfigurationError("--time and --event: both are needed (except for a run's survival_spells.csv)") }
        var chosen = [String: String]()
        for r in reference {
            let parts = r.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ConfigurationError("--reference: expected COL=VALUE, found '\(r)'") }
            chosen[parts[0]] = parts[1]
        }
        let spells = try CoxSpellFile(path: file, time: time, event: event, references: chosen)
        if spells.rowsLeftOut > 0 { print("\(spells.rowsLeftOut) of \(spells.rowsRead) rows left out (an empty field)") }
        return ([("cox", CoxModel(spells.data, ties: method))], spells.references.keys.sorted() + CoxTerms.factors)
    }

    /// What the models could not estimate, on stderr: one line per term and reason.
    func warn(_ models: [(event: String, model: CoxModel?)]) {
        func line(_ text: String) { FileHandle.standardError.write(Data("overgang: warning: \(text)\n".utf8)) }
        for (name, model) in models {
            guard let model else { line("\(name): no spells; no model"); continue }
            if !model.converged { line("\(name): the model did not converge") }
        }
        let notes = models.flatMap { m in m.model.map { CoxTermNote.notes(model: m.event, $0) } ?? [] }
        for text in CoxTermNote.lines(notes, details: nil) { line(text) }
    }
}
