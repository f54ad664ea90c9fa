import Extracts
import Foundation

/// Writes the three files of one month: `arena_YYYYMM.csv.gz`, `aa_YYYYMM.csv.gz` (the
/// Arena persons' relationships, then the background workforce, streamed) and
/// `ytelse_YYYYMM.csv.gz` (as two gzip members). Each file is written under a temporary
/// name and renamed when complete.
enum ExtractWriter {
    static func write(_ rows: MonthRows, background: BackgroundWorkforce, directory: String,
                      level: Int32) throws -> GeneratorSummary {
        let stamp = Month(index: rows.month).compact
        var summary = GeneratorSummary()

        // arena
        summary.bytesWritten += try writeFile(directory, "arena_\(stamp).csv.gz", level) { gz in
            try gz.write(Words.arenaHeader)
            try gz.write(rows.arena)
        }
        summary.arenaRows = rows.arenaRows

        // aa
        var aaRows = rows.aaRows
        summary.bytesWritten += try writeFile(directory, "aa_\(stamp).csv.gz", level) { gz in
            try gz.write(Words.aaHeader)
            try gz.write(rows.aa)
            let chunk = 1 << 20
            var buffer = RowBuffer(capacity: chunk + 4096)
            var duplicates = RowBuffer(capacity: 4096)
            aaRows += try background.employment(month: rows.month, into: &buffer, duplicates: &duplicates, chunk: chunk) { b in
                try gz.write(b.bytes)
                b.removeAll()
            }
            try gz.write(buffer.bytes)
            try gz.write(duplicates.bytes)
            aaRows += duplicates.rows
        }
        summary.aaRows = aaRows

        // ytelse, in two members: the first half of the rows, then the second half.
        var ytelse = RowBuffer(capacity: rows.ytelse.count + background.pensioners * 24 + 4096)
        ytelse.append(rows.ytelse)
        let backgroundRows = background.benefits(month: rows.month, into: &ytelse)
        let total = rows.ytelseRows + backgroundRows
        let split = offsetAfterRow(ytelse.bytes, total / 2)
        summary.bytesWritten += try writeFile(directory, "ytelse_\(stamp).csv.gz", level) { gz in
            try gz.write(Words.ytelseHeader)
            try ytelse.bytes.withUnsafeBytes { p in
                try gz.write(UnsafeRawBufferPointer(rebasing: p[0..<split]))
                try gz.finishMember()
                try gz.write(UnsafeRawBufferPointer(rebasing: p[split...]))
            }
        }
        summary.ytelseRows = total
        summary.files = 3
        return summary
    }

    /// The byte offset just after the `n`-th line end (0 for n = 0).
    private static func offsetAfterRow(_ bytes: [UInt8], _ n: Int) -> Int {
        guard n > 0 else { return 0 }
        var seen = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            seen += 1
            if seen == n { return i + 1 }
        }
        return bytes.count
    }

    /// Writes `name` in `directory` through a temporary file; returns its compressed size.
    private static func writeFile(_ directory: String, _ name: String, _ level: Int32,
                                  _ body: (GzipWriter) throws -> Void) throws -> Int {
        let path = (directory as NSString).appendingPathComponent(name)
        let temporary = (directory as NSString).appendingPathComponent(".\(name).partial")
        let gz = try GzipWriter(path: temporary, level: level)
        do {
            try body(gz)
            try gz.close()
        } catch {
            try? gz.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw GeneratorError("\(path): cannot rename the finished file into place (\(reason))")
        }
        return gz.bytesWritten
    }
}
