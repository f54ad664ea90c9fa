import Episodes
import Panel
import Report
import Statistics
import Catalogue

/// The Cox models of the survival stage (definitions.md §5): one per event over both periods,
/// with the period term, and one over the pooled window without it.
extension SurvivalStage {
    /// A Cox model's spells and how many were left out for want of a covariate value.
    struct CoxSpells {
        var data: CoxData
        var leftOut = 0
    }

    /// The Cox model's spells for `event`: entries of the baseline (`entries[0]`) and the
    /// comparison period, with the terms of the entry row and the extra covariates at the
    /// entry month; without the period term for the pooled model (one list of entries).
    /// `durations`: the spells' (T, D) for `event`, list by list, when followed already.
    func coxData(_ event: SpellEvent, entries: [[Entry]], rules: SpellRules, periodTerm: Bool = true,
                 durations: [[Duration?]]? = nil) -> CoxSpells {
        let builtIn = periodTerm ? CoxTerms.names : Array(CoxTerms.names.dropFirst())
        var spells = CoxSpells(data: CoxData(names: builtIn + covariates.map(\.name)))
        for (period, list) in entries.enumerated() {
            for (i, entry) in list.enumerated() {
                let followed = durations.map { $0[period][i] } ?? rules.duration(entry, event, in: panel)
                guard let d = followed else { continue }
                let month = panel.month(Int(entry.month))
                let extra = covariates.compactMap { $0.values[month] }
                guard extra.count == covariates.count else { spells.leftOut += 1; continue }
                let row = panel.row(Int(entry.person), Int(entry.month))
                var values = CoxTerms.values(row, comparisonPeriod: period == 1)
                if !periodTerm { values.removeFirst() }
                spells.data.add(time: Double(d.time), event: d.event, covariates: values + extra)
            }
        }
        return spells
    }

    /// The fitted models of a run and how many spells each left out.
    struct CoxFits {
        var models: [(event: String, period: String, model: CoxModel?)] = []
        /// Spells without a value of an extra covariate, by fit period and event.
        var leftOut: [String: [String: Int]] = [:]
        /// Terms the models could not estimate.
        var notes: [CoxTermNote] = []

        /// The sizes of the models of one fit period, by event, for the manifest.
        func counts(_ period: String) -> [String: Manifest.CoxCounts] {
            var out = [String: Manifest.CoxCounts]()
            for m in models where m.period == period {
                var c = Manifest.CoxCounts()
                c.spells = Int(m.model?.n ?? 0)
                c.events = Int(m.model?.events ?? 0)
                c.converged = m.model?.converged
                c.spellsWithoutCovariate = leftOut[period]?[m.event] ?? 0
                out[m.event] = c
            }
            return out
        }
    }

    /// Every model, fitted on all cores (they are the stage's largest cost; each fit is the
    /// same computation as alone, so the figures do not depend on the threads), with the
    /// warnings about each.
    func coxFits(_ entriesByPeriod: [(name: String, entries: [Entry])], _ durations: [[SpellEvent: [Duration?]]],
                 _ rules: SpellRules, _ warnings: inout [String]) -> CoxFits {
        let ties = CoxTies(rawValue: config.survival.ties) ?? .efron
        let byName = Dictionary(uniqueKeysWithValues: entriesByPeriod.enumerated().map { ($1.name, $0) })
        var fits: [(period: String, lists: [Int?], periodTerm: Bool, label: String)] = [
            (Self.bothPeriods, [byName["baseline"], byName["comparison"]], true, ""),
        ]
        for window in config.survival.pooled { fits.append((window.name, [byName[window.name]], false, " (\(window.name))")) }
        let plans = fits.flatMap { fit in config.survival.events.map { (fit: fit, event: $0) } }
        let fitted = try! parallelMap(plans.count) { [self] i -> (spells: CoxSpells, model: CoxModel?) in
            let plan = plans[i]
            let entries = plan.fit.lists.map { $0.map { entriesByPeriod[$0].entries } ?? [] }
            let followed = plan.fit.lists.map { $0.map { durations[$0][plan.event]! } ?? [] }
            let spells = coxData(plan.event, entries: entries, rules: rules, periodTerm: plan.fit.periodTerm, durations: followed)
            return (spells, spells.data.count > 0 ? CoxModel(spells.data, ties: ties) : nil)
        }
        var result = CoxFits()
        for (plan, fit) in zip(plans, fitted) {
            let event = plan.event.rawValue
            warnings += coxWarnings("cox \(event)\(plan.fit.label)", fit.spells, fit.model)
            if let model = fit.model { result.notes += CoxTermNote.notes(model: "\(event)\(plan.fit.label)", model) }
            result.leftOut[plan.fit.period, default: [:]][event] = fit.spells.leftOut
            result.models.append((event, plan.fit.period, fit.model))
        }
        return result
    }

    /// What a fit left out or did not converge on, for the summary and the manifest (the
    /// terms it could not estimate are `CoxFits.notes`).
    func coxWarnings(_ name: String, _ spells: CoxSpells, _ model: CoxModel?) -> [String] {
        var warnings = [String]()
        if spells.leftOut > 0 {
            warnings.append("\(name): \(spells.leftOut) spells left out, their entry month has no value of \(covariates.map(\.name).joined(separator: "/"))")
        }
        guard let model else { return warnings + ["\(name): no spells; no model"] }
        if !model.converged { warnings.append("\(name): the model did not converge; its terms are flagged not_converged") }
        return warnings
    }
}
