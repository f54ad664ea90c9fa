/// Splits one CSV line into `;`-separated fields, honouring `"`-quoting with `""` escapes.
///
/// Fields are byte ranges into the line; nothing is copied. A quoted field's range excludes
/// its outer quotes; `hasEscapedQuote` marks a field whose value holds a `"` (no column of
/// the delivery format allows one, so such a value is invalid wherever it is read).
public struct FieldSplitter {
    public struct Field {
        public var start: Int
        public var end: Int
        public var hasEscapedQuote: Bool
    }

    public enum Failure: Error, Equatable {
        case unterminatedQuote
        case textAfterClosingQuote
    }

    public private(set) var fields: [Field] = []

    public init() { fields.reserveCapacity(32) }

    /// Splits `line`; on success `fields` holds one entry per field.
    public mutating func split(_ line: UnsafeBufferPointer<UInt8>) -> Failure? {
        fields.removeAll(keepingCapacity: true)
        let n = line.count
        guard let base = line.baseAddress, n > 0 else {
            fields.append(Field(start: 0, end: 0, hasEscapedQuote: false))
            return nil
        }
        var i = 0
        while true {
            if i < n && base[i] == 0x22 {
                // Quoted field.
                var j = i + 1
                var escaped = false
                var closed = false
                while j < n {
                    if base[j] == 0x22 {
                        if j + 1 < n && base[j + 1] == 0x22 {
                            escaped = true
                            j += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    j += 1
                }
                if !closed { return .unterminatedQuote }
                fields.append(Field(start: i + 1, end: j, hasEscapedQuote: escaped))
                j += 1
                if j == n { return nil }
                if base[j] != 0x3B { return .textAfterClosingQuote }
                i = j + 1
                if i == n {
                    fields.append(Field(start: n, end: n, hasEscapedQuote: false))
                    return nil
                }
            } else {
                var j = i
                while j < n && base[j] != 0x3B { j += 1 }
                fields.append(Field(start: i, end: j, hasEscapedQuote: false))
                if j == n { return nil }
                i = j + 1
                if i == n {
                    fields.append(Field(start: n, end: n, hasEscapedQuote: false))
                    return nil
                }
            }
        }
    }

    /// The fast path for a line without any `"` (almost every line): splits at `;` eight
    /// bytes at a time, writing up to `capacity` fields to `out`. Returns the number of
    /// fields (those past `capacity` counted, not written), or nil if the line holds a `"`
    /// (then `split` reads it).
    @inline(__always)
    public static func splitUnquoted(_ base: UnsafePointer<UInt8>, _ n: Int,
                                     into out: UnsafeMutablePointer<Field>, capacity: Int) -> Int? {
        let raw = UnsafeRawPointer(base)
        // Wrapping arithmetic: a line is at most `LineReader.maxLineLength` bytes.
        var count = 0, fieldStart = 0, i = 0
        while i &+ 8 <= n {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            var m = zeroBytes(w ^ 0x3B3B_3B3B_3B3B_3B3B)
            if zeroBytes(w ^ 0x2222_2222_2222_2222) != 0 { return nil }
            while m != 0 {
                let end = i &+ m.trailingZeroBitCount &>> 3
                if count < capacity { out[count] = Field(start: fieldStart, end: end, hasEscapedQuote: false) }
                count &+= 1
                fieldStart = end &+ 1
                m &= m &- 1
            }
            i &+= 8
        }
        while i < n {
            let c = base[i]
            if c == 0x22 { return nil }
            if c == 0x3B {
                if count < capacity { out[count] = Field(start: fieldStart, end: i, hasEscapedQuote: false) }
                count += 1
                fieldStart = i + 1
            }
            i += 1
        }
        if count < capacity { out[count] = Field(start: fieldStart, end: n, hasEscapedQuote: false) }
        return count + 1
    }

    /// The high bit of each byte of `v` that is zero (exact: no false hits from carries).
    @inline(__always)
    static func zeroBytes(_ v: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((v & low7) &+ low7) | v | low7)
    }
}
