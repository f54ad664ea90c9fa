extension IntervalAudit {
    /// The unknowns of a set whose value the equations alone fix, with that value: those whose
    /// unit vector lies in the row space of the equations (every solution agrees on them).
    /// Blocks cannot see such a value when its certificate reaches past a block's edge (on the
    /// every-table sample, a count of 6 fixed by 91 equations over 213 blanks across months,
    /// quarters and counties), so a set too large to solve whole is checked for them as a whole.
    ///
    /// Linear algebra, no LP: an unknown is fixed when it is 0 in every null-space vector z of
    /// A. Two random vectors r are projected onto the null space, z = r − Aᵀy with
    /// (AAᵀ)y = Ar solved by conjugate gradients (sparse, ~0.1 s for 4 000 equations); an
    /// unknown fixed in exact arithmetic comes out within rounding of 0, any other at the
    /// scale of r. Its value is that of the least-norm solution Aᵀ(AAᵀ)⁻¹b.
    static func fixedValues(_ equations: [Equation]) -> [Int: Double] {
        let system = Component(equations: Array(equations.indices), of: equations)
        var random = SplitMix(seed: 0x5eed)
        var free = [Bool](repeating: false, count: system.columns)
        for _ in 0..<2 {
            let r = (0..<system.columns).map { _ in random.unit() }
            guard let y = system.solveNormal(system.times(r)) else { return [:] }
            let z = zip(r, system.transposeTimes(y)).map { $0 - $1 }
            let scale = z.map(abs).max() ?? 0
            for (j, value) in z.enumerated() where abs(value) > 1e-6 * max(scale, 1) { free[j] = true }
        }
        guard free.contains(false), let y = system.solveNormal(system.constants) else { return [:] }
        let least = system.transposeTimes(y)
        var fixed = [Int: Double]()
        for j in 0..<system.columns where !free[j] {
            let value = least[j], integer = value.rounded()
            fixed[system.unknowns[j]] = abs(value - integer) <= 1e-6 ? integer + 0 : value
        }
        return fixed
    }
}

/// The sparse products the null-space test needs, on a component's rows.
extension IntervalAudit.Component {
    var columns: Int { unknowns.count }

    /// A x.
    func times(_ x: [Double]) -> [Double] {
        rows.map { row in row.reduce(0) { $0 + $1.coefficient * x[$1.column] } }
    }

    /// Aᵀ y.
    func transposeTimes(_ y: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: columns)
        for (row, value) in zip(rows, y) where value != 0 { for entry in row { out[entry.column] += entry.coefficient * value } }
        return out
    }

    /// A solution of (AAᵀ) y = rhs for a right-hand side in the range of A (consistent),
    /// by conjugate gradients from 0; nil if it does not converge.
    func solveNormal(_ rhs: [Double]) -> [Double]? {
        func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
        var y = [Double](repeating: 0, count: rows.count)
        var residual = rhs, direction = rhs
        var rr = dot(residual, residual)
        let goal = 1e-24 * max(rr, 1e-300)
        for _ in 0..<max(1000, 20 * rows.count) {
            if rr <= goal { return y }
            let q = times(transposeTimes(direction))
            let pq = dot(direction, q)
            guard pq > 0 else { return rr <= 1e-20 * max(dot(rhs, rhs), 1) ? y : nil }
            let alpha = rr / pq
            for i in y.indices {
                y[i] += alpha * direction[i]
                residual[i] -= alpha * q[i]
            }
            let next = dot(residual, residual)
            let beta = next / rr
            rr = next
            for i in direction.indices { direction[i] = residual[i] + beta * direction[i] }
        }
        return rr <= 1e-16 * max(dot(rhs, rhs), 1) ? y : nil
    }
}

extension IntervalAudit {
    /// A small deterministic generator (SplitMix64): the same run, the same vectors.
    struct SplitMix {
        var seed: UInt64
        mutating func unit() -> Double {
            seed &+= 0x9e37_79b9_7f4a_7c15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            z ^= z >> 31
            return Double(z >> 11) / Double(1 << 53) * 2 - 1
        }
    }
}
