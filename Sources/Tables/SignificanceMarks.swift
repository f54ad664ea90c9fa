/// Significance marks of a comparison (`comparisons[].marks`, definitions.md §7b): each
/// threshold of |z| with its symbol, as the KIN reports' footnote gives them (1.29 `*`,
/// 1.65 `**`, 2.33 `***`, 3.12 `#`). The reports mark by |z|: a negative effect as far from
/// zero gets the same symbol.
public struct SignificanceMarks: Sendable, Equatable {
    public struct Mark: Sendable, Equatable {
        public var z: Double
        public var symbol: String
        public init(z: Double, symbol: String) {
            self.z = z
            self.symbol = symbol
        }
    }

    /// In ascending order of threshold.
    public private(set) var marks: [Mark]

    public init(_ marks: [Mark] = []) {
        self.marks = marks.sorted { $0.z < $1.z }
    }

    public var isEmpty: Bool { marks.isEmpty }

    /// The symbol of the largest threshold ≤ |z|; empty below every threshold, without a z
    /// or without marks.
    public func symbol(for z: Double?) -> String {
        guard let z else { return "" }
        return marks.last { $0.z <= abs(z) }?.symbol ?? ""
    }

    /// What is wrong with the list, if anything (checked with the configuration).
    public func problem() -> String? {
        for (i, m) in marks.enumerated() {
            if m.symbol.isEmpty { return "the mark of threshold \(m.z) is empty" }
            if i > 0 && marks[i - 1].z == m.z { return "the threshold \(m.z) is given twice" }
        }
        return nil
    }
}
