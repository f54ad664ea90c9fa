/// A growable byte buffer for building CSV rows without `String` formatting.
struct RowBuffer {
    var bytes: [UInt8]
    /// Number of complete rows appended (callers count with `endRow`).
    var rows = 0

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }

    @inline(__always)
    mutating func byte(_ b: UInt8) { bytes.append(b) }

    @inline(__always)
    mutating func append(_ a: [UInt8]) { bytes.append(contentsOf: a) }

    /// `;`
    @inline(__always)
    mutating func sep() { bytes.append(0x3B) }

    /// Ends a row with LF.
    @inline(__always)
    mutating func endRow() {
        bytes.append(0x0A)
        rows += 1
    }

    /// A non-negative integer in decimal, zero-padded to at least `width` digits.
    @inline(__always)
    mutating func int(_ value: Int, width: Int = 1) {
        var digits = 1
        var divisor = 1
        while divisor <= value / 10 {
            divisor *= 10
            digits += 1
        }
        var pad = width - digits
        while pad > 0 {
            bytes.append(0x30)
            pad -= 1
        }
        var v = value
        while divisor > 0 {
            let d = v / divisor
            bytes.append(UInt8(truncatingIfNeeded: 0x30 + d))
            v -= d * divisor
            divisor /= 10
        }
    }

    /// A day number as `YYYY-MM-DD`.
    @inline(__always)
    mutating func date(_ dayNumber: Int) {
        let (y, m, d) = CivilDate.civil(dayNumber)
        int(y, width: 4)
        bytes.append(0x2D)
        bytes.append(UInt8(0x30 + m / 10))
        bytes.append(UInt8(0x30 + m % 10))
        bytes.append(0x2D)
        bytes.append(UInt8(0x30 + d / 10))
        bytes.append(UInt8(0x30 + d % 10))
    }

    /// A pseudonymous person key `P` + at least 7 digits + two lower-case letters derived
    /// from the number (so keys look like `P0001234ab`). Distinct numbers give distinct keys.
    @inline(__always)
    mutating func personKey(_ number: Int, salt: UInt64) {
        bytes.append(0x50)
        int(number, width: 7)
        let h = Mix.hash(salt, UInt64(number), 0x9E11)
        bytes.append(UInt8(0x61 + Int(h % 26)))
        bytes.append(UInt8(0x61 + Int((h >> 8) % 26)))
    }

    /// A relationship key `AF` + digits.
    @inline(__always)
    mutating func relationshipKey(_ number: Int) {
        bytes.append(0x41)
        bytes.append(0x46)
        int(number, width: 6)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        rows = 0
    }
}
