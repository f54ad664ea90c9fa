/// Durations in whole months, each with an end code and a frequency count: the input of
/// every survival estimator here. Code 0 is censoring; 1, 2, … are events (causes).
///
/// Ties are the rule in monthly data; every estimator works on the counts at each whole
/// month, so tied times are handled exactly, and a row with count c gives the same answer
/// as c identical rows.
public struct SurvivalData: Sendable, Equatable {
    public private(set) var times: [Int] = []
    public private(set) var codes: [Int] = []
    public private(set) var counts: [Int] = []

    public init() {}

    /// Adds `count` spells that ended at `time` (≥ 0) with `code` (0 = censored).
    public mutating func add(time: Int, code: Int, count: Int = 1) {
        precondition(time >= 0 && code >= 0 && count >= 0, "times, codes and counts are not negative")
        guard count > 0 else { return }
        times.append(time)
        codes.append(code)
        counts.append(count)
    }

    public var isEmpty: Bool { counts.allSatisfy { $0 == 0 } }
    public var total: Int { counts.reduce(0, +) }
    public var maxTime: Int { times.max() ?? 0 }

    /// Counts per whole month 0...through: ends by code ([month][code]) and numbers at risk
    /// (spells with time ≥ month). Times past `through` count as censored at `through`.
    func tabulate(through last: Int, codes codeCount: Int) -> (ends: [[Int]], atRisk: [Int]) {
        var ends = Array(repeating: Array(repeating: 0, count: codeCount), count: last + 1)
        for i in times.indices {
            let t = min(times[i], last)
            let code = times[i] > last ? 0 : codes[i]
            precondition(code < codeCount, "event code \(code) outside 0..<\(codeCount)")
            ends[t][code] += counts[i]
        }
        var atRisk = [Int](repeating: 0, count: last + 1)
        var remaining = total
        for t in 0...last {
            atRisk[t] = remaining
            remaining -= ends[t].reduce(0, +)
        }
        return (ends, atRisk)
    }
}
