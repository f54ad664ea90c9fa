import Catalogue
import Crypto
import Extracts
import Foundation

/// The tables of the last run that do not read the comparisons or survival settings (exit
/// cohorts, durations, stocks), kept in the cache (one entry) so that a rerun with other
/// periods builds only the comparisons and survival: the others were half a mid-scale
/// rerun's analysis.
///
/// They are reused only for the same panel (its key: the same files and months), the same
/// settings they read, and the same build of the tool: the key holds the stat of the running
/// executable, so a rebuilt tool never meets tables an older one made.
final class TableMemo: @unchecked Sendable {
    static let kind = "tables"
    static let slot = "last"

    /// What one job of the analysis gave: its tables and warnings, in the run's order.
    struct Part {
        var tables: [CSVTable] = []
        var warnings: [String] = []
    }

    private let cache: ExtractCache
    let key: String

    /// `settings`: the run's settings with those the memoised tables do not read cleared
    /// (`TablesStage.memoSettings`).
    init(cache: ExtractCache, panelKey: String, settings: String) {
        self.cache = cache
        let binary = FileStamp(path: "/proc/self/exe").map { "\($0)" } ?? "unknown build \(UUID())"
        let text = "tables 1\n\(CacheEntry.build)\n\(binary)\n\(panelKey)\n\(settings)"
        key = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The stored parts, if they were made for this key; nil otherwise or if unreadable.
    func load() -> [Part]? {
        guard case .found(var r) = cache.load(Self.kind, Self.slot), r.string() == key,
              let count = r.u32() else { return nil }
        var parts = [Part]()
        for _ in 0..<count {
            guard let tables = r.u32(), let warnings = r.u32() else { return nil }
            var part = Part()
            for _ in 0..<tables {
                guard let table = Self.table(&r) else { return nil }
                part.tables.append(table)
            }
            for _ in 0..<warnings {
                guard let w = r.string() else { return nil }
                part.warnings.append(w)
            }
            parts.append(part)
        }
        return r.atEnd ? parts : nil
    }

    /// Replaces the entry with `parts`, made for this key.
    func store(_ parts: [Part]) {
        var w = BinaryWriter()
        w.string(key)
        w.u32(UInt32(parts.count))
        for part in parts {
            w.u32(UInt32(part.tables.count))
            w.u32(UInt32(part.warnings.count))
            for table in part.tables { Self.write(table, &w) }
            for warning in part.warnings { w.string(warning) }
        }
        cache.store(Self.kind, Self.slot, w)
    }

    /// Column kinds by their index (the key holds the build: another order never meets these).
    private static let kinds = ColumnKind.allCases

    private static func write(_ table: CSVTable, _ w: inout BinaryWriter) {
        w.string(table.name)
        w.u32(UInt32(table.header.count))
        for name in table.header { w.string(name) }
        w.u32(table.columns == nil ? 0 : 1)
        w.array((table.columns ?? []).map { c in UInt8(kinds.firstIndex(of: c.kind)!) })
        w.u64(UInt64(table.rows.count))
        for row in table.rows {
            for cell in row {
                switch cell {
                case .text(let s): w.u32(0); w.string(s)
                case .count(nil): w.u32(1)
                case .count(let n?): w.u32(2); w.u64(UInt64(bitPattern: Int64(n)))
                case .number(nil): w.u32(3)
                case .number(let x?): w.u32(4); w.u64(x.bitPattern)
                }
            }
        }
    }

    private static func table(_ r: inout BinaryReader) -> CSVTable? {
        guard let name = r.string(), let width = r.u32().map(Int.init) else { return nil }
        var header = [String]()
        for _ in 0..<width {
            guard let h = r.string() else { return nil }
            header.append(h)
        }
        guard let declared = r.u32(), let kindCodes = r.array(UInt8.self), kindCodes.count == (declared == 0 ? 0 : width),
              kindCodes.allSatisfy({ Int($0) < kinds.count }), let count = r.u64(), count <= UInt64(r.count) else { return nil }
        let columns = declared == 0 ? nil : zip(header, kindCodes).map { Column($0, kinds[Int($1)]) }
        var rows = [[CSVTable.Cell]]()
        rows.reserveCapacity(Int(count))
        for _ in 0..<count {
            var row = [CSVTable.Cell]()
            row.reserveCapacity(width)
            for _ in 0..<width {
                switch r.u32() {
                case 0: guard let s = r.string() else { return nil }; row.append(.text(s))
                case 1: row.append(.count(nil))
                case 2: guard let n = r.u64() else { return nil }; row.append(.count(Int(Int64(bitPattern: n))))
                case 3: row.append(.number(nil))
                case 4: guard let x = r.u64() else { return nil }; row.append(.number(Double(bitPattern: x)))
                default: return nil
                }
            }
            rows.append(row)
        }
        return CSVTable(name: name, header: header, columns: columns, rows: rows)
    }
}
