import Extracts
import Foundation

/// `manifest.json`: what a run read, with which settings, and what it found.
/// Holds file names, sizes, checksums and counts; never a person key.
struct Manifest {
    let config: Configuration
    let summary: RunSummary
    let started: Date
    let finished: Date

    /// How the panel was had: built, from the cache, or extended from an earlier range.
    var panelJSON: JSONValue {
        var o: [String: JSONValue] = ["source": .string(summary.panelSource.name)]
        if case .extended(let from) = summary.panelSource {
            o["extendedFrom"] = ["from": .string(from.from.description), "to": .string(from.to.description)]
        }
        return .object(o)
    }

    func json() -> JSONValue {
        let iso = ISO8601DateFormatter()
        let inputs: [JSONValue] = summary.files.map { f in
            ["file": .string(f.file), "kind": .string(f.kind), "month": .string(f.month), "bytes": JSONValue(f.bytes),
             "sha256": .string(f.sha256), "gzipMembers": JSONValue(f.gzipMembers), "rowsRead": JSONValue(f.rowsRead),
             "rowsSetAside": JSONValue(f.rowsSetAside), "rowsNotInArena": JSONValue(f.rowsNotInArena),
             "blankLines": JSONValue(f.blankLines),
             "rowsOutsideMonth": JSONValue(f.rowsOutsideMonth),
             "cache": summary.cacheUses[f.file].map(JSONValue.string) ?? .null]
        }
        var kind: JSONValue = "register"
        if case .measure = config.exit.kind { kind = "measure" }
        var timings = [String: JSONValue]()
        for t in summary.timings { timings[t.stage] = .number((t.seconds * 1000).rounded() / 1000) }
        var periods: [String: JSONValue] = [:]
        if let b = config.baselineOverride { periods["baseline"] = ["from": .string(b.from.description), "to": .string(b.to.description)] }
        if let c = config.comparisonOverride { periods["comparison"] = ["from": .string(c.from.description), "to": .string(c.to.description)] }
        return [
            "tool": "overgang",
            "version": .string(OvergangVersion.string),
            "outputFormat": JSONValue(OvergangVersion.outputFormat),
            "startedAt": .string(iso.string(from: started)),
            "finishedAt": .string(iso.string(from: finished)),
            "configurationFile": config.source.map(JSONValue.string) ?? .null,
            "configuration": config.effective,
            "periodOverrides": .object(periods),
            "months": ["from": .string(summary.months.from.description), "to": .string(summary.months.to.description),
                       "count": JSONValue(summary.months.count)],
            "inputs": .array(inputs),
            "rows": ["read": JSONValue(summary.rowsRead), "setAside": JSONValue(summary.rowsSetAside),
                     "notInArena": JSONValue(summary.rowsNotInArena),
                     "outsideMonth": JSONValue(summary.rowsOutsideMonth)],
            "persons": JSONValue(summary.persons),
            "panel": panelJSON,
            "exits": ["kind": kind, "tabulated": suppressed ? .null : JSONValue(summary.exitsTabulated),
                      "tabulatedMonths": summary.tabulatedMonths.map {
                          ["from": .string($0.from.description), "to": .string($0.to.description)]
                      } ?? .null,
                      "pendingDecision": JSONValue(summary.pendingDecision),
                      "pendingOutcome": JSONValue(summary.pendingOutcome)],
            "outputs": JSONValue(summary.tables),
            "warnings": JSONValue(summary.warnings),
            "changesSincePreviousRun": summary.changes,
            "survival": suppressed ? Self.withoutCounts(summary.survival) : summary.survival,
            "suppressed": suppressed ? .string(Self.suppressionNote) : .null,
            "timings": .object(timings),
        ]
    }

    /// Under a small-cell limit the manifest, published beside the tables, leaves out the
    /// statistical totals: the exits in the tables (the total less the visible cells of
    /// `exit_cohorts.csv` gives back a lone blanked cell) and the survival periods' entries and
    /// the Cox models' spells and events (a blanked period's size). Rows read and set aside and
    /// pending exits stay: no table holds their parts.
    private var suppressed: Bool { config.output.minCellCount > 0 }

    static let suppressionNote = "output.minCellCount > 0: exits.tabulated and the survival counts are left out (null)"

    /// The statistical counts of the survival summary set to null, wherever they stand.
    static func withoutCounts(_ value: JSONValue) -> JSONValue {
        let counts: Set<String> = ["entries", "entriesAtUnit", "spells", "events", "spellsWithoutCovariate"]
        switch value {
        case .object(let o):
            return .object(o.reduce(into: [:]) { out, entry in
                if case .number = entry.value, counts.contains(entry.key) { out[entry.key] = .null }
                else { out[entry.key] = withoutCounts(entry.value) }
            })
        case .array(let a):
            return .array(a.map(withoutCounts))
        default:
            return value
        }
    }
}
