import Foundation

/// How the standard error of a difference in differences is computed (definitions.md §4).
public enum DiDStandardError: String, Sendable, CaseIterable {
    /// The four shares as independent binomial proportions: sqrt(Σ p(1-p)/n).
    case binomial
    /// The published KIN evaluation tables' formula: 100·sqrt(1/n_TB + 1/n_CB) percentage points.
    case baselineCounts = "baseline-counts"
}

/// The change of a share between a baseline and a comparison period.
public struct PeriodChange: Sendable, Equatable {
    public var baseline: Proportion
    public var comparison: Proportion

    public init(baseline: Proportion, comparison: Proportion) {
        self.baseline = baseline
        self.comparison = comparison
    }

    /// comparison − baseline, in percentage points; nil when either period has no exits.
    public var changePoints: Double? {
        guard let b = baseline.percent, let c = comparison.percent else { return nil }
        return c - b
    }
}

/// A difference in differences of shares, treatment against control, with its standard
/// error, 95 % interval, z and one-sided p (definitions.md §4). Every figure that cannot be
/// computed (a cell without exits, a zero standard error) is nil, never NaN or infinity.
public struct DifferenceInDifferences: Sendable, Equatable {
    public var treatment: PeriodChange
    public var control: PeriodChange
    public var method: DiDStandardError

    public init(treatment: PeriodChange, control: PeriodChange, method: DiDStandardError = .binomial) {
        self.treatment = treatment
        self.control = control
        self.method = method
    }

    /// Treatment change − control change, in percentage points.
    public var estimate: Double? {
        guard let t = treatment.changePoints, let c = control.changePoints else { return nil }
        return t - c
    }

    /// Standard error of the estimate, in percentage points.
    public var standardError: Double? {
        switch method {
        case .binomial:
            let cells = [treatment.baseline, treatment.comparison, control.baseline, control.comparison]
            var sum = 0.0
            for cell in cells {
                guard let v = cell.variance else { return nil }
                sum += v
            }
            return 100 * sum.squareRoot()
        case .baselineCounts:
            let nt = treatment.baseline.total, nc = control.baseline.total
            guard nt > 0, nc > 0 else { return nil }
            return 100 * (1 / Double(nt) + 1 / Double(nc)).squareRoot()
        }
    }

    /// The 95 % interval, estimate ∓ z95·SE.
    public var interval: (low: Double, high: Double)? {
        guard let d = estimate, let se = standardError else { return nil }
        return (d - Normal.z95 * se, d + Normal.z95 * se)
    }

    /// estimate / SE; nil when the SE is 0.
    public var z: Double? {
        guard let d = estimate, let se = standardError, se > 0 else { return nil }
        return d / se
    }

    /// P(Z > |z|): the one-sided p-value in the direction of the estimate.
    public var pOneSided: Double? { z.map { Normal.upperTail(abs($0)) } }

    /// The relative effect: the estimate as a percentage of the treatment group's baseline share.
    public var relativePercent: Double? {
        guard let d = estimate, let base = treatment.baseline.percent, base != 0 else { return nil }
        return 100 * d / base
    }
}
