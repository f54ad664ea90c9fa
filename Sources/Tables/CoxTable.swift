import Statistics

/// `cox.csv`: one row per term of each event's model (interface.md). A term whose estimate
/// runs off to infinity, or a model that did not converge, is flagged, never shown as a
/// number that looks fine.
public enum CoxTable {
    public static let header = ["event", "term", "coef", "se", "z", "p", "hr", "hr_low", "hr_high", "flag"]

    public static func make(_ models: [(event: String, model: CoxModel?)]) -> CSVTable {
        var t = CSVTable(name: "cox.csv", header: header)
        for (event, model) in models {
            guard let model else { continue }
            for term in model.terms {
                let flag = term.diverged ? "diverged" : (model.converged ? "" : "not_converged")
                if flag.isEmpty {
                    t.append([.text(event), .text(term.name), .number(term.coefficient), .number(term.standardError),
                              .number(term.z), .number(term.p), .number(term.hazardRatio), .number(term.hazardRatioLow),
                              .number(term.hazardRatioHigh), .text("")])
                } else {
                    // The estimate is not a number to read: only the flag.
                    t.append([.text(event), .text(term.name)] + Array(repeating: .number(nil), count: 7) + [.text(flag)])
                }
            }
        }
        return t
    }

    /// `cox_fit.csv`: per event, spells, events, log-likelihoods and the likelihood-ratio test.
    public static func fits(_ models: [(event: String, model: CoxModel?)]) -> CSVTable {
        var t = CSVTable(name: "cox_fit.csv", header: ["event", "n", "events", "loglik_null", "loglik", "lr_chisq", "lr_df",
                                                       "lr_p", "iterations", "converged", "dropped_terms"])
        for (event, model) in models {
            guard let m = model else { continue }
            t.append([.text(event), .count(Int(m.n)), .count(Int(m.events)), .number(m.logLikelihoodNull), .number(m.logLikelihood),
                      .number(m.likelihoodRatio), .count(m.likelihoodRatioDF), .number(m.likelihoodRatioP),
                      .count(m.iterations), .text(m.converged ? "yes" : "no"),
                      .text(m.dropped.map { "\($0.name) (\($0.reason))" }.joined(separator: "; "))])
        }
        return t
    }
}
