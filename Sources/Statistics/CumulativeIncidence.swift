/// The Aalen-Johansen cumulative incidence of competing causes, read at each whole month
/// (R's `survfit` with a multi-state status, column `pstate`).
public struct CumulativeIncidence: Sendable {
    /// incidence[c][t]: the probability of having ended by cause c + 1 by month t.
    public let incidence: [[Double]]
    public let causes: Int

    /// `data` codes: 0 censored, 1…causes the competing causes.
    public init(_ data: SurvivalData, causes: Int, maxMonths: Int) {
        let (ends, atRisk) = data.tabulate(through: maxMonths, codes: causes + 1)
        var survival = 1.0
        var cif = [Double](repeating: 0, count: causes)
        var out = [[Double]](repeating: [], count: causes)
        for t in 0...maxMonths {
            let n = Double(atRisk[t])
            if n > 0 {
                var all = 0
                for c in 0..<causes {
                    cif[c] += survival * Double(ends[t][c + 1]) / n
                    all += ends[t][c + 1]
                }
                survival *= 1 - Double(all) / n
            }
            for c in 0..<causes { out[c].append(cif[c]) }
        }
        incidence = out
        self.causes = causes
    }
}
