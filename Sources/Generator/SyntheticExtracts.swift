import Extracts
import Dispatch
import Foundation

/// Realistic synthetic monthly extracts in the delivery format of `extracts.md`.
///
/// Persons are simulated month by month (the state at the end of each month): inflow to
/// Arena directly, from sick leave and after lay-offs; needs assessments; NEDS spells,
/// some ending as ARBS; the national follow-up unit 4154 from 2023; measures; one-month
/// gaps; exits and re-registrations; jobs, benefits and pensions after exits. About ten
/// Aa-registeret relationships per registered person come from a background workforce
/// that never appears in Arena.
public enum SyntheticExtracts {
    /// Months simulated before `from` without writing files, so that the first month's
    /// stock already has histories (durations, NEDS before exits, returns).
    static let burnInMonths = 18

    /// Writes `arena_`, `aa_` and `ytelse_YYYYMM.csv.gz` for every month from `options.from`
    /// through `options.to` into `directory` (created if absent; existing files of those
    /// names are replaced). Deterministic: the same options give byte-identical files.
    ///
    /// The simulation runs on the calling thread; up to two months' files are compressed
    /// concurrently. `progress` is called once per month written, from a worker thread.
    public static func write(_ options: GeneratorOptions, to directory: String,
                             progress: (@Sendable (String) -> Void)? = nil) throws -> GeneratorSummary {
        try options.validate()
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw GeneratorError("\(directory): cannot create the directory (\(error.localizedDescription))")
        }
        let simulation = PersonSimulation(options: options)
        let background = BackgroundWorkforce(options: options)
        for t in (options.from.index - burnInMonths)..<options.from.index {
            _ = simulation.step(month: t, render: false)
        }

        let results = Results()
        let group = DispatchGroup()
        let slots = DispatchSemaphore(value: 2)
        let level = options.compressionLevel
        for t in options.from.index...options.to.index {
            if results.failed { break }
            guard let rows = simulation.step(month: t, render: true) else { continue }
            slots.wait()
            group.enter()
            DispatchQueue.global().async {
                defer {
                    slots.signal()
                    group.leave()
                }
                do {
                    let summary = try ExtractWriter.write(rows, background: background, directory: directory, level: level)
                    results.add(summary)
                    progress?("\(Month(index: t)): arena \(summary.arenaRows) rows, aa \(summary.aaRows) rows, "
                              + "ytelse \(summary.ytelseRows) rows")
                } catch {
                    results.fail(error)
                }
            }
        }
        group.wait()
        if let error = results.error { throw error }
        return results.summary
    }
}

/// Sums the workers' summaries and keeps the first error.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var total = GeneratorSummary()
    private var firstError: Error?

    func add(_ s: GeneratorSummary) {
        lock.lock()
        total += s
        lock.unlock()
    }

    func fail(_ e: Error) {
        lock.lock()
        if firstError == nil { firstError = e }
        lock.unlock()
    }

    var failed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return firstError != nil
    }

    var error: Error? {
        lock.lock()
        defer { lock.unlock() }
        return firstError
    }

    var summary: GeneratorSummary {
        lock.lock()
        defer { lock.unlock() }
        return total
    }
}
