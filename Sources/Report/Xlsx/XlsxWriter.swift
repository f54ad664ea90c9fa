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
        var parts: [(String, String)] = [
            ("[Content_Types].xml", XlsxPackage.contentTypes(sheetCount: sheets.count)),
            ("_rels/.rels", XlsxPackage.packageRelationships),
            ("docProps/core.xml", XlsxPackage.core(title: document.title, language: document.language, date: date)),
            ("docProps/app.xml", XlsxPackage.app),
            ("xl/workbook.xml", XlsxPackage.workbook(sheetNames: sheets.map(\.name))),
            ("xl/_rels/workbook.xml.rels", XlsxPackage.workbookRelationships(sheetCount: sheets.count)),
            ("xl/styles.xml", XlsxStyle.stylesXML),
        ]
        for (i, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(i + 1).xml", sheet.xml(selected: i == 0, strings: &strings)))
        }
        parts.append(("xl/sharedStrings.xml", strings.xml))

        let archive = try Archive(accessMode: .create)
        for (path, text) in parts {
            let bytes = Data(text.utf8)
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
