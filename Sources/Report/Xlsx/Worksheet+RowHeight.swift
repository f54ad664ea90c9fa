/// Heights of header rows whose text wraps. Readers do not agree on working them out:
/// LibreOffice kept a wrapped header at one line and showed only its last words, so the
/// sheet says how many lines each header row needs.
extension Worksheet {
    /// Points per line of the default font (Calibri 11), Excel's default row height.
    static let lineHeight = 15.0
    /// Excel's width of a column the sheet does not size (8.43 characters), rounded down.
    static let defaultWidth = 8

    /// The height of a row of headers that needs more than one line; nil for other rows.
    func wrappedHeight(_ cells: [Cell], widths: [Int: Int]) -> Double? {
        var lines = 1
        for (i, cell) in cells.enumerated() where cell.style == .header || cell.style == .headerSpanning {
            guard case .text(let text) = cell.value else { continue }
            var width = widths[cell.column] ?? Self.defaultWidth, j = i + 1
            // A spanning header wraps over the blank cells merged with it.
            while cell.style == .headerSpanning, j < cells.count, case .blank = cells[j].value {
                width += widths[cells[j].column] ?? Self.defaultWidth
                j += 1
            }
            lines = max(lines, Self.lines(text, width: width - 1))
        }
        return lines > 1 ? Double(lines) * Self.lineHeight : nil
    }

    /// Lines of `text` wrapped greedily between words at `width` characters.
    static func lines(_ text: String, width: Int) -> Int {
        var lines = 1, used = 0
        for word in text.split(separator: " ") {
            if used > 0, used + 1 + word.count > width {
                lines += 1
                used = word.count
            } else {
                used += (used > 0 ? 1 : 0) + word.count
            }
        }
        return lines
    }
}
