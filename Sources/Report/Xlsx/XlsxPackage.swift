import Foundation

/// The fixed parts of the Office Open XML package around the sheets: content types,
/// relationships, document properties and the workbook's list of sheets.
enum XlsxPackage {
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    private static let spreadsheetML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    private static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func contentTypes(sheetCount: Int, drawingCount: Int = 0, chartCount: Int = 0) -> String {
        let overrides = [("/xl/workbook.xml", "\(spreadsheetML).sheet.main+xml"),
                         ("/xl/styles.xml", "\(spreadsheetML).styles+xml"),
                         ("/xl/sharedStrings.xml", "\(spreadsheetML).sharedStrings+xml"),
                         ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                         ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
            + (1...sheetCount).map { ("/xl/worksheets/sheet\($0).xml", "\(spreadsheetML).worksheet+xml") }
            + (0..<drawingCount).map { ("/xl/drawings/drawing\($0 + 1).xml", "application/vnd.openxmlformats-officedocument.drawing+xml") }
            + (0..<chartCount).map { ("/xl/charts/chart\($0 + 1).xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml") }
        return declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + overrides.map { #"<Override PartName="\#($0.0)" ContentType="\#($0.1)"/>"# }.joined() + "</Types>"
    }

    static func relationships(_ targets: [(type: String, target: String)]) -> String {
        declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + targets.enumerated().map { #"<Relationship Id="rId\#($0.offset + 1)" Type="\#($0.element.type)" Target="\#($0.element.target)"/>"# }.joined()
            + "</Relationships>"
    }

    static let packageRelationships = relationships([
        ("\(officeRelationships)/officeDocument", "xl/workbook.xml"),
        ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
        ("\(officeRelationships)/extended-properties", "docProps/app.xml"),
    ])

    /// Sheets are rId1…rIdN, so workbook.xml can refer to sheet i as rId(i).
    static func workbookRelationships(sheetCount: Int) -> String {
        relationships((1...sheetCount).map { ("\(officeRelationships)/worksheet", "worksheets/sheet\($0).xml") }
                      + [("\(officeRelationships)/styles", "styles.xml"), ("\(officeRelationships)/sharedStrings", "sharedStrings.xml")])
    }

    /// `definedNames`: `<definedName>` elements (the sheets' print titles).
    static func workbook(sheetNames: [String], definedNames: [String] = []) -> String {
        declaration + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="\#(officeRelationships)">"#
            + #"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
            + sheetNames.enumerated().map { #"<sheet name="\#($0.element.xmlEscaped)" sheetId="\#($0.offset + 1)" r:id="rId\#($0.offset + 1)"/>"# }.joined()
            + "</sheets>" + (definedNames.isEmpty ? "" : "<definedNames>" + definedNames.joined() + "</definedNames>") + "</workbook>"
    }

    static func core(title: String, language: ReportLanguage, date: Date) -> String {
        let stamp = ISO8601DateFormatter().string(from: date)
        return declaration + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
            + "<dc:title>\(title.xmlEscaped)</dc:title><dc:creator>Overgang</dc:creator><dc:language>\(language.rawValue)</dc:language>"
            + #"<dcterms:created xsi:type="dcterms:W3CDTF">\#(stamp)</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">\#(stamp)</dcterms:modified>"#
            + "</cp:coreProperties>"
    }

    static let app = declaration + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Overgang</Application></Properties>"#
}
