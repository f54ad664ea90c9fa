import Foundation
import ZIPFoundation

/// Writes a report as an Excel workbook (Office Open XML): a sheet describing the run, then
/// one sheet per section. Numbers are stored unrounded with a display format; the same
/// document and date give the same bytes.
public struct XlsxWriter: Sendable {
    /// Written as the modification time of every zip entry and as created/modified in the
    /// document properties. The default, 1980-01-01 UTC (the earliest zip time), keeps
    /// reports comparable byte for byte; pass the run's time to show it instead.
    public var date: Date

    public init(date: Date = Date(timeIntervalSince1970: 315_532_800)) {
        self.date = date
    }

    public func data(_ document: ReportDocument) throws -> Data {
        let sheets = document.worksheets()
        var strings = SharedStrings()
        var parts: [(String, Data)] = [
            ("[Content_Types].xml", Data(XlsxPackage.contentTypes(sheetCount: sheets.count).utf8)),
            ("_rels/.rels", Data(XlsxPackage.packageRelationships.utf8)),
            ("docProps/core.xml", Data(XlsxPackage.core(title: document.title, language: document.language, date: date).utf8)),
            ("docProps/app.xml", Data(XlsxPackage.app.utf8)),
            ("xl/workbook.xml", Data(XlsxPackage.workbook(sheetNames: sheets.map(\.name)).utf8)),
            ("xl/_rels/workbook.xml.rels", Data(XlsxPackage.workbookRelationships(sheetCount: sheets.count).utf8)),
            ("xl/styles.xml", Data(XlsxStyle.stylesXML.utf8)),
        ]
        for (i, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(i + 1).xml", Data(sheet.xml(selected: i == 0, strings: &strings))))
        }
        parts.append(("xl/sharedStrings.xml", Data(strings.xml.utf8)))

        let archive = try Archive(accessMode: .create)
        for (path, bytes) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: date,
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position) ..< Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    public func write(_ document: ReportDocument, to path: String) throws {
        try data(document).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
