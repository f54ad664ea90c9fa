import Foundation
import Panel
import Report
import Tables

/// Writes the report files of a finished run's output folder: reads its tables and
/// manifest back, builds one document, and renders it in each format. `overgang run` calls
/// it on the staging folder before publishing (so reports and tables appear together);
/// `overgang report` on a staged copy of a published folder (`ReportUpdate`).
public struct ReportStage {
    public var folder: String
    public var language: ReportLanguage
    public var minCellCount: Int
    public var formats: [ReportFormat]
    /// Where the report files go when not into `folder` (a staged copy of it).
    var destination: String?
    /// Called after each file is written (tests: a failure between two files).
    var afterFile: ((String) throws -> Void)?

    public init(folder: String, language: ReportLanguage, minCellCount: Int, formats: [ReportFormat]) {
        self.folder = folder
        self.language = language
        self.minCellCount = minCellCount
        self.formats = formats
    }

    /// The tables the report reads (never the quarantine, which holds raw rows).
    static func isReportTable(_ name: String) -> Bool {
        name.hasSuffix(".csv") && name != "quarantine.csv" && name != "survival_spells.csv"
    }

    public func document() throws -> ReportDocument {
        let fm = FileManager.default
        let manifestPath = folder + "/manifest.json"
        guard let data = fm.contents(atPath: manifestPath) else {
            throw OutputError("\(manifestPath): not a finished run's output folder (no manifest.json)")
        }
        guard let manifest = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw OutputError("\(manifestPath): cannot read the manifest (not JSON)")
        }
        var tables = [CSVTable]()
        let names = ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).filter(Self.isReportTable).sorted()
        for name in names {
            let path = folder + "/" + name
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw OutputError("\(path): cannot read the table") }
            do {
                tables.append(try CSVTable.read(name: name, text: text))
            } catch let e as CSVReadError {
                // Named here: a quoting error from the reader does not know the file.
                throw OutputError("\(path):\(e.line): \(e.reason)")
            }
        }
        let facts = Self.facts(manifest)
        return ReportBuilder(tables: tables, facts: facts, language: language, minCellCount: minCellCount).document()
    }

    /// Renders and writes the report files; returns their names.
    @discardableResult
    public func write() throws -> [String] {
        let doc = try document()
        // The formats are rendered on all cores (the workbook takes longest), then written
        // one by one in the listed order, as before.
        let formats = self.formats
        let rendered = try parallelMap(formats.count) { i in Result { try Self.render(doc, as: formats[i]) } }
        var written = [String]()
        for (format, bytes) in zip(formats, rendered) {
            let into = destination ?? folder
            let path = into + "/" + format.fileName
            let temporary = into + "/." + format.fileName + ".tmp"
            do {
                try bytes.get().write(to: URL(fileURLWithPath: temporary))
                guard rename(temporary, path) == 0 else { throw OutputError(String(cString: strerror(errno))) }
            } catch {
                try? FileManager.default.removeItem(atPath: temporary)
                throw OutputError("\(folder)/\(format.fileName): cannot write the report: \(error)")
            }
            written.append(format.fileName)
            try afterFile?(format.fileName)
        }
        return written
    }

    /// The bytes of the report file in one format.
    static func render(_ doc: ReportDocument, as format: ReportFormat) throws -> Data {
        switch format {
        case .md: return Data(MarkdownReportWriter().render(doc).utf8)
        case .html: return Data(HTMLReportWriter().render(doc).utf8)
        case .xlsx: return try XlsxWriter().data(doc)
        }
    }

    /// What the report says about the run, from its manifest.
    static func facts(_ m: JSONValue) -> RunFacts {
        var f = RunFacts()
        func at(_ v: JSONValue?, _ path: String...) -> JSONValue? {
            path.reduce(v) { v, key in if case .object(let o)? = v { return o[key] } else { return nil } }
        }
        func str(_ v: JSONValue?) -> String? { if case .string(let s)? = v { return s } else { return nil } }
        func int(_ v: JSONValue?) -> Int { if case .number(let x)? = v { return Int(x) } else { return 0 } }
        func strs(_ v: JSONValue?) -> [String] { if case .array(let a)? = v { return a.compactMap { str($0) } } else { return [] } }
        func range(_ v: JSONValue?) -> (from: String, to: String)? {
            guard let from = str(at(v, "from")), let to = str(at(v, "to")) else { return nil }
            return (from, to)
        }
        f.version = str(at(m, "version")) ?? ""
        f.finishedAt = str(at(m, "finishedAt")) ?? ""
        f.months = range(at(m, "months"))
        f.tabulatedMonths = range(at(m, "exits", "tabulatedMonths"))
        if case .number(let x)? = at(m, "exits", "tabulated") { f.exitsTabulated = Int(x) }
        f.pendingExits = int(at(m, "exits", "pendingDecision")) + int(at(m, "exits", "pendingOutcome"))
        f.rowsRead = int(at(m, "rows", "read"))
        f.rowsSetAside = int(at(m, "rows", "setAside"))
        if case .array(let inputs)? = at(m, "inputs") { f.inputFiles = inputs.count }
        let config = at(m, "configuration")
        f.minCellCount = int(at(config, "output", "minCellCount"))
        f.exitKind = str(at(config, "exit", "kind")) ?? "register"
        f.exitMeasures = strs(at(config, "exit", "measures"))
        f.exitStatuses = strs(at(config, "exit", "statuses"))
        f.quietMonths = int(at(config, "exit", "quietMonths"))
        f.horizonMonths = int(at(config, "outcome", "horizonMonths"))
        f.workBenefits = strs(at(config, "outcome", "workBenefits"))
        if case .array(let comparisons)? = at(config, "comparisons") {
            f.comparisons = comparisons.compactMap { c in
                guard let name = str(at(c, "name")), let b = range(at(c, "baseline")), let k = range(at(c, "comparison")) else { return nil }
                return ComparisonFacts(name: name, baseline: b, comparison: k, treatment: strs(at(c, "treatment")),
                                       control: strs(at(c, "control")), se: str(at(c, "se")) ?? "binomial")
            }
            // Which are plain, by the configuration's own rule (`Comparison.plain`). A manifest
            // whose configuration this version cannot read counts every comparison without
            // groups as plain: that only protects more, as a cross-table sum is used only
            // where it holds in the figures.
            let plain = config.flatMap { try? JSONEncoder().encode($0) }
                .flatMap { try? Configuration.parse(json: String(decoding: $0, as: UTF8.self), file: "manifest.json") }
                .map { Set($0.comparisons.compactMap(\.plain).map(\.name)) }
            for i in f.comparisons.indices {
                f.comparisons[i].plain = plain?.contains(f.comparisons[i].name) ?? f.comparisons[i].treatment.isEmpty
            }
        }
        f.survivalUnit = str(at(config, "noe", "unit")) ?? ""
        f.survivalTies = str(at(config, "survival", "ties")) ?? f.survivalTies
        for name in ["baseline", "comparison"] {
            if let r = range(at(config, "survival", name)) { f.survivalPeriods.append((name, r.from, r.to)) }
        }
        return f
    }
}
