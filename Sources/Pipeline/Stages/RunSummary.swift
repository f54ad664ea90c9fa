import Extracts
import Report
import Catalogue

/// What a finished run did, for the terminal summary and the manifest.
public struct RunSummary: Sendable {
    public var outputDirectory: String
    public var months: MonthRange
    public var files: [FileStats]
    public var persons: Int
    public var exitsTabulated: Int
    public var tabulatedMonths: MonthRange?
    public var pendingDecision: Int
    public var pendingOutcome: Int
    public var tables: [String]
    /// Seconds per stage, in stage order.
    public var timings: [(stage: String, seconds: Double)]
    /// Warnings about the results (empty comparison cells …), also in the manifest.
    public var warnings: [String] = []
    /// The warnings as the terminal shows them (`TablesStage.Result.notices`).
    public var notices: [String] = []
    /// What the cache did per input file (parsed, reused, rebuilt).
    public var cacheUses: [String: String] = [:]
    /// Built, read from the cache, or extended by new months.
    public var panelSource: PanelSource = .built
    /// Whether the exit-cohort, duration and stock tables were the last run's (`TableMemo`).
    public var tablesReused = false
    /// Inputs added, changed and gone since the previous result.
    public var changes: Manifest.Changes?
    /// Target-group entries per survival period, the Cox models' sizes, the covariate files.
    public var survival: Manifest.Survival?
    /// The headline results, from the published tables (not in the manifest: the tables hold them).
    public var headline: Headline?

    public var rowsRead: Int { files.reduce(0) { $0 + $1.rowsRead } }
    public var rowsSetAside: Int { files.reduce(0) { $0 + $1.rowsSetAside } }
    public var rowsNotInArena: Int { files.reduce(0) { $0 + $1.rowsNotInArena } }
    public var rowsOutsideMonth: Int { files.reduce(0) { $0 + $1.rowsOutsideMonth } }
    public var bytesRead: Int { files.reduce(0) { $0 + $1.bytes } }

    /// A one-screen summary for a person at a terminal. No person keys.
    public var text: String {
        func n(_ x: Int) -> String {
            let s = String(x)
            var out = ""
            for (i, c) in s.reversed().enumerated() {
                if i > 0 && i % 3 == 0 { out.append(" ") }
                out.append(c)
            }
            return String(out.reversed())
        }
        let total = timings.reduce(0) { $0 + $1.seconds }
        var lines = [String]()
        lines.append("Overgang \(OvergangVersion.string): \(months.count) months \(months), \(files.count) files, \(n(bytesRead)) bytes")
        lines.append("  rows read       \(n(rowsRead))")
        lines.append("  set aside       \(n(rowsSetAside))\(rowsSetAside > 0 ? "  (see quarantine.csv)" : "")")
        lines.append("  not in Arena    \(n(rowsNotInArena))  (employment/benefit rows of persons not in Arena by then; not kept)")
        if rowsOutsideMonth > 0 {
            lines.append("  outside month   \(n(rowsOutsideMonth))  (employment rows not active in their file's month: valid, never employment then)")
        }
        lines.append("  persons         \(n(persons))")
        if !cacheUses.isEmpty {
            let counts = Dictionary(grouping: cacheUses.values, by: { $0 }).mapValues(\.count)
            lines.append("  cache           " + ["reused", "parsed", "rebuilt"].compactMap { k in counts[k].map { "\($0) \(k)" } }.joined(separator: ", ")
                         + "; panel \(panelSource.description)" + (tablesReused ? "; tables not reading the periods reused" : ""))
        }
        if let tabulatedMonths {
            // Under a small-cell limit the total is blank when the cohort table blanks a count.
            let exits = headline?.exits.map { $0.map(n) ?? ":" } ?? n(exitsTabulated)
            lines.append("  exits           \(exits) in \(tabulatedMonths)")
        } else {
            lines.append("  exits           none decided yet (too few months)")
        }
        lines += headline?.lines ?? []
        lines.append("  pending         \(n(pendingDecision)) not yet decidable, \(n(pendingOutcome)) without status yet (not in tables)")
        lines.append("  time            " + timings.map { "\($0.stage) \(String(format: "%.2f", $0.seconds)) s" }.joined(separator: ", ")
                     + String(format: "; total %.2f s", total))
        if !warnings.isEmpty {
            lines.append("  warnings        \(warnings.count) (in manifest.json), e.g.: \((notices.first ?? warnings[0]))")
        }
        lines.append("Tables written to \(outputDirectory)/:")
        for t in tables { lines.append("  \(t)") }
        return lines.joined(separator: "\n")
    }
}

/// The tool's version, recorded in every manifest.
public enum OvergangVersion {
    public static let string = "0.1.0"
    /// Version of the output layout; bumped when a file or column changes meaning.
    public static let outputFormat = 1
}
