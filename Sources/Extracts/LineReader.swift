import Foundation

/// Splits a decompressed byte stream into lines without copying them out of its buffer.
///
/// A line ends at LF; a CR before it is dropped; the last line may lack a line end; a
/// leading UTF-8 byte-order mark is skipped. No field of the delivery format may hold a
/// line break, so a line break always ends a row (a quote left open at the end of a line
/// sets that one row aside instead of swallowing the rest of the file).
public final class LineReader {
    private let source: any ByteSource
    // Unchecked: touched on every line, by the one thread that reads the file.
    @exclusivity(unchecked) private var buffer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var start = 0      // first byte not yet returned
    @exclusivity(unchecked) private var end = 0        // one past the last valid byte
    @exclusivity(unchecked) private var sourceDone = false
    @exclusivity(unchecked) private var atFileStart = true
    /// Holds the kept prefix of an overlong line.
    private let overlong = UnsafeMutablePointer<UInt8>.allocate(capacity: LineReader.maxLineLength)
    /// Lines longer than this are cut (and reported as overlong) rather than buffered whole.
    public static let maxLineLength = 1 << 20
    /// Number of the line last returned (1 = the header).
    @exclusivity(unchecked) public private(set) var lineNumber = 0
    /// True when the line last returned was longer than `maxLineLength` and was cut.
    @exclusivity(unchecked) public private(set) var lastLineWasCut = false

    public init(_ source: any ByteSource, bufferSize: Int = 1 << 20) {
        self.source = source
        capacity = max(bufferSize, 1 << 12)
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
        overlong.deallocate()
    }

    /// Moves the unread tail to the front and reads more; returns false at the end of input.
    private func fill() throws -> Bool {
        if sourceDone { return false }
        if start > 0 {
            let tail = end - start
            if tail > 0 { (buffer).update(from: buffer + start, count: tail) }
            start = 0
            end = tail
        }
        if end == capacity {
            // A single line fills the whole buffer: grow up to the line limit.
            let newCapacity = capacity * 2
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity = newCapacity
        }
        let n = try source.read(into: buffer + end, capacity: capacity - end)
        if n == 0 {
            sourceDone = true
            return false
        }
        end += n
        if atFileStart && end >= 3 {
            if buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
            atFileStart = false
        }
        return true
    }

    /// The next line, valid until the next call; nil at the end of the file.
    @inline(__always)
    public func next() throws -> UnsafeBufferPointer<UInt8>? {
        // Inlined for the common case, a whole line of ordinary length already in the buffer.
        if start < end, let nl = memchr(buffer + start, 0x0A, min(end - start, LineReader.maxLineLength + 1)) {
            lastLineWasCut = false
            let lineEnd = buffer.distance(to: nl.assumingMemoryBound(to: UInt8.self))
            return emit(upTo: lineEnd, consumed: lineEnd + 1)
        }
        return try nextAfterFilling()
    }

    /// `next` when the buffer must be refilled, the line is overlong, or the file ends.
    @inline(never)
    private func nextAfterFilling() throws -> UnsafeBufferPointer<UInt8>? {
        lastLineWasCut = false
        var scanFrom = start
        while true {
            if scanFrom < end,
               let nl = memchr(buffer + scanFrom, 0x0A, end - scanFrom) {
                let lineEnd = buffer.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                if lineEnd - start > LineReader.maxLineLength {
                    lastLineWasCut = true
                    return emit(upTo: start + LineReader.maxLineLength, consumed: lineEnd + 1)
                }
                return emit(upTo: lineEnd, consumed: lineEnd + 1)
            }
            let scanned = end - start
            if scanned > LineReader.maxLineLength {
                // Overlong: keep the first part aside and discard the rest of this line.
                overlong.update(from: buffer + start, count: LineReader.maxLineLength)
                lineNumber += 1
                lastLineWasCut = true
                try skipRestOfLine()
                return UnsafeBufferPointer(start: overlong, count: LineReader.maxLineLength)
            }
            if !(try fill()) {
                if start < end { return emit(upTo: end, consumed: end) }
                return nil
            }
            scanFrom = start + scanned
        }
    }

    @inline(__always)
    private func emit(upTo lineEnd: Int, consumed: Int) -> UnsafeBufferPointer<UInt8> {
        var stop = lineEnd
        if stop > start && buffer[stop - 1] == 0x0D { stop -= 1 }
        let line = UnsafeBufferPointer(start: buffer + start, count: stop - start)
        start = consumed
        lineNumber += 1
        return line
    }

    /// Drops bytes up to and including the next LF.
    private func skipRestOfLine() throws {
        start = end
        while true {
            if start < end, let nl = memchr(buffer + start, 0x0A, end - start) {
                start = buffer.distance(to: nl.assumingMemoryBound(to: UInt8.self)) + 1
                return
            }
            start = end
            if !(try fill()) { return }
        }
    }
}
