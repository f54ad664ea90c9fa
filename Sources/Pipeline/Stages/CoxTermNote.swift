import Statistics
import Catalogue

/// A Cox term one model could not estimate: left out (no variation, collinear, sums not
/// finite) or diverged (monotone likelihood). The manifest keeps one line per model; a
/// person at the terminal reads one line per term and reason, listing the models, with why
/// in plain words.
public struct CoxTermNote: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Left out of the model, for the fit's reason.
        case leftOut(String)
        case diverged
    }

    /// The model, by event (and ` (all)` for the pooled one).
    public var model: String
    public var term: String
    public var kind: Kind

    /// The terms `model` could not estimate, in the fit's order.
    public static func notes(model name: String, _ model: CoxModel) -> [CoxTermNote] {
        model.dropped.map { CoxTermNote(model: name, term: $0.name, kind: .leftOut($0.reason)) }
            + model.terms.filter(\.diverged).map { CoxTermNote(model: name, term: $0.name, kind: .diverged) }
    }

    /// The manifest's line: this model, this term, the fit's own words.
    public var detail: String {
        switch kind {
        case .leftOut(let reason): return "cox \(model): term \(term) left out (\(reason))"
        case .diverged: return "cox \(model): the estimate of \(term) runs off to infinity (monotone likelihood); flagged diverged"
        }
    }

    /// One line per term and kind, listing its models in order; `details` names the file
    /// that holds one line per model, if any.
    public static func lines(_ notes: [CoxTermNote], details: String? = "manifest.json") -> [String] {
        var groups = [(term: String, kind: Kind, models: [String])]()
        for n in notes {
            if let i = groups.firstIndex(where: { $0.term == n.term && $0.kind == n.kind }) { groups[i].models.append(n.model) }
            else { groups.append((n.term, n.kind, [n.model])) }
        }
        return groups.map { g in
            let models = (g.models.count == 1 ? "Cox model " : "Cox models ") + g.models.joined(separator: ", ")
            return "\(models): \(g.term) cannot be estimated: \(why(g.kind))" + (details.map { " (details in \($0))" } ?? "")
        }
    }

    /// Why, in a user's words, and what the tables show for it.
    static func why(_ kind: Kind) -> String {
        switch kind {
        case .leftOut("no variation"):
            return "it has the same value in every spell (e.g. all in one period), nothing to compare; left out"
        case .leftOut("collinear with other terms"):
            return "the other terms fix its value (collinear), its own effect cannot be told apart; left out"
        case .leftOut(let reason):
            return "\(reason); left out"
        case .diverged:
            return "the event befell all or none of the spells with it, no finite hazard ratio fits; flagged diverged in \(TableSpec.cox.fileName)"
        }
    }
}
