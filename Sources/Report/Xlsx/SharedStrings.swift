/// The workbook's string table: every text is stored once and cells refer to it by index,
/// which is what Excel writes itself and what every reader understands.
struct SharedStrings {
    private(set) var strings: [String] = []
    private var index: [String: Int] = [:]
    private(set) var references = 0

    /// The index of a text added before.
    func index(of s: String) -> Int { index[s]! }

    @discardableResult
    mutating func add(_ s: String) -> Int {
        references += 1
        if let i = index[s] { return i }
        strings.append(s)
        index[s] = strings.count - 1
        return strings.count - 1
    }

    var xml: String {
        var out = #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(references)" uniqueCount="\#(strings.count)">"#
        for s in strings {
            // Without xml:space="preserve" readers may strip leading/trailing blanks and line breaks.
            let preserve = s.first.map(\.isWhitespace) == true || s.last.map(\.isWhitespace) == true || s.contains("\n")
            out += preserve ? #"<si><t xml:space="preserve">"# : "<si><t>"
            out += s.xmlEscaped + "</t></si>"
        }
        return XlsxPackage.declaration + out + "</sst>"
    }
}
