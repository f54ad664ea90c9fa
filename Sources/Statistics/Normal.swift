import Foundation

/// The standard normal distribution, as far as the statistics need it.
public enum Normal {
    /// The 97.5 % quantile: 95 % intervals are estimate ± z95 · SE (definitions.md conventions).
    public static let z95 = 1.959963984540054

    /// P(Z > z), computed with `erfc` so that far tails keep their relative precision.
    public static func upperTail(_ z: Double) -> Double {
        0.5 * erfc(z / 2.0.squareRoot())
    }
}
