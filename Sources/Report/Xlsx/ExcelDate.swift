/// Calendar months as Excel dates: the serial number of the month's first day (days since
/// 1899-12-30, the epoch every reader uses for dates after February 1900).
enum ExcelDate {
    /// `yyyy-mm` → the serial of its first day; nil for any other text.
    static func serial(month text: String) -> Double? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month), year >= 1901 else { return nil }
        return Double(daysSinceCivilEpoch(year: year, month: month, day: 1) - daysSinceCivilEpoch(year: 1899, month: 12, day: 30))
    }

    /// Days since 0000-03-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
    static func daysSinceCivilEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y / 400, yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    }
}
