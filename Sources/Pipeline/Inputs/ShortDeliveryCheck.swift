import Extracts

/// A file far shorter than its neighbours is a broken delivery, not a quiet month: a
/// header-only Arena file would turn every person registered that month into an exit the
/// month before. Judged per kind against the median row count of the files up to `window`
/// months either side; kinds whose neighbours hold few rows (test sets, pilots) are not judged.
struct ShortDeliveryCheck {
    /// `input.minRowShare`; 0 turns the check off.
    let minRowShare: Double
    static let window = 6
    /// Neighbours with a median under this many rows are too small to judge by.
    static let smallFile = 100

    /// The files in `months` (the analysed range) with fewer rows than `minRowShare` of their
    /// neighbours' median; `stats` may include files outside it (context months), as neighbours.
    func shortFiles(_ files: [ExtractFile], stats: [FileStats], in months: MonthRange) -> [ExtractError] {
        guard minRowShare > 0 else { return [] }
        let rows = Dictionary(stats.map { ($0.file, $0.rowsRead) }, uniquingKeysWith: { a, _ in a })
        var byKind = [ExtractKind: [Month: Int]]()
        for f in files { if let n = rows[f.name] { byKind[f.kind, default: [:]][f.month] = n } }
        var found = [ExtractError]()
        for f in files where months.contains(f.month) {
            guard let n = rows[f.name], let counts = byKind[f.kind] else { continue }
            let neighbours = (1...Self.window).flatMap { d in [counts[f.month - d], counts[f.month + d]] }.compactMap { $0 }
            guard let median = Self.median(neighbours), median >= Double(Self.smallFile) else { continue }
            // At the edge of a register starting up or winding down every neighbour lies on the
            // far side of the trend: such a file is short only against the nearest one as well.
            if Double(n) < minRowShare * median, Double(n) < minRowShare * Double(Self.nearest(f.month, in: counts)) {
                found.append(ExtractError(file: f.path, .shortDelivery(rows: n, neighbourMedian: Int(median.rounded()), minShare: minRowShare)))
            }
        }
        return found
    }

    /// The larger of the nearest file's rows before and after `month` (within `window`).
    static func nearest(_ month: Month, in counts: [Month: Int]) -> Int {
        let before = (1...window).lazy.compactMap { counts[month - $0] }.first ?? 0
        let after = (1...window).lazy.compactMap { counts[month + $0] }.first ?? 0
        return max(before, after)
    }

    static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let mid = s.count / 2
        return s.count % 2 == 1 ? Double(s[mid]) : Double(s[mid - 1] + s[mid]) / 2
    }
}
