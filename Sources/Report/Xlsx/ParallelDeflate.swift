import Dispatch
import Foundation
import SystemZlib

/// Raw DEFLATE (RFC 1951) of a buffer, compressed in independent pieces on all cores.
///
/// Each piece is deflated by its own zlib stream; every piece but the last ends with a sync
/// flush (an empty stored block, so it ends on a byte boundary and is not final), the last
/// with the final block. Their concatenation is one valid DEFLATE stream, as pigz makes
/// them. A piece does not see the previous piece's window, which costs under 1 % of size
/// at a megabyte a piece; a workbook's largest sheet is several megabytes of XML, and its
/// compression was a third of a rerun's report time on one core.
enum ParallelDeflate {
    /// Bytes per piece: large enough that the lost window does not matter.
    static let pieceSize = 1 << 20

    /// Compresses every buffer of `parts`, all pieces of all parts at once across the cores;
    /// pieces `memo` holds are taken from it.
    static func compress(_ parts: [[UInt8]], level: Int32 = 6, memo: DeflateMemo? = nil) throws -> [[UInt8]] {
        // Every part has at least one piece, so an empty part still gets its final block.
        let pieces = parts.enumerated().flatMap { part, bytes in
            stride(from: 0, to: max(bytes.count, 1), by: pieceSize).map { (part: part, start: $0) }
        }
        let results = concurrentMap(pieces.count) { i in
            let (part, start) = pieces[i]
            let end = min(start + pieceSize, parts[part].count)
            let final = end == parts[part].count
            return Result {
                try parts[part].withUnsafeBytes { bytes in
                    let piece = UnsafeRawBufferPointer(rebasing: bytes[start ..< end])
                    guard let memo else { return try deflatePiece(piece, final: final, level: level) }
                    let form = "zlib \(String(cString: zlibVersion())), level \(level)\(final ? ", final" : "")"
                    return try memo.deflated(piece, form: form) { try deflatePiece(piece, final: final, level: level) }
                }
            }
        }
        var out = [[UInt8]](repeating: [], count: parts.count)
        for (piece, result) in zip(pieces, results) { out[piece.part] += try result.get() }
        return out
    }

    /// One piece as raw DEFLATE: ending in the final block, or byte-aligned for the next piece.
    private static func deflatePiece(_ piece: UnsafeRawBufferPointer, final: Bool, level: Int32) throws -> [UInt8] {
        var stream = z_stream()
        // Negative window bits: raw DEFLATE, no zlib header or trailer (zip stores its own CRC).
        guard deflateInit2_(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw XlsxError("cannot start zlib's deflate")
        }
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(piece.count))) + 16)
        let status = out.withUnsafeMutableBufferPointer { output in
            stream.next_in = UnsafeMutablePointer(mutating: piece.baseAddress?.assumingMemoryBound(to: UInt8.self))
            stream.avail_in = UInt32(piece.count)
            stream.next_out = output.baseAddress
            stream.avail_out = UInt32(output.count)
            return deflate(&stream, final ? Z_FINISH : Z_SYNC_FLUSH)
        }
        // The output holds the bound, so one call compresses the whole piece.
        guard status == (final ? Z_STREAM_END : Z_OK), stream.avail_in == 0 else {
            throw XlsxError("zlib's deflate failed (status \(status))")
        }
        out.removeLast(Int(stream.avail_out))
        return out
    }
}

/// A workbook that cannot be written (compression or size limits).
struct XlsxError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
