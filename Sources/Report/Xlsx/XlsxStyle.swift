/// The few cell formats a report needs; a cell's `s` attribute is the case's index in
/// `allCases`, which is also the order of `cellXfs` in styles.xml.
enum XlsxStyle: Int, CaseIterable {
    case plain, title, header, headerSpanning, note, rowLabel, suppressed, count, percent, decimal, pValue, month

    /// The display of a number in Excel, matching `ReportLanguage.format` in decimals (Excel
    /// applies the reader's own decimal and thousands separators).
    init(_ style: NumberStyle) {
        switch style {
        case .count: self = .count
        case .percent: self = .percent
        case .fraction, .decimal: self = .decimal
        case .pValue: self = .pValue
        }
    }

    /// Custom formats (ids from 164) rather than built-in ids, so the format code is in the file.
    /// A p-value below 0.001 shows as "< 0,001" (the quoted text is not localised by the
    /// reader, so it is written in the report's language); a month is a date shown `yyyy-mm`.
    static func numberFormats(_ language: ReportLanguage) -> [(id: Int, code: String)] {
        [(164, "#,##0"), (165, "0.0"), (166, "0.000"),
         (167, "[<0.001]\"\(language.format(0, .pValue))\";0.000"), (168, "yyyy-mm")]
    }

    private var numberFormat: Int {
        switch self {
        case .count: return 164
        case .percent: return 165
        case .decimal: return 166
        case .pValue: return 167
        case .month: return 168
        default: return 0
        }
    }

    /// Fonts: 0 regular, 1 bold, 2 italic.
    private var font: Int {
        switch self {
        case .title, .header, .headerSpanning: return 1
        case .note: return 2
        default: return 0
        }
    }

    private var alignment: String? {
        switch self {
        case .header: return #"<alignment vertical="bottom" wrapText="1"/>"#
        case .headerSpanning: return #"<alignment horizontal="center" vertical="bottom" wrapText="1"/>"#
        case .rowLabel, .month: return #"<alignment horizontal="left"/>"#
        case .suppressed: return #"<alignment horizontal="right"/>"#
        default: return nil
        }
    }

    private var xf: String {
        let border = self == .header || self == .headerSpanning ? 1 : 0
        var attributes = #"numFmtId="\#(numberFormat)" fontId="\#(font)" fillId="0" borderId="\#(border)" xfId="0""#
        if numberFormat != 0 { attributes += #" applyNumberFormat="1""# }
        if font != 0 { attributes += #" applyFont="1""# }
        if border != 0 { attributes += #" applyBorder="1""# }
        guard let alignment else { return "<xf \(attributes)/>" }
        return #"<xf \#(attributes) applyAlignment="1">\#(alignment)</xf>"#
    }

    static func stylesXML(_ language: ReportLanguage) -> String {
        let numberFormats = numberFormats(language)
        let formats = numberFormats.map { #"<numFmt numFmtId="\#($0.id)" formatCode="\#($0.code.xmlEscaped)"/>"# }.joined()
        let font = { (extra: String) in #"<font>\#(extra)<sz val="11"/><name val="Calibri"/><family val="2"/></font>"# }
        return XlsxPackage.declaration
            + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + #"<numFmts count="\#(numberFormats.count)">\#(formats)</numFmts>"#
            + #"<fonts count="3">\#(font(""))\#(font("<b/>"))\#(font("<i/>"))</fonts>"#
            + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
            + #"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#
            + #"<border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="\#(allCases.count)">\#(allCases.map(\.xf).joined())</cellXfs>"#
            + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
            + "</styleSheet>"
    }
}
