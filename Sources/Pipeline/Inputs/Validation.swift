import Extracts
import Foundation
import Panel

/// `overgang validate`: checks every extract against the delivery format and reports every
/// problem found (not only the first), computing nothing.
public struct Validation {
    public struct FileReport: Sendable {
        public var file: ExtractFile
        public var stats: FileStats?
        /// A fatal problem with the file (bad gzip, missing column …).
        public var error: ExtractError?
        /// A few set-aside rows: line and reason, no row content.
        public var samples: [String]
        public var overLimit: Bool
    }

    public struct Report: Sendable {
        public var months: MonthRange
        public var missing: [ExtractError]
        public var files: [FileReport]
        /// Files far shorter than their neighbours (`input.minRowShare`).
        public var shortDeliveries: [ExtractError] = []
        public var ok: Bool { missing.isEmpty && shortDeliveries.isEmpty && files.allSatisfy { $0.error == nil && !$0.overLimit } }
    }

    public let input: Configuration.Input

    public init(input: Configuration.Input) { self.input = input }

    public func run() throws -> Report {
        let inventory = try ExtractInventory(directory: input.directory)
        let months = try PipelineRun.monthRange(inventory, input)
        var missing = [ExtractError]()
        let present = Set(inventory.files.map(\.name))
        for month in months.months {
            for kind in ExtractKind.allCases {
                let name = "\(kind.rawValue)_\(month.compact).csv.gz"
                if !present.contains(name) {
                    missing.append(ExtractError(file: (input.directory as NSString).appendingPathComponent(name),
                                                .missingMonth(kind: kind.rawValue, month: month.description)))
                }
            }
        }
        let files = inventory.files.filter { months.contains($0.month) }
        let limit = input.maxRejectedShare
        let reports = try parallelMap(files.count) { i -> FileReport in
            let file = files[i]
            let q = Quarantine(fileName: file.name, path: nil)
            do {
                let stats: FileStats
                switch file.kind {
                case .arena: stats = try ArenaExtract.read(file, quarantine: q).stats
                case .aa: stats = try EmploymentExtract.read(file, quarantine: q).stats
                case .ytelse: stats = try BenefitExtract.read(file, quarantine: q).stats
                }
                return FileReport(file: file, stats: stats, error: nil,
                                  samples: q.samples.map { "line \($0.line): \($0.reason)" },
                                  overLimit: stats.setAsideShare > limit)
            } catch let e as ExtractError {
                return FileReport(file: file, stats: nil, error: e, samples: [], overLimit: false)
            }
        }
        var report = Report(months: months, missing: missing, files: reports)
        report.shortDeliveries = ShortDeliveryCheck(minRowShare: input.minRowShare)
            .shortFiles(files, stats: reports.compactMap(\.stats), in: months)
        return report
    }
}
