/// The generator's own pseudo-random numbers (never the system's), so that a seed gives
/// the same bytes on every machine. Only integer arithmetic and exact floating-point
/// operations are used: no libm functions whose last bit may differ between platforms.

/// SplitMix64: a tiny sequential generator for the person simulation.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Mix.finalize(state)
    }

    /// Uniform in [0, 1).
    @inline(__always)
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in 0..<n (n >= 1).
    @inline(__always)
    mutating func below(_ n: Int) -> Int { Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high) }

    /// Uniform in lo...hi.
    @inline(__always)
    mutating func range(_ lo: Int, _ hi: Int) -> Int { lo + below(hi - lo + 1) }

    /// True with probability p.
    @inline(__always)
    mutating func chance(_ p: Double) -> Bool { uniform() < p }

    @inline(__always)
    mutating func pick(_ table: WeightedTable) -> Int { table.pick(next()) }
}

/// Stateless hashing for everything that must not need stored state (background
/// workforce, grades, row-level noise): a value is a pure function of its inputs.
enum Mix {
    /// The SplitMix64 / Stafford variant 13 finaliser.
    @inline(__always)
    static func finalize(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    static func hash(_ seed: UInt64, _ a: UInt64, _ b: UInt64 = 0, _ c: UInt64 = 0) -> UInt64 {
        var h = finalize(seed ^ 0x6A09_E667_F3BC_C908)
        h = finalize(h ^ (a &* 0x9E37_79B9_7F4A_7C15))
        h = finalize(h ^ (b &* 0xC2B2_AE3D_27D4_EB4F) ^ 0x1)
        return finalize(h ^ (c &* 0x1656_67B1_9E37_79F9) ^ 0x2)
    }

    /// Uniform in 0..<n from 64 random bits.
    @inline(__always)
    static func below(_ bits: UInt64, _ n: Int) -> Int {
        Int(truncatingIfNeeded: bits.multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Uniform in [0, 1) from 64 random bits.
    @inline(__always)
    static func unit(_ bits: UInt64) -> Double { Double(bits >> 11) * 0x1.0p-53 }
}

/// A discrete distribution given by integer weights.
struct WeightedTable: Sendable {
    private let cumulative: [UInt64]
    let total: UInt64

    init(_ weights: [Int]) {
        var c: [UInt64] = []
        var sum: UInt64 = 0
        for w in weights {
            precondition(w >= 0)
            sum += UInt64(w)
            c.append(sum)
        }
        precondition(sum > 0)
        cumulative = c
        total = sum
    }

    /// An index, drawn from 64 random bits.
    @inline(__always)
    func pick(_ bits: UInt64) -> Int {
        let x = bits.multipliedFullWidth(by: total).high
        var i = 0
        while cumulative[i] <= x { i += 1 }
        return i
    }
}
