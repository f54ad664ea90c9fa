import Foundation

/// The words of the report in each language: NAV's own terms in Norwegian ("Avganger",
/// "I arbeid", "Arbeid og ytelse", "Arbeid i alt", "Uføretrygd", "Annet"), plain English
/// otherwise. Codes the labels do not know (a covariate's term, an office number) are
/// printed as they are.
struct ReportLabels {
    let language: ReportLanguage

    private func pick(_ nb: String, _ en: String) -> String { language == .nb ? nb : en }

    var exits: String { pick("Avganger", "Exits") }
    var count: String { pick("Antall", "Number") }
    var share: String { pick("Prosent", "Per cent") }
    var month: String { pick("Måned", "Month") }
    var year: String { pick("År", "Year") }
    var exitStatusHeader: String { pick("Status ved avgang", "Status at exit") }
    var unit: String { pick("Enhet", "Unit") }
    var measure: String { pick("Mål", "Measure") }
    var group: String { pick("Gruppe", "Group") }
    var period: String { pick("Periode", "Period") }
    var suppressedNote: String {
        pick("«:» Prikket: færre enn %d, eller kunne ellers regnes ut fra en sum. «.» Ingen verdi.",
             "\":\" Suppressed: fewer than %d, or could otherwise be worked out from a total. \".\" No value.")
    }
    var emptyNote: String { pick("«.» Ingen verdi (ingen avganger eller ikke definert).", "\".\" No value (no exits, or undefined).") }

    /// Status classes (§2) and the comparisons' measures.
    func outcome(_ code: String) -> String {
        switch code {
        case "work", "work_only": return pick("I arbeid", "Work")
        case "work_benefit": return pick("Arbeid og ytelse", "Work with benefit")
        case "work_total": return pick("Arbeid i alt", "Work in all")
        case "disability": return pick("Uføretrygd", "Disability pension")
        case "other": return pick("Annet", "Other")
        case "job_seeker": return pick("Arbeidssøker", "Job seeker")
        case "reduced_capacity": return pick("Nedsatt arbeidsevne", "Reduced work capacity")
        case "old_age": return pick("Alderspensjon", "Old-age pension")
        default: return code
        }
    }

    func exitStatus(_ code: String) -> String {
        switch code {
        case "ARBS": return pick("Arbeidssøker", "Job seeker")
        case "NEDS": return pick("Nedsatt arbeidsevne", "Reduced work capacity")
        case "IARBS": return pick("Ikke arbeidssøker", "Not a job seeker")
        default: return code
        }
    }

    func breakdown(_ name: String) -> String {
        switch name {
        case "enhet": return pick("NAV-kontor", "Office")
        case "fylke": return pick("Fylke", "County")
        case "kjonn": return pick("Kjønn", "Sex")
        case "aldersgruppe": return pick("Aldersgruppe", "Age group")
        case "innsatsgruppe": return pick("Innsatsgruppe", "Needs group")
        case "tiltak": return pick("Tiltak", "Measure")
        case "utdanning": return pick("Utdanning", "Education")
        case "innvandrer": return pick("Innvandrer", "Immigrant")
        case "permittert": return pick("Permittert", "Laid off")
        case "route": return pick("Vei inn", "Route")
        default: return name
        }
    }

    /// A breakdown's value (codes of the extracts where they mean something to a reader).
    func value(_ v: String, of breakdown: String) -> String {
        switch (breakdown, v) {
        case (_, ""), (_, "unknown"): return pick("Ukjent", "Unknown")
        case ("route", "new"): return pick("Ny", "New")
        case ("route", "assessment"): return pick("Fra vurdering", "From assessment")
        case ("route", "sick_leave"): return pick("Fra sykmelding", "From sick leave")
        case ("kjonn", "K"): return pick("Kvinner", "Women")
        case ("kjonn", "M"): return pick("Menn", "Men")
        case ("innvandrer", "J"), ("permittert", "J"): return pick("Ja", "Yes")
        case ("innvandrer", "N"), ("permittert", "N"): return pick("Nei", "No")
        case ("aldersgruppe", "<20"): return pick("Under 20", "Under 20")
        case ("aldersgruppe", "60+"): return pick("60 og over", "60 and over")
        default: return v
        }
    }

    func periodName(_ code: String) -> String {
        switch code {
        case "baseline": return pick("Førperiode", "Baseline")
        case "comparison": return pick("Sammenligningsperiode", "Comparison")
        case "all": return pick("Samlet vindu", "Pooled window")
        case "baseline+comparison": return pick("Begge perioder", "Both periods")
        default: return code
        }
    }

    func groupName(_ code: String) -> String {
        switch code {
        case "treatment": return pick("Forsøk", "Treatment")
        case "control": return pick("Kontroll", "Control")
        case "all": return pick("Alle", "All")
        default: return code
        }
    }

    func unitName(_ code: String) -> String {
        switch code {
        case "total": return pick("Alle par", "All pairs")
        case "all": return pick("Alle", "All")
        default: return code
        }
    }

    func event(_ code: String) -> String {
        switch code {
        case "deregistered": return pick("Ut av registeret", "Deregistered")
        case "transferred": return pick("Overført til annen enhet", "Transferred")
        case "job": return pick("Jobb", "Job")
        case "measure": return pick("Tiltak", "Measure")
        case "situational": return pick("Mer innsats", "More support")
        default: return code
        }
    }

    func coxTerm(_ code: String) -> String {
        switch code {
        case "comparison_period": return pick("Sammenligningsperiode", "Comparison period")
        case "male": return pick("Mann", "Male")
        case "age": return pick("Alder (år)", "Age (years)")
        case "edu_V": return pick("Utdanning: videregående", "Education: upper secondary")
        case "edu_H4": return pick("Utdanning: høyere, inntil 4 år", "Education: higher, up to 4 years")
        case "edu_H5": return pick("Utdanning: høyere, over 4 år", "Education: higher, over 4 years")
        case "edu_unknown": return pick("Utdanning: ukjent", "Education: unknown")
        case "immigrant_J": return pick("Innvandrer", "Immigrant")
        case "immigrant_unknown": return pick("Innvandrer: ukjent", "Immigrant: unknown")
        case "laid_off": return pick("Permittert", "Laid off")
        default: return code
        }
    }

    /// The terms a Cox model left out, as `cox_fit.csv` writes them ("term (reason); …"), in
    /// the report's language.
    func droppedTerms(_ text: String) -> String {
        text.split(separator: ";").map { item -> String in
            let item = item.trimmingCharacters(in: .whitespaces)
            guard let open = item.firstIndex(of: "("), item.hasSuffix(")") else { return coxTerm(item) }
            let term = item[..<open].trimmingCharacters(in: .whitespaces)
            let reason = String(item[item.index(after: open)..<item.index(before: item.endIndex)])
            let said: String
            switch reason {
            case "no variation": said = pick("ingen variasjon", "no variation")
            case "collinear with other terms": said = pick("kollineær med andre variabler", "collinear with other terms")
            default: said = reason
            }
            return "\(coxTerm(term)) (\(said))"
        }.joined(separator: "; ")
    }
}

extension String {
    /// The label inside a sentence: first letter in lower case, except in acronyms ("NAV-kontor").
    var inSentence: String {
        guard let first = first, dropFirst().first.map({ !$0.isUppercase }) ?? true else { return self }
        return first.lowercased() + dropFirst()
    }
}
