import Foundation

/// The report's language: labels and number display (decimal comma and space-grouped
/// thousands in Norwegian, as NAV and SSB print them).
public enum ReportLanguage: String, Sendable, CaseIterable {
    case nb, en

    /// Shown in place of a value blanked by small-cell suppression (SSB's symbol ":",
    /// "not published for confidentiality").
    public var suppressedMark: String { ":" }

    /// Shown where there is no value (undefined or not applicable; SSB's symbol ".").
    public var emptyMark: String { "." }

    /// The text of a cell as printed in HTML and Markdown.
    public func text(_ cell: ReportCell) -> String {
        switch cell {
        case .text(let s), .month(let s): return s
        case .suppressed: return suppressedMark
        case .empty: return emptyMark
        case .number(let x, let style): return format(x, style)
        }
    }

    /// A number as printed: grouped thousands for counts, fixed decimals otherwise.
    public func format(_ x: Double, _ style: NumberStyle) -> String {
        guard x.isFinite else { return emptyMark }
        switch style {
        case .count: return grouped(Int(x.rounded()))
        case .percent: return fixed(x, 1)
        case .fraction, .decimal: return fixed(x, 3)
        // Below 0.001 a p-value says no more than that (as journals print it).
        case .pValue: return x < 0.001 ? "< " + fixed(0.001, 3) : fixed(x, 3)
        }
    }

    /// A p-value in a sentence: "= 0,042" or "< 0,001".
    func pEquals(_ p: Double) -> String {
        let text = format(p, .pValue)
        return text.hasPrefix("<") ? text : "= " + text
    }

    /// Decimal point or comma, and a true minus sign in Norwegian typography. printf's
    /// rounding (of the exact binary value), by `vsnprintf` into a stack buffer: the report
    /// prints tens of thousands of numbers, and `String(format:)` was 6 % of a rerun's CPU.
    func fixed(_ x: Double, _ decimals: Int) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 400) { buffer in
            let n = Int(withVaList([Int32(decimals), x]) { vsnprintf(buffer.baseAddress!, buffer.count, "%.*f", $0) })
            let text = UnsafeRawBufferPointer(start: buffer.baseAddress!, count: min(max(n, 0), buffer.count - 1))
            // No "-0.0": a negative that rounds to zero prints as zero.
            let negativeZero = text.first == UInt8(ascii: "-") && text.dropFirst().allSatisfy { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }
            let digits = negativeZero ? UnsafeRawBufferPointer(rebasing: text.dropFirst()) : text
            switch self {
            case .en: return String(decoding: digits, as: UTF8.self)
            case .nb: return Self.norwegianTypography(digits)
            }
        }
    }

    /// "." → "," and "-" → "−" (U+2212), byte by byte (Foundation's replacingOccurrences was
    /// a tenth of a rerun's time).
    static func norwegianTypography(_ text: UnsafeRawBufferPointer) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(text.count + 2)
        for b in text {
            switch b {
            case UInt8(ascii: "."): bytes.append(UInt8(ascii: ","))
            case UInt8(ascii: "-"): bytes += [0xE2, 0x88, 0x92]   // U+2212 MINUS SIGN in UTF-8
            default: bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += self == .nb ? "\u{00A0}" : "," }
            out.append(ch)
        }
        return n < 0 ? (self == .nb ? "\u{2212}" : "-") + out : out
    }
}
