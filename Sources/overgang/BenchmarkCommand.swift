import ArgumentParser
import Foundation
import Statistics

/// Benchmarks that are run by hand (no test is timed).
struct Benchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time the Cox fit on synthetic spells (run by hand; docs/engineering.md reports the figures).")

    @Option(name: .long, help: "Number of spells.")
    var spells = 500_000

    @Option(name: .long, help: "Number of covariates.")
    var covariates = 10

    @Option(name: .long, help: "Handling of tied times: efron or breslow.")
    var ties = "efron"

    func run() throws {
        // Monthly durations (massive ties), a mix of binary and continuous covariates with
        // true effects, deterministic (SplitMix64).
        var state: UInt64 = 42
        func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        var data = CoxData(names: (0..<covariates).map { "x\($0)" })
        for _ in 0..<spells {
            let x = (0..<covariates).map { j in j % 2 == 0 ? (next() < 0.4 ? 1.0 : 0.0) : 30 + 29 * next() }
            var eta = 0.0
            for (j, v) in x.enumerated() { eta += (j % 2 == 0 ? 0.3 : -0.01) * v }
            let time = -log(max(next(), 1e-300)) / (0.15 * exp(eta + 0.3))
            let month = min(12, Int(time.rounded(.up)))
            data.add(time: Double(month), event: time <= 12 && next() < 0.9, covariates: x)
        }
        let started = Date()
        let model = CoxModel(data, ties: CoxTies(rawValue: ties) ?? .efron)
        let seconds = Date().timeIntervalSince(started)
        print("Cox (\(ties)) on \(spells) spells, \(covariates) covariates, \(Int(model.events)) events, times 1-12 months: "
              + String(format: "%.2f s", seconds) + ", \(model.iterations) iterations, converged: \(model.converged)")
        for t in model.terms.prefix(4) { print("  \(t.name) \(t.coefficient) (se \(t.standardError))") }
    }
}
