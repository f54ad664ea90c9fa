/// How far a file may decompress before it is refused as damage or a gzip bomb.
///
/// No delivery comes near the bounds: a national `aa` file is ~3 M rows of ~70 bytes,
/// ~200 MB decompressed at 5-10 times its compressed size. A bomb (deflate reaches ~1000:1,
/// e.g. 4 GiB of line ends in 4 MB) passes the ratio bound after its first GiB.
public struct InflationLimit: Sendable, Equatable {
    /// Decompressed bytes no file may exceed, whatever its compressed size.
    public var absolute: Int
    /// Decompressed bytes past which the ratio bound applies.
    public var ratioFrom: Int
    /// Most decompressed bytes per compressed byte, past `ratioFrom`.
    public var ratio: Int

    public init(absolute: Int, ratioFrom: Int, ratio: Int) {
        self.absolute = absolute
        self.ratioFrom = ratioFrom
        self.ratio = ratio
    }

    /// The bounds for a delivery: 64 GiB, or 200:1 past 1 GiB.
    public static let delivery = InflationLimit(absolute: 64 << 30, ratioFrom: 1 << 30, ratio: 200)

    /// Which bound `inflated` bytes from a file of `compressed` bytes passes, in words; nil if none.
    func exceeded(inflated: Int, compressed: Int) -> String? {
        if inflated > absolute {
            return "more than \(absolute) bytes, the bound for any delivery"
        }
        if inflated > ratioFrom && inflated / ratio > compressed {
            return "more than \(ratio) times its \(compressed) compressed bytes (\(inflated) bytes so far)"
        }
        return nil
    }
}
