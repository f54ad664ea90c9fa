import CSystem
import Foundation

/// A zip archive (PKWARE APPNOTE 6.3) of deflated parts, as an xlsx package is.
///
/// Written here rather than with ZIPFoundation (which the tests still use to read every
/// workbook back): ZIPFoundation deflates entry by entry on one core at a fixed level, and
/// the workbook was about 40 % of a rerun's wall time at mid scale. Only what a workbook
/// needs: deflated entries under 4 GB, ASCII names, one fixed modification time.
struct ZipArchive {
    /// The parts in the order written: path in the archive, uncompressed bytes.
    var parts: [(path: String, bytes: [UInt8])] = []
    /// Every entry's modification time (zip's DOS time has two-second steps and no zone: UTC).
    var date: Date
    /// Deflated pieces of earlier workbooks to reuse (nil: deflate every piece).
    var memo: DeflateMemo?

    func data() throws -> Data {
        let compressed = try ParallelDeflate.compress(parts.map(\.bytes), memo: memo)
        var out = [UInt8](), directory = [UInt8]()
        out.reserveCapacity(compressed.reduce(0) { $0 + $1.count + 64 })
        for (part, deflated) in zip(parts, compressed) {
            guard part.bytes.count < Int(UInt32.max), deflated.count < Int(UInt32.max), out.count < Int(UInt32.max) else {
                throw XlsxError("\(part.path): a workbook part of 4 GB or more")
            }
            let entry = Entry(name: Array(part.path.utf8), crc: part.bytes.withUnsafeBufferPointer { overgang_crc32(0, $0.baseAddress, $0.count) },
                              compressedSize: UInt32(deflated.count), size: UInt32(part.bytes.count), offset: UInt32(out.count))
            entry.header(local: true, dos: dosTime, into: &out)
            out += deflated
            entry.header(local: false, dos: dosTime, into: &directory)
        }
        let directoryOffset = out.count
        out += directory
        // End of central directory: this disk, entries, directory size and offset, no comment.
        Self.put32(0x0605_4b50, &out)
        Self.put16(0, &out); Self.put16(0, &out)
        Self.put16(UInt16(parts.count), &out); Self.put16(UInt16(parts.count), &out)
        Self.put32(UInt32(directory.count), &out); Self.put32(UInt32(directoryOffset), &out)
        Self.put16(0, &out)
        return Data(out)
    }

    /// One entry's fields, shared by its local header and its central directory record.
    private struct Entry {
        let name: [UInt8]
        let crc, compressedSize, size, offset: UInt32

        func header(local: Bool, dos: (time: UInt16, date: UInt16), into out: inout [UInt8]) {
            ZipArchive.put32(local ? 0x0403_4b50 : 0x0201_4b50, &out)
            if !local { ZipArchive.put16(20, &out) }       // made by: version 2.0 (MS-DOS attributes)
            ZipArchive.put16(20, &out)                     // needed to extract: 2.0 (deflate)
            ZipArchive.put16(0, &out)                      // flags: none (sizes known, ASCII names)
            ZipArchive.put16(8, &out)                      // method: deflate
            ZipArchive.put16(dos.time, &out); ZipArchive.put16(dos.date, &out)
            ZipArchive.put32(crc, &out); ZipArchive.put32(compressedSize, &out); ZipArchive.put32(size, &out)
            ZipArchive.put16(UInt16(name.count), &out)
            ZipArchive.put16(0, &out)                      // extra field length
            if !local {
                ZipArchive.put16(0, &out)                  // comment length
                ZipArchive.put16(0, &out)                  // disk number
                ZipArchive.put16(0, &out)                  // internal attributes
                ZipArchive.put32(0, &out)                  // external attributes
                ZipArchive.put32(offset, &out)             // where the local header is
            }
            out += name
        }
    }

    /// `date` in MS-DOS form, in UTC; zip cannot hold times before 1980.
    private var dosTime: (time: UInt16, date: UInt16) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let year = max((c.year ?? 1980) - 1980, 0)
        return (UInt16((c.hour ?? 0) << 11 | (c.minute ?? 0) << 5 | (c.second ?? 0) / 2),
                UInt16(year << 9 | (c.month ?? 1) << 5 | (c.day ?? 1)))
    }

    private static func put16(_ v: UInt16, _ out: inout [UInt8]) {
        out.append(UInt8(v & 0xff)); out.append(UInt8(v >> 8))
    }

    private static func put32(_ v: UInt32, _ out: inout [UInt8]) {
        put16(UInt16(v & 0xffff), &out); put16(UInt16(v >> 16), &out)
    }
}
