import Foundation

/// Maps data values linearly onto SVG user units (y grows downwards, so a y scale runs
/// from the plot's bottom to its top).
struct LinearScale {
    let domain: (Double, Double)
    let range: (Double, Double)

    func callAsFunction(_ v: Double) -> Double {
        range.0 + (v - domain.0) / (domain.1 - domain.0) * (range.1 - range.0)
    }

    /// A domain of zero width is widened so that a flat or single-point chart still draws.
    static func span(_ lo: Double, _ hi: Double) -> (Double, Double) { lo < hi ? (lo, hi) : (lo - 1, hi + 1) }
}

/// Round tick values (steps of 1, 2 or 5 times a power of ten) and their printed labels.
struct AxisTicks {
    let values: [Double]
    /// Decimals the step needs, so that 0.2 prints as "0,2" and 20 as "20".
    let decimals: Int

    init(_ domain: (Double, Double), target: Int) {
        let raw = (domain.1 - domain.0) / Double(target)
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 5, 10].first { $0 * magnitude >= raw * (1 - 1e-9) }! * magnitude
        let first = (domain.0 / step - 1e-9).rounded(.up)
        let last = (domain.1 / step + 1e-9).rounded(.down)
        values = first <= last ? (Int(first)...Int(last)).map { Double($0) * step } : []
        decimals = max(0, Int(-(log10(step)).rounded(.down)))
    }

    func label(_ v: Double, _ language: ReportLanguage) -> String {
        decimals == 0 ? language.format(v, .count) : language.fixed(v, decimals)
    }
}

/// Coordinates printed with two decimals at most: exact enough to test, short enough to read.
func svgNumber(_ x: Double) -> String {
    var s = String(format: "%.2f", x)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s == "-0" ? "0" : s
}
