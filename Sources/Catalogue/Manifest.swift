import Foundation

/// `manifest.json`: what a run read, with which settings, and what it found. The pipeline
/// writes it (`Manifest(config:summary:…)` in Pipeline); the report reads it (`RunFacts`), and
/// the next run reads its inputs' checksums. Holds file names, sizes, checksums and counts;
/// never a person key.
///
/// Written with sorted keys, pretty, a line end at the end: two runs of the same settings on
/// the same files differ only in times. A field without a value is written `null`
/// (`@Nullable`); only `periodOverrides`' periods, `panel.extendedFrom`, the pooled
/// analysis' counts and a comparison's groups are left out when they do not apply.
public struct Manifest: Codable, Sendable, Equatable {
    /// The layout of this file; raised when a field changes meaning or goes.
    public static let currentFormat = 1

    /// Absent in manifests written before it: those are format 1 (`format`).
    public var formatVersion: Int? = Manifest.currentFormat
    public var tool = "overgang"
    /// The version of the program that wrote it.
    public var version = ""
    /// The version of the published tables' layout (`OvergangVersion.outputFormat`).
    public var outputFormat = 1
    /// ISO 8601, UTC.
    public var startedAt = ""
    public var finishedAt = ""
    @Nullable public var configurationFile: String? = nil
    /// The settings as they took effect (defaults filled in, command-line overrides applied).
    public var configuration = Settings()
    /// `--baseline` / `--comparison`, when given.
    public var periodOverrides = PeriodOverrides()
    public var months = AnalysedMonths()
    public var inputs: [Input] = []
    public var rows = Rows()
    public var persons = 0
    public var panel = Panel()
    public var exits = Exits()
    /// The files published, in the run's order.
    public var outputs: [String] = []
    public var warnings: [String] = []
    /// Null when there was no earlier result (or its manifest could not be read).
    @Nullable public var changesSincePreviousRun: Changes? = nil
    @Nullable public var survival: Survival? = nil
    /// Why counts are null, under a small-cell limit.
    @Nullable public var suppressed: String? = nil
    /// Seconds per stage, and `total`.
    public var timings: [String: Double] = [:]

    public init() {}

    /// The format this manifest is in.
    public var format: Int { formatVersion ?? 1 }

    /// The file's bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// Reads a manifest's bytes; `file` names it in errors (`ManifestError`).
    public static func decoded(_ data: Data, file: String) throws -> Manifest {
        struct Format: Decodable { var formatVersion: Int? }
        do {
            let format = try JSONDecoder().decode(Format.self, from: data).formatVersion ?? 1
            guard format <= currentFormat else {
                throw ManifestError(file: file, "format \(format) is newer than this overgang reads (\(currentFormat)): use the version that wrote it")
            }
            return try JSONDecoder().decode(Manifest.self, from: data)
        } catch let error as DecodingError {
            throw ManifestError(file: file, "not a manifest this overgang reads: \(ManifestError.reason(error))")
        }
    }
}
