import LinearAudit

/// Which unknowns to blank at a limit. Primary: every count below the limit (zeros
/// included). Secondary, in two steps:
/// - the classic greedy rule, fast, over every sum at once: a sum with one blank member, or
///   whose blank members on one side come to more than 0 but less than the limit, gets its
///   smallest printed member blanked (a part before a total);
/// - an audit by linear programming (`IntervalAudit`, as τ-ARGUS audits a table set): every
///   blank's range given the printed figures and all the sums together (x ≥ 0). A blank whose
///   range is exact or narrower than the limit gets the smallest printed member of one of its
///   sums blanked, and both steps run again, until none is. A blank that the printed figures
///   give as exactly 0 protects nothing: it is printed, and both steps run again with it
///   printed (a lone blank beside it in a sum is then plain to the greedy rule, where the
///   audit's outer bounds of a large set may have missed it); it is not blanked again. When
///   no range is narrow, the audit runs once more with the large sets' blocks cut from the
///   other end, blocks kept to a calendar quarter and the values their equations alone fix
///   (`IntervalAudit.Cover`), and repairs go on with it if it finds any; the result is the
///   first set of blanks that both ways of cutting find protected.
extension DisclosureModel {
    /// Per unknown: whether it is blank in the output.
    func hidden(limit: Int) -> [Bool] {
        var hidden = values.map { v in v.map { $0 < limit } ?? true }
        guard hidden.contains(true) else { return hidden }
        let memo = IntervalAudit.Memo()
        var sumsOf = [[Int]](repeating: [], count: values.count)
        for (i, sum) in sums.enumerated() { for m in sum.members { sumsOf[m].append(i) } }
        // Zeros printed because the figures give them away: never blanked again.
        var known = [Bool](repeating: false, count: values.count)
        // Once no range is narrow, audits with the large sets' blocks cut the other way (the
        // check), repaired with that cover until it finds none: after a check's repairs the
        // first cover found nothing new on the every-table sample. Done when both covers find
        // none on the same blanks (`clean`: the blanks each last found so).
        var cover = IntervalAudit.Cover.lowestFirst
        var clean: [IntervalAudit.Cover: [Bool]] = [:]
        while true {
            greedy(&hidden, known, limit: limit)
            let audit = audited(hidden, memo, cover: cover)
            var repairs = Set<Int>()
            for (u, interval) in audit where values[u] != nil && !(interval.low == 0 && interval.high == 0) {
                let width = (interval.high ?? .infinity) - interval.low
                if width < Double(limit), let next = repair(u, hidden, known, sumsOf) { repairs.insert(next) }
            }
            if repairs.isEmpty {
                let zeros = audit.filter { $0.1.low == 0 && $0.1.high == 0 && values[$0.0] == 0 }.map(\.0)
                if zeros.isEmpty {
                    clean[cover] = hidden
                    cover = cover == .lowestFirst ? .highestFirst : .lowestFirst
                    if clean[cover] == hidden { return hidden }
                    continue
                }
                for u in zeros { (hidden[u], known[u]) = (false, true) }
            }
            for u in repairs { hidden[u] = true }
        }
    }

    private func greedy(_ hidden: inout [Bool], _ known: [Bool], limit: Int) {
        var changed = true
        while changed {
            changed = false
            for sum in sums {
                if let next = nextToBlank(sum, hidden, known, limit: limit) {
                    hidden[next] = true
                    changed = true
                }
            }
        }
    }

    /// The secondary rule for one sum: the printed member to blank next, or nil.
    private func nextToBlank(_ sum: Sum, _ hidden: [Bool], _ known: [Bool], limit: Int) -> Int? {
        let blanks = sum.members.filter { hidden[$0] }
        guard !blanks.isEmpty else { return nil }
        var exposed = blanks.count == 1
        if !exposed {
            let plusBlank = sum.plus.contains { hidden[$0] }, minusBlank = sum.minus.contains { hidden[$0] }
            if plusBlank != minusBlank {
                let printed = { (side: [Int]) in side.reduce(0) { hidden[$1] ? $0 : $0 + (values[$1] ?? 0) } }
                let rest = plusBlank ? printed(sum.minus) - printed(sum.plus) : printed(sum.plus) - printed(sum.minus)
                exposed = rest > 0 && rest < limit
            }
        }
        return exposed ? smallestPrinted(in: [sum], hidden, known) : nil
    }

    /// The smallest printed part of the sums (least lost), else the smallest printed total;
    /// not a `known` zero.
    private func smallestPrinted(in sums: [Sum], _ hidden: [Bool], _ known: [Bool]) -> Int? {
        func smallest(_ members: [Int]) -> Int? {
            members.filter { !hidden[$0] && !known[$0] && values[$0] != nil }.min { (values[$0]!, $0) < (values[$1]!, $1) }
        }
        return smallest(sums.flatMap(\.minus)) ?? smallest(sums.flatMap(\.plus))
    }

    /// A printed member to blank for a blank whose range is too narrow: from its own sums,
    /// else from the sums of the members of those, and so on outwards, ring by ring. Stopping
    /// after two rings left a narrow blank in a region where every cell near it was blank
    /// already (zeros known to be 0 or 1 among small counts), and the audit then ended with it.
    /// `sumsOf`: the sums each unknown is in.
    private func repair(_ u: Int, _ hidden: [Bool], _ known: [Bool], _ sumsOf: [[Int]]) -> Int? {
        var ring = Set(sumsOf[u]), seen = ring
        while !ring.isEmpty {
            if let next = smallestPrinted(in: ring.sorted().map { sums[$0] }, hidden, known) { return next }
            ring = Set(ring.flatMap { sums[$0].members }.flatMap { sumsOf[$0] }).subtracting(seen)
            seen.formUnion(ring)
        }
        return nil
    }

    /// The range of every blank unknown, given the printed figures and all sums together (outer
    /// bounds in sets of tied blanks larger than `IntervalAudit.wholeLimit`: a range found
    /// narrow is narrow). `memo`: what the last round solved (a set or block whose sums and
    /// printed figures are unchanged is not solved again).
    func audited(_ hidden: [Bool], _ memo: IntervalAudit.Memo, cover: IntervalAudit.Cover) -> [(Int, IntervalAudit.Interval)] {
        let equations = sums.compactMap { sum -> IntervalAudit.Equation? in
            guard sum.members.contains(where: { hidden[$0] }) else { return nil }
            var terms = [IntervalAudit.Term](), constant = 0.0
            for (side, sign) in [(sum.plus, 1.0), (sum.minus, -1.0)] {
                for m in side {
                    if hidden[m] { terms.append(.init(m, sign)) } else { constant -= sign * Double(values[m] ?? 0) }
                }
            }
            return IntervalAudit.Equation(terms: terms, constant: constant)
        }
        let intervals = IntervalAudit(unknowns: values.count, equations: equations, cover: cover, regions: regions).intervals(memo: memo)
        return values.indices.filter { hidden[$0] }.map { ($0, intervals[$0]) }
    }
}
