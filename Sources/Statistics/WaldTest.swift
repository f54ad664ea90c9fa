/// The Wald test that several coefficients are all zero: χ² = b'V⁻¹b on as many degrees of
/// freedom as coefficients (definitions.md §7a; SPSS's one line per categorical covariate).
public struct WaldTest: Sendable, Equatable {
    public var chiSquare: Double
    public var degreesOfFreedom: Int
    public var p: Double

    /// Nil without coefficients or when their covariance block is not positive definite.
    public init?(coefficients b: [Double], covariance v: [[Double]]) {
        guard !b.isEmpty, let x = CoxModel.solve(v, b) else { return nil }
        chiSquare = zip(b, x).reduce(0) { $0 + $1.0 * $1.1 }
        degreesOfFreedom = b.count
        p = ChiSquare.upperTail(chiSquare, degreesOfFreedom: b.count)
    }
}

extension CoxModel {
    /// The joint Wald test of the named terms (those the model estimated; the others are
    /// skipped); nil when none is in the model or the model has no covariance.
    public func waldTest(_ names: [String]) -> WaldTest? {
        let index = names.compactMap { name in terms.firstIndex { $0.name == name } }
        guard let covariance, !index.isEmpty else { return nil }
        return WaldTest(coefficients: index.map { terms[$0].coefficient },
                        covariance: index.map { r in index.map { c in covariance[r][c] } })
    }
}
