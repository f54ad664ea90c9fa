/// Calendar months as Excel dates: the serial number of the month's first day (days since
/// 1899-12-30, the epoch every reader uses for dates after February 1900).
enum ExcelDate {
    /// `yyyy-mm` → the serial of its first day; nil for any other text.
    static func serial(month text: String) -> Double? {
        // Read from the bytes: a workbook has tens of thousands of month cells, and splitting
        // each into substrings was a measurable part of its layout.
        var year = 0, month = 0, digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "-"), digits == 4 { digits = 5; continue }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), digits != 4, digits < 7 else { return nil }
            if digits < 4 { year = year * 10 + Int(byte - UInt8(ascii: "0")) } else { month = month * 10 + Int(byte - UInt8(ascii: "0")) }
            digits += 1
        }
        guard digits == 7 else { return nil }
        guard (1...12).contains(month), year >= 1901 else { return nil }
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
