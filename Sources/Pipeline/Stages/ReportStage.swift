import Foundation
import Panel
import Report
import Catalogue

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
    /// The run's tables as published into `folder`, read in place of their files (the same
    /// cells: `CSVTable.asRead`); nil: read from the folder.
    var tables: [CSVTable]?
    /// The run's manifest as written into `folder`, used in place of decoding its file again;
    /// nil: read from the folder.
    var manifest: Manifest?
    /// Deflated pieces of earlier workbooks (the run's cache: `ReportPieceCache`).
    var deflateMemo: DeflateMemo?
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
        name.hasSuffix(Catalogue.tableSuffix) && name != Catalogue.quarantine && name != TableSpec.survivalSpells.fileName
    }

    public func document() throws -> ReportDocument { try builder().document() }

    /// The report's builder on the folder's manifest and tables (suppressed at the report's limit).
    func builder() throws -> ReportBuilder {
        let manifest = try self.manifest ?? readManifest()
        let tables = try self.tables.map { given in
            let published = given.filter { Self.isReportTable($0.name) }.sorted { $0.name < $1.name }
            return try parallelMap(published.count) { try published[$0].asRead() }
        } ?? readTables()
        return ReportBuilder(tables: tables, facts: RunFacts(manifest), language: language, minCellCount: minCellCount)
    }

    /// The manifest of the run in `folder`.
    private func readManifest() throws -> Manifest {
        let manifestPath = folder + "/" + Catalogue.manifest
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw OutputError("\(manifestPath): not a finished run's output folder (no \(Catalogue.manifest))")
        }
        do {
            return try Manifest.decoded(data, file: manifestPath)
        } catch let e as ManifestError {
            throw OutputError(e.description)
        }
    }

    /// The report's tables from their files in `folder`, by name.
    private func readTables() throws -> [CSVTable] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter(Self.isReportTable).sorted()
        // Read on all cores: parsing the tables back was half of the report's layout time.
        let folder = self.folder
        return try parallelMap(names.count) { i in
            let path = folder + "/" + names[i]
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw OutputError("\(path): cannot read the table") }
            do {
                return try CSVTable.read(name: names[i], text: text)
            } catch let e as CSVReadError {
                // Named here: a quoting error from the reader does not know the file.
                throw OutputError("\(path):\(e.line): \(e.reason)")
            }
        }
    }

    /// Renders and writes the report files; returns their names.
    @discardableResult
    public func write() throws -> [String] {
        let doc = try document()
        // The workbook takes longest and spreads its own work over the cores, which it can only
        // do from a thread outside the dispatch pool (a pool job's inner concurrentPerform runs
        // serially): it renders here, the other formats on a thread beside it. Then all are
        // written one by one in the listed order, as before.
        let (formats, memo) = (self.formats, deflateMemo)
        let others = BackgroundTask { formats.map { format in format == .xlsx ? nil : Result { try Self.render(doc, as: format) } } }
        let workbook = formats.contains(.xlsx) ? Result { try Self.render(doc, as: .xlsx, memo: memo) } : nil
        let rendered = try others.value().map { $0 ?? workbook! }
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
    static func render(_ doc: ReportDocument, as format: ReportFormat, memo: DeflateMemo? = nil) throws -> Data {
        switch format {
        case .md: return Data(MarkdownReportWriter().render(doc).utf8)
        case .html: return Data(HTMLReportWriter().render(doc).utf8)
        case .xlsx: return try XlsxWriter(memo: memo).data(doc)
        }
    }
}
