/// The few fixed words the HTML report prints itself, in the report's language.
extension ReportLanguage {
    var contentsHeading: String { self == .nb ? "Innhold" : "Contents" }
    var notesHeading: String { self == .nb ? "Merknader" : "Notes" }
    /// Explains the suppression mark where it appears (tooltip, read by screen readers).
    var suppressedExplanation: String {
        self == .nb ? "Prikket: tallet er skjult fordi det bygger på for få personer"
                    : "Suppressed: the value is hidden because it rests on too few persons"
    }
    var emptyExplanation: String {
        self == .nb ? "Ingen verdi: ikke definert eller ikke aktuelt" : "No value: undefined or not applicable"
    }
    /// Written across a bar drawn empty (suppressed or no exits).
    var noDataLabel: String { self == .nb ? "ingen tall" : "no data" }
}
