import Foundation

/// Byte-level readers for the field types of `extracts.md`. Each returns nil for a value
/// that breaks the type; the caller turns that into a reason naming the column.
enum FieldRules {
    /// A key of 1-64 characters `[A-Za-z0-9_-]` (person and relationship keys).
    @inline(__always)
    static func isToken(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard n >= 1 && n <= 64 else { return false }
        // Eight bytes at a time (a hot check: two keys in each of ~3M rows a file), then the rest.
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 8 <= n {
            if !isTokenWord(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))) { return false }
            i += 8
        }
        while i < n {
            let c = p[i]
            let ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2D
            if !ok { return false }
            i += 1
        }
        return true
    }

    /// Whether all eight bytes of `w` are `[A-Za-z0-9_-]`, tested side by side (SWAR): every
    /// lane is below 0x80, so adding 0x80 or subtracting from 0x80+hi never borrows across lanes.
    @inline(__always)
    static func isTokenWord(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        if w & high != 0 { return false }
        @inline(__always) func within(_ x: UInt64, _ lo: UInt64, _ hi: UInt64) -> UInt64 {
            ((x | high) &- lo &* ones) & ((hi &+ 0x80) &* ones &- x) & high
        }
        let digit = within(w, 0x30, 0x39)
        let letter = within(w | 0x2020_2020_2020_2020, 0x61, 0x7A)   // A-Z folded onto a-z
        let mark = FieldSplitter.zeroBytes(w ^ 0x5F5F_5F5F_5F5F_5F5F) | FieldSplitter.zeroBytes(w ^ 0x2D2D_2D2D_2D2D_2D2D)
        return digit | letter | mark == high
    }

    /// A measure code as Arena writes them (AVKLARAG, MIDLONTIL, AMBF1): 1-32 characters
    /// `[A-Z0-9_]`, the first a letter. Narrower than a person key's form on purpose: a key
    /// written into the field by mistake (keys hold lower-case letters, or start with a
    /// digit) is set aside instead of being published as a measure's name.
    @inline(__always)
    static func isCode(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard n >= 1 && n <= 32, p[0] >= 0x41 && p[0] <= 0x5A else { return false }
        for i in 1..<n {
            let c = p[i]
            if !((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || c == 0x5F) { return false }
        }
        return true
    }

    /// Exactly `count` ASCII digits, as a number.
    @inline(__always)
    static func digits(_ p: UnsafePointer<UInt8>, _ n: Int, count: Int) -> Int? {
        guard n == count else { return nil }
        var v = 0
        for i in 0..<n {
            let d = Int(p[i]) &- 0x30
            if d < 0 || d > 9 { return nil }
            v = v * 10 + d
        }
        return v
    }

    /// Whether all `n` bytes are ASCII digits (eight at a time).
    @inline(__always)
    static func isDigits(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i &+ 8 <= n {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            if digitLanes(w) != 0x8080_8080_8080_8080 { return false }
            i &+= 8
        }
        while i < n {
            if p[i] &- 0x30 > 9 { return false }
            i &+= 1
        }
        return true
    }

    /// The high bit of each byte of `w` that is an ASCII digit (SWAR, as in `isTokenWord`).
    @inline(__always)
    static func digitLanes(_ w: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        // Lanes of 0x80 or more are no digit; below it, neither sum borrows across lanes.
        return ((w | high) &- 0x3030_3030_3030_3030) & (0xB9B9_B9B9_B9B9_B9B9 &- (w & ~high)) & ~w & high
    }

    /// A whole number without sign or leading spaces, within `range`.
    @inline(__always)
    static func integer(_ p: UnsafePointer<UInt8>, _ n: Int, in range: ClosedRange<Int>) -> Int? {
        guard n >= 1 && n <= 4 else { return nil }
        guard let v = digits(p, n, count: n) else { return nil }
        return range.contains(v) ? v : nil
    }

    /// `YYYY-MM-DD`, a real calendar day, as a `Day`. Two dates in each of ~3M rows a file:
    /// "YYYY-MM-" is checked and read as one 8-byte word.
    @inline(__always)
    static func date(_ p: UnsafePointer<UInt8>, _ n: Int) -> Day? {
        guard n == 10 else { return nil }
        let w = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        // Digits in bytes 0-3 and 5-6, '-' in bytes 4 and 7.
        let digitMask: UInt64 = 0x0080_8000_8080_8080
        guard digitLanes(w) & digitMask == digitMask, w & 0xFF00_00FF_0000_0000 == 0x2D00_002D_0000_0000 else { return nil }
        let d0 = p[8] &- 0x30, d1 = p[9] &- 0x30
        guard d0 <= 9, d1 <= 9 else { return nil }
        let v = w & 0x00FF_FF00_FFFF_FFFF &- 0x0030_3000_3030_3030
        let y = Int(v & 0xFF) &* 1000 &+ Int(v >> 8 & 0xFF) &* 100 &+ Int(v >> 16 & 0xFF) &* 10 &+ Int(v >> 24 & 0xFF)
        let m = Int(v >> 40 & 0xFF) &* 10 &+ Int(v >> 48 & 0xFF)
        let d = Int(d0) &* 10 &+ Int(d1)
        guard m >= 1, m <= 12, d >= 1, d <= 28 || d <= Month.days(year: y, month: m), y >= 1900 else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// A decimal 0-100 with `.` or `,` as the decimal mark (position size).
    @inline(__always)
    static func isPercentage(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard n >= 1 && n <= 12 else { return false }
        var whole = 0, wholeDigits = 0, fracDigits = 0, fracNonZero = false, seenMark = false
        for i in 0..<n {
            let c = p[i]
            if c == 0x2E || c == 0x2C {
                if seenMark || wholeDigits == 0 { return false }
                seenMark = true
            } else if c >= 0x30 && c <= 0x39 {
                if seenMark {
                    fracDigits += 1
                    if c != 0x30 { fracNonZero = true }
                } else {
                    whole = whole * 10 + Int(c - 0x30)
                    wholeDigits += 1
                }
            } else {
                return false
            }
        }
        if seenMark && fracDigits == 0 { return false }
        return whole < 100 || (whole == 100 && !fracNonZero)
    }

    /// Marks where a field value starts and ends inside a reason: the quarantine file shows
    /// the value in quotes, summaries on a terminal leave it out (a shifted column can put a
    /// person key in any field). Field text never contains the mark (it is replaced).
    static let valueMark: Character = "\u{1}"

    /// The field's text for a reason, shortened and marked as a value.
    static func quote(_ p: UnsafePointer<UInt8>, _ n: Int) -> String {
        let text = String(decoding: UnsafeBufferPointer(start: p, count: min(n, 24)), as: UTF8.self)
            .replacingOccurrences(of: String(valueMark), with: "?")
        return String(valueMark) + text + (n > 24 ? "…" : "") + String(valueMark)
    }
}
