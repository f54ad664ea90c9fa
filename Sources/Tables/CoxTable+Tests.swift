import Statistics
import Catalogue

/// `cox_tests.csv` and `cox_vcov.csv` (definitions.md §7a): the joint Wald test of each
/// factor and the covariance matrix of each model's terms. Like `cox.csv`, a figure resting
/// on a term whose estimate runs off to infinity, or on a model that did not converge, is
/// left empty rather than shown as a number that looks fine.
extension CoxTable {
    /// The terms grouped into factors, in the order of each factor's first term: the terms
    /// `<prefix>_…` of each prefix in `grouped` form one factor named by the prefix (a
    /// categorical covariate's levels), every other term is a factor of its own.
    public static func factors(_ terms: [String], grouped: [String]) -> [(factor: String, terms: [String])] {
        var out = [(factor: String, terms: [String])]()
        for term in terms {
            let factor = grouped.first { term.hasPrefix($0 + "_") } ?? term
            if let i = out.firstIndex(where: { $0.factor == factor }) { out[i].terms.append(term) } else { out.append((factor, [term])) }
        }
        return out
    }

    /// One row per factor of each model: chi-square, df, p. A `period` column second when
    /// the models name their periods.
    public static func tests(_ models: [(event: String, period: String?, model: CoxModel?)], grouped: [String]) -> CSVTable {
        let withPeriod = models.contains { $0.period != nil }
        var t = CSVTable(.coxTests, including: withPeriod ? [.period] : [])
        for (event, period, model) in models {
            guard let model else { continue }
            let head: [CSVTable.Cell] = [.text(event)] + (withPeriod ? [.text(period ?? "")] : [])
            for (factor, terms) in factors(model.terms.map(\.name), grouped: grouped) {
                let test = readable(model, terms) ? model.waldTest(terms) : nil
                t.append(head + [.text(factor), .text(terms.joined(separator: " ")), .number(test?.chiSquare),
                                 .count(terms.count), .number(test?.p)])
            }
        }
        return t
    }

    /// Each model's covariance matrix, long: one row per (row term, column term).
    public static func covariances(_ models: [(event: String, period: String?, model: CoxModel?)]) -> CSVTable {
        let withPeriod = models.contains { $0.period != nil }
        var t = CSVTable(.coxCovariances, including: withPeriod ? [.period] : [])
        for (event, period, model) in models {
            guard let model else { continue }
            let head: [CSVTable.Cell] = [.text(event)] + (withPeriod ? [.text(period ?? "")] : [])
            for (r, row) in model.terms.enumerated() {
                for (c, column) in model.terms.enumerated() {
                    let value = readable(model, [row.name, column.name]) ? model.covariance?[r][c] : nil
                    t.append(head + [.text(row.name), .text(column.name), .number(value)])
                }
            }
        }
        return t
    }

    /// Whether figures resting on these terms can be read: the model converged and none of
    /// them diverged.
    static func readable(_ model: CoxModel, _ names: [String]) -> Bool {
        model.converged && !model.terms.contains { names.contains($0.name) && $0.diverged }
    }
}
