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
}
