import Statistics
import Catalogue

/// `cox.csv`: one row per term of each event's model (interface.md). A term whose estimate
/// runs off to infinity, or a model that did not converge, is flagged, never shown as a
/// number that looks fine. The pipeline's tables end with a `period` column (the model over
/// `baseline+comparison`, or the pooled window `all`); added last so that readers by
/// position keep working.
public enum CoxTable {

    public static func make(_ models: [(event: String, model: CoxModel?)]) -> CSVTable {
        make(models.map { ($0.event, nil, $0.model) })
    }

    public static func fits(_ models: [(event: String, model: CoxModel?)]) -> CSVTable {
        fits(models.map { ($0.event, nil, $0.model) })
    }

    /// With a `period` column when the models name their periods.
    public static func make(_ models: [(event: String, period: String?, model: CoxModel?)]) -> CSVTable {
        let withPeriod = models.contains { $0.period != nil }
        var t = CSVTable(.cox, including: withPeriod ? [.period] : [])
        for (event, period, model) in models {
            guard let model else { continue }
            let tail: [CSVTable.Cell] = withPeriod ? [.text(period ?? "")] : []
            for term in model.terms {
                let flag = term.diverged ? "diverged" : (model.converged ? "" : "not_converged")
                if flag.isEmpty {
                    t.append([.text(event), .text(term.name), .number(term.coefficient), .number(term.standardError),
                              .number(term.z), .number(term.p), .number(term.hazardRatio), .number(term.hazardRatioLow),
                              .number(term.hazardRatioHigh), .text("")] + tail)
                } else {
                    // The estimate is not a number to read: only the flag.
                    t.append([.text(event), .text(term.name)] + Array(repeating: .number(nil), count: 7) + [.text(flag)] + tail)
                }
            }
        }
        return t
    }

    /// `cox_fit.csv`: per event, spells, events, log-likelihoods and the likelihood-ratio test.
    public static func fits(_ models: [(event: String, period: String?, model: CoxModel?)]) -> CSVTable {
        let withPeriod = models.contains { $0.period != nil }
        var t = CSVTable(.coxFit, including: withPeriod ? [.period] : [])
        for (event, period, model) in models {
            guard let m = model else { continue }
            t.append([.text(event), .count(Int(m.n)), .count(Int(m.events)), .number(m.logLikelihoodNull), .number(m.logLikelihood),
                      .number(m.likelihoodRatio), .count(m.likelihoodRatioDF), .number(m.likelihoodRatioP),
                      .count(m.iterations), .text(m.converged ? "yes" : "no"),
                      .text(m.dropped.map { "\($0.name) (\($0.reason))" }.joined(separator: "; "))]
                     + (withPeriod ? [.text(period ?? "")] : []))
        }
        return t
    }
}
