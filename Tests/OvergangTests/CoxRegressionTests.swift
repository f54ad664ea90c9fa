import XCTest
@testable import Pipeline
@testable import Statistics
@testable import Tables
@testable import Catalogue

/// Cox coefficients, standard errors and log-likelihoods against R's
/// `survival::coxph` (ties "efron" and "breslow") on the same data: textbook sets (lung,
/// veteran), the small worked examples R's survival validates against, a tie-heavy monthly
/// set with frequency counts, and the spells of `sample-data/`. Script and output:
/// `Fixtures/cox/`; CI needs no R.
final class CoxRegressionTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/cox")

    func table(_ url: URL) throws -> [[String: String]] {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    func close(_ a: Double, _ b: String, _ what: String, relative: Double = 1e-6) {
        guard let b = Double(b) else { return XCTFail("\(what): reference '\(b)' is not a number") }
        XCTAssertEqual(a, b, accuracy: max(1e-9, abs(b) * relative), what)
    }

    /// Every `<data>_<ties>/` folder: fit `<data>.csv` and compare.
    func testAgainstCoxph() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
        var checked = 0
        for name in names {
            guard let ties = CoxTies.allCases.first(where: { name.hasSuffix("_" + $0.rawValue) }) else { continue }
            let dataName = String(name.dropLast(ties.rawValue.count + 1))
            let input = Self.folder.appendingPathComponent("\(dataName).csv")
            guard FileManager.default.fileExists(atPath: input.path) else { continue }
            let spells = try CoxSpellFile(path: input.path, time: "time", event: "event")
            let model = CoxModel(spells.data, ties: ties, tolerance: 1e-12)
            let label = name
            let fit = try table(Self.folder.appendingPathComponent("\(name)/fit.csv"))[0]
            XCTAssertEqual(model.n, Double(fit["n"]!), "\(label) n")
            XCTAssertEqual(model.events, Double(fit["events"]!), "\(label) events")
            close(model.logLikelihoodNull, fit["loglik_null"]!, "\(label) loglik_null", relative: 1e-10)
            close(model.logLikelihood, fit["loglik"]!, "\(label) loglik", relative: 1e-10)
            close(model.likelihoodRatio, fit["lr_chisq"]!, "\(label) lr_chisq")
            let reference = try table(Self.folder.appendingPathComponent("\(name)/cox.csv"))
            XCTAssertEqual(model.terms.map(\.name).sorted(), reference.map { $0["term"]! }.sorted(), "\(label) terms")
            for row in reference {
                guard let term = model.terms.first(where: { $0.name == row["term"] }) else { continue }
                XCTAssertFalse(term.diverged, "\(label) \(term.name) flagged")
                close(term.coefficient, row["coef"]!, "\(label) \(term.name) coef")
                close(term.standardError, row["se"]!, "\(label) \(term.name) se")
                close(term.p, row["p"]!, "\(label) \(term.name) p")
                close(term.hazardRatioLow, row["hr_low"]!, "\(label) \(term.name) hr_low")
                close(term.hazardRatioHigh, row["hr_high"]!, "\(label) \(term.name) hr_high")
            }
            try compareTestsAndCovariances(model, spells, Self.folder.appendingPathComponent(name), label)
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 6)
    }

    /// `tests.csv` (Wald b'V⁻¹b per factor, p from pchisq) and `vcov.csv` (R's `vcov`) of a
    /// fixture folder against ours: factors are the categorical columns and the pipeline's
    /// education and immigrant terms, as `cox_fixture.R` groups them.
    func compareTestsAndCovariances(_ model: CoxModel, _ spells: CoxSpellFile, _ folder: URL, _ label: String) throws {
        let models: [(event: String, period: String?, model: CoxModel?)] = [("cox", nil, model)]
        let tests = CoxTable.tests(models, grouped: Array(spells.references.keys) + CoxTerms.factors)
        let reference = try table(folder.appendingPathComponent("tests.csv"))
        let ours = try table(writeTemporary(tests))
        XCTAssertEqual(ours.map { $0["factor"]! }, reference.map { $0["factor"]! }, "\(label) factors")
        for (mine, row) in zip(ours, reference) {
            XCTAssertEqual(Set(mine["terms"]!.split(separator: " ")), Set(row["terms"]!.split(separator: " ")), "\(label) terms")
            XCTAssertEqual(mine["df"], row["df"], "\(label) \(row["factor"]!) df")
            close(Double(mine["chisq"]!)!, row["chisq"]!, "\(label) \(row["factor"]!) chisq", relative: 1e-8)
            close(Double(mine["p"]!)!, row["p"]!, "\(label) \(row["factor"]!) p", relative: 1e-8)
        }
        let vcov = try table(writeTemporary(CoxTable.covariances(models)))
        let expected = try table(folder.appendingPathComponent("vcov.csv"))
        XCTAssertEqual(vcov.count, expected.count, "\(label) vcov cells")
        let mine = Dictionary(uniqueKeysWithValues: vcov.map { ("\($0["row_term"]!) \($0["col_term"]!)", Double($0["covariance"]!)!) })
        for row in expected {
            let key = "\(row["row_term"]!) \(row["col_term"]!)"
            guard let value = mine[key] else { XCTFail("\(label) vcov: no \(key)"); continue }
            let r = Double(row["covariance"]!)!
            XCTAssertEqual(value, r, accuracy: abs(r) * 1e-6, "\(label) vcov \(key)")
        }
    }

    /// The same on the spells of sample-data (`Fixtures/cox/sample/`, the pipeline's terms).
    func testTestsAndCovariancesOfSampleSpellsEqualR() throws {
        for event in ["deregistered", "transferred", "job", "measure", "situational"] {
            let spells = try CoxSpellFile(path: Self.folder.appendingPathComponent("sample/\(event).csv").path, time: "time", event: "event")
            let model = CoxModel(spells.data, ties: .efron, tolerance: 1e-12)
            let folder = Self.folder.appendingPathComponent("sample/\(event)_efron")
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("tests.csv").path) else { continue }
            try compareTestsAndCovariances(model, spells, folder, "sample/\(event)")
        }
    }

    func writeTemporary(_ table: CSVTable) throws -> URL {
        let dir = temporaryDirectory()
        try table.write(into: dir)
        return URL(fileURLWithPath: dir).appendingPathComponent(table.name)
    }

    func testFrequencyCountsEqualRepeatedRows() {
        var counted = CoxData(names: ["x", "z"]), repeated = CoxData(names: ["x", "z"])
        let rows: [(Double, Bool, Int, [Double])] = [(1, true, 3, [1, 0.5]), (1, false, 2, [0, 1.5]), (2, true, 4, [0, 0.2]),
                                                     (2, true, 1, [1, 2.5]), (3, false, 2, [1, 1.0]), (4, true, 2, [0, 0.7])]
        for (t, e, n, x) in rows {
            counted.add(time: t, event: e, count: n, covariates: x)
            for _ in 0..<n { repeated.add(time: t, event: e, covariates: x) }
        }
        for ties in CoxTies.allCases {
            let a = CoxModel(counted, ties: ties), b = CoxModel(repeated, ties: ties)
            XCTAssertEqual(a.logLikelihood, b.logLikelihood, accuracy: 1e-10)
            for (s, t) in zip(a.terms, b.terms) {
                XCTAssertEqual(s.coefficient, t.coefficient, accuracy: 1e-10)
                XCTAssertEqual(s.standardError, t.standardError, accuracy: 1e-10)
            }
        }
    }

    func testTermsWithoutVariationOrCollinearAreDroppedAndNamed() {
        var data = CoxData(names: ["x", "constant", "twice_x", "z"])
        for i in 0..<40 {
            let x = Double(i % 3), z = Double((i * 7) % 5)
            data.add(time: Double(1 + i % 6), event: i % 4 != 0, covariates: [x, 1, 2 * x, z])
        }
        let model = CoxModel(data)
        XCTAssertEqual(model.terms.map(\.name), ["x", "z"])
        XCTAssertEqual(model.dropped.map(\.name), ["constant", "twice_x"])
        XCTAssertEqual(model.dropped.map(\.reason), ["no variation", "collinear with other terms"])
        XCTAssertTrue(model.converged)
    }

    func testSeparationIsFlaggedDivergedNotReportedAsANumber() throws {
        var data = CoxData(names: ["x", "z"])
        // Every x = 1 spell has its event before any x = 0 spell ends; x = 0 spells are censored.
        for i in 0..<20 { data.add(time: Double(1 + i % 5), event: true, covariates: [1, Double(i % 3)]) }
        for i in 0..<20 { data.add(time: Double(6 + i % 4), event: false, covariates: [0, Double(i % 4)]) }
        let model = CoxModel(data)
        XCTAssertTrue(model.terms.first { $0.name == "x" }!.diverged)
        let csv = CoxTable.make([("job", model)]).csvText()
        XCTAssertTrue(csv.contains("job,x,,,,,,,,diverged"), csv)
    }
}

extension CoxRegressionTests {
    func testCategoricalReferenceChosenOnTheCommandLine() throws {
        let path = Self.folder.appendingPathComponent("veteran.csv").path
        let byDefault = try CoxSpellFile(path: path, time: "time", event: "event")
        XCTAssertEqual(byDefault.references["celltype"], "adeno")
        let chosen = try CoxSpellFile(path: path, time: "time", event: "event", references: ["celltype": "squamous"])
        XCTAssertEqual(chosen.data.names.filter { $0.hasPrefix("celltype_") }, ["celltype_adeno", "celltype_large", "celltype_smallcell"])
        // The same model: the likelihood does not depend on the reference.
        XCTAssertEqual(CoxModel(byDefault.data).logLikelihood, CoxModel(chosen.data).logLikelihood, accuracy: 1e-9)
        XCTAssertThrowsError(try CoxSpellFile(path: path, time: "time", event: "event", references: ["celltype": "huge"]))
    }
}
