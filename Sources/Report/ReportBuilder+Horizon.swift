extension ReportBuilder {
    /// The status month's distance from the exit in words: "to måneder" / "two months" (§2's
    /// horizon), "seks måneder" / "six months" (NAV's statistic): titles follow the run.
    var horizonWords: String {
        let n = facts.horizonMonths
        let nb = ["null", "én", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti", "elleve", "tolv"]
        let en = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
        let count = n < nb.count ? (language == .nb ? nb[n] : en[n]) : String(n)
        return count + (language == .nb ? (n == 1 ? " måned" : " måneder") : (n == 1 ? " month" : " months"))
    }
}
