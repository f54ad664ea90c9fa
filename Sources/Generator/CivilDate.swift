/// Calendar arithmetic on day numbers (days since 1970-01-01), after H. Hinnant's
/// `days_from_civil` / `civil_from_days`.
enum CivilDate {
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    @inline(__always)
    static func civil(_ dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// First day of the month with index `year * 12 + month - 1`.
    static func firstDay(monthIndex t: Int) -> Int { dayNumber(year: t / 12, month: t % 12 + 1, day: 1) }

    /// Last day of the month with index `t`.
    static func lastDay(monthIndex t: Int) -> Int { firstDay(monthIndex: t + 1) - 1 }

    /// Number of days of the month with index `t`.
    static func daysIn(monthIndex t: Int) -> Int { lastDay(monthIndex: t) - firstDay(monthIndex: t) + 1 }
}
