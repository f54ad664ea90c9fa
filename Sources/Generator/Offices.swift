/// The NAV units of the synthetic data: local offices with their county (`fylke`), and the
/// national follow-up unit.
struct Office {
    /// Four-digit `enhet`.
    let code: [UInt8]
    /// Two-digit county before and from the 2024 county reform.
    let fylkeBefore2024: [UInt8]
    let fylkeFrom2024: [UInt8]
    /// Relative size.
    let weight: Int
}

enum Offices {
    /// First month index of the 2024 county reform (Viken, Vestfold og Telemark, Troms og
    /// Finnmark split up).
    static let reformMonth = 2024 * 12

    /// The national follow-up unit (`noe.unit` in the pipeline).
    static let unitCode: [UInt8] = Array("4154".utf8)
    /// First month index in which the unit takes on users.
    static let unitStartMonth = 2023 * 12

    private static func office(_ code: String, _ before: String, _ after: String, _ weight: Int) -> Office {
        Office(code: Array(code.utf8), fylkeBefore2024: Array(before.utf8), fylkeFrom2024: Array(after.utf8), weight: weight)
    }

    /// 30 local offices; 0301 (Oslo) and 0219 (Bærum) are the large ones.
    static let all: [Office] = [
        office("0301", "03", "03", 200),
        office("0219", "30", "32", 75),
        office("0220", "30", "32", 30),
        office("0231", "30", "32", 35),
        office("0602", "30", "33", 35),
        office("0106", "30", "31", 28),
        office("0105", "30", "31", 20),
        office("0403", "34", "34", 18),
        office("0412", "34", "34", 12),
        office("0501", "34", "34", 14),
        office("0502", "34", "34", 13),
        office("0701", "38", "39", 10),
        office("0704", "38", "39", 18),
        office("0806", "38", "40", 20),
        office("0904", "42", "42", 9),
        office("1001", "42", "42", 38),
        office("1102", "11", "11", 28),
        office("1103", "11", "11", 48),
        office("1106", "11", "11", 17),
        office("1124", "11", "11", 10),
        office("1201", "46", "46", 85),
        office("1247", "46", "46", 10),
        office("1502", "15", "15", 9),
        office("1504", "15", "15", 19),
        office("1601", "50", "50", 60),
        office("1804", "18", "18", 17),
        office("1902", "54", "55", 24),
        office("2004", "54", "56", 6),
        office("2030", "54", "56", 5),
        office("1813", "18", "18", 7),
    ]

    static let table = WeightedTable(all.map(\.weight))

    /// The county of residence for someone belonging to office `i` in month `t`.
    @inline(__always)
    static func fylke(_ i: Int, month t: Int) -> [UInt8] {
        t >= reformMonth ? all[i].fylkeFrom2024 : all[i].fylkeBefore2024
    }
}
