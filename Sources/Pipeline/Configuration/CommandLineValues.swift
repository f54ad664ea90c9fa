import Extracts
import Foundation

/// Values given on the command line, checked by the same rules as the configuration file's
/// and refused with one line naming the option and the value as typed.
public enum CommandLineValue {
    /// `--min-cell N`: a whole number in `Configuration.minCellCountRange`, as `output.minCellCount`.
    public static func minCellCount(_ text: String, option: String = "--min-cell") throws -> Int {
        let range = Configuration.minCellCountRange
        guard let n = Int(text), range.contains(n) else {
            throw ConfigurationError("\(option) \(text): expected a whole number from \(range.lowerBound) to \(range.upperBound)",
                                     key: option)
        }
        return n
    }

    /// `--baseline FROM..TO` and the like: two months `YYYY-MM`, from not after to.
    public static func period(_ text: String, option: String) throws -> MonthRange {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2, let from = Month(parts[0]), let to = Month(parts[1]),
              parts.allSatisfy({ $0.count == 7 }) else {
            throw ConfigurationError("\(option) \(text): expected a period YYYY-MM..YYYY-MM", key: option)
        }
        guard from <= to else { throw ConfigurationError("\(option) \(text): the period is reversed (from is after to)", key: option) }
        return MonthRange(from: from, to: to)
    }
}

extension Configuration {
    /// `output.minCellCount` and `--min-cell`: one rule for both.
    public static let minCellCountRange = 0...1_000_000
}
