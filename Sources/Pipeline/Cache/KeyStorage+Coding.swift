import Extracts

/// Person keys in a cache entry: their bytes back to back, and their lengths once when all
/// are alike (national keys are: 11 digits), else one byte each. Four bytes a key less than
/// the starts themselves: at 240 national months the Arena files' forms were 0.3 GB smaller.
extension BinaryWriter {
    /// `bytes`/`starts` as `KeyTable` and `KeyList` store them (keys of 1 to 64 bytes).
    mutating func keys(_ bytes: [UInt8], _ starts: [UInt32]) {
        let n = starts.count - 1
        let first = n > 0 ? starts[1] - starts[0] : 0
        let uniform = (0..<n).allSatisfy { starts[$0 + 1] - starts[$0] == first }
        array(bytes)
        u64(uniform ? UInt64(first) : 0)
        array(uniform ? [] : (0..<n).map { UInt8(starts[$0 + 1] - starts[$0]) })
    }
}

extension BinaryReader {
    /// `count` keys as `BinaryWriter.keys` wrote them, checked (`KeyTable.isValidStorage`);
    /// nil if they are not that.
    mutating func keys(count n: Int) -> (bytes: [UInt8], starts: [UInt32])? {
        guard let bytes = array(UInt8.self), let uniform = u64(), uniform <= 64, let lengths = array(UInt8.self),
              uniform > 0 ? lengths.isEmpty && bytes.count == n * Int(uniform) : lengths.count == n else { return nil }
        var starts = [UInt32](repeating: 0, count: n + 1)
        var at = 0
        for i in 0..<n {
            at += uniform > 0 ? Int(uniform) : Int(lengths[i])
            starts[i + 1] = UInt32(truncatingIfNeeded: at)
        }
        guard at == bytes.count, KeyTable.isValidStorage(bytes: bytes, starts: starts) else { return nil }
        return (bytes, starts)
    }
}
