/// The persons who never appear in Arena: a workforce with stable jobs and some turnover,
/// and pensioners. Nothing is stored: every job of worker `b` is a pure function of
/// (seed, b, slot, job number), so any month can be rendered on its own and in parallel.
struct BackgroundWorkforce: Sendable {
    let seed: UInt64
    /// Workers: person numbers 2·b + 1 for b in 0..<workers.
    let workers: Int
    /// Pension-only persons: b in workers..<(workers + pensioners).
    let pensioners: Int
    let employers: Int

    init(options: GeneratorOptions) {
        seed = options.seed
        workers = Int(Double(options.persons) * options.workforcePerPerson)
        pensioners = options.persons / 2
        employers = BackgroundWorkforce.employerCount(persons: options.persons)
    }

    static func employerCount(persons: Int) -> Int { 200 + persons * 8 / 10 }

    /// Appends a 9-digit organisation number for employer `e` (distinct for distinct `e`).
    @inline(__always)
    static func orgnr(_ out: inout RowBuffer, _ e: Int) {
        let low = (e &* 7919 &+ 1_234_567) % 100_000_000
        out.int((e % 3 == 0 ? 800_000_000 : 900_000_000) + low, width: 9)
    }

    private static let epoch = CivilDate.dayNumber(year: 1980, month: 1, day: 1)
    private static let secondEpoch = CivilDate.dayNumber(year: 2000, month: 1, day: 1)
    private static let horizon = CivilDate.dayNumber(year: 2026, month: 7, day: 1)

    /// Appends the `aa` rows of the workforce for month `t` to `out`, calling `flush` when
    /// the buffer passes `chunk` bytes (so the rows stream into the compressor). Exact
    /// duplicates chosen by hash go to `duplicates`. Returns the number of rows appended.
    func employment(month t: Int, into out: inout RowBuffer, duplicates: inout RowBuffer,
                    chunk: Int, flush: (inout RowBuffer) throws -> Void) rethrows -> Int {
        let first = CivilDate.firstDay(monthIndex: t)
        let last = CivilDate.lastDay(monthIndex: t)
        var rows = 0
        for b in 0..<workers {
            let h = Mix.hash(seed, UInt64(b), 0xB0)
            rows += jobs(b: b, slot: 0, base: h, first: first, last: last, month: t, out: &out, duplicates: &duplicates)
            if h % 100 < 14 {
                rows += jobs(b: b, slot: 1, base: Mix.finalize(h ^ 0x51), first: first, last: last, month: t,
                             out: &out, duplicates: &duplicates)
            }
            if out.count >= chunk { try flush(&out) }
        }
        return rows
    }

    @inline(__always)
    private func jobs(b: Int, slot: Int, base: UInt64, first: Int, last: Int, month t: Int,
                      out: inout RowBuffer, duplicates: inout RowBuffer) -> Int {
        var start: Int
        if slot == 0 {
            start = Self.epoch + Mix.below(base >> 7, Self.horizon - Self.epoch)
        } else {
            start = Self.secondEpoch + Mix.below(base >> 7, Self.horizon - Self.secondEpoch)
        }
        var rows = 0
        for g in 0..<255 {
            if start > last { break }
            let hg = Mix.finalize(base &+ UInt64(g + 1) &* 0x9E37_79B9_7F4A_7C15)
            let r = Int(hg % 1000)
            let hl = hg >> 10
            let length: Int
            if slot == 0 {
                if r < 120 { length = 7 + Int(hl % 84) }
                else if r < 270 { length = 91 + Int(hl % 275) }
                else if r < 520 { length = 366 + Int(hl % 730) }
                else if r < 800 { length = 1096 + Int(hl % 2555) }
                else { length = 3651 + Int(hl % 5350) }
            } else {
                if r < 250 { length = 7 + Int(hl % 84) }
                else if r < 550 { length = 91 + Int(hl % 275) }
                else if r < 850 { length = 366 + Int(hl % 730) }
                else { length = 1096 + Int(hl % 2555) }
            }
            let end = start + length - 1
            let h2 = Mix.finalize(hg ^ 0xA5A5_5A5A)
            if end >= first {
                let rowStart = out.count
                // Key: ((2b + slot)·256 + g)·2, even (Arena persons' keys are odd).
                out.relationshipKey(((2 * b + slot) * 256 + g) * 2)
                out.sep()
                out.personKey(2 * b + 1, salt: seed)
                out.sep()
                let u = Mix.unit(h2)
                Self.orgnr(&out, Int(u * u * u * Double(employers)))
                out.sep()
                out.append(Words.source[(h2 >> 60) == 0 ? 1 : 0])
                out.sep()
                out.date(start)
                out.sep()
                // Short jobs often have their end date reported in advance.
                if end <= last || (length <= 365 && (h2 >> 30) & 1 == 0) { out.date(end) }
                out.sep()
                let sizes = slot == 0 ? Words.fullTime : Words.partTime
                out.append(Words.positionSizes[sizes.pick(Mix.finalize(h2 ^ 0x77))])
                out.endRow()
                rows += 1
                if Mix.finalize(h2 &+ UInt64(t)) % 25_000 == 0 {
                    duplicates.append(Array(out.bytes[rowStart...]))
                    duplicates.rows += 1
                }
                let seed = seed
                rows += OutsideMonthRow.append(&out, hash: Mix.hash(seed, h2, UInt64(t), 0xE2),
                                               relationship: 1_000_000_000 + ((2 * b + slot) * 256 + g) * 2,
                                               employer: Int(u * u * u * Double(employers)), first: first, last: last) {
                    $0.personKey(2 * b + 1, salt: seed)
                }
            }
            let gr = Int((h2 >> 8) % 1000)
            let gl = Int(h2 >> 24)
            let gap: Int
            if slot == 0 {
                if gr < 500 { gap = 0 }
                else if gr < 700 { gap = 1 + gl % 30 }
                else if gr < 850 { gap = 31 + gl % 150 }
                else if gr < 950 { gap = 181 + gl % 550 }
                else { gap = 731 + gl % 2270 }
            } else {
                if gr < 200 { gap = 0 }
                else if gr < 400 { gap = 1 + gl % 90 }
                else if gr < 700 { gap = 91 + gl % 640 }
                else { gap = 731 + gl % 3270 }
            }
            start = end + 1 + gap
        }
        return rows
    }

    /// Appends the `ytelse` rows of the background persons for month `t`: some workers with
    /// a partial disability pension or an old-age pension, and pension-only persons (some
    /// moving from disability to old-age pension). Returns the number of rows.
    func benefits(month t: Int, into out: inout RowBuffer) -> Int {
        var rows = 0
        let from2005 = 2005 * 12, from2000 = 2000 * 12
        for b in 0..<workers {
            let h = Mix.hash(seed, UInt64(b), 0xBE)
            let r = h % 1000
            guard r < 32 else { continue }
            let since = from2005 + Mix.below(h >> 12, 22 * 12)
            guard t >= since else { continue }
            Benefits.row(&out, number: 2 * b + 1, benefit: r < 22 ? 5 : 6, seed: seed)
            rows += 1
        }
        for k in 0..<pensioners {
            let b = workers + k
            let h = Mix.hash(seed, UInt64(b), 0xBF)
            let r = h % 1000
            let since = from2000 + Mix.below(h >> 12, 27 * 12)
            guard t >= since else { continue }
            let number = 2 * b + 1
            let benefit: Int
            if r < 500 {
                benefit = 5
            } else if r < 850 {
                benefit = 6
            } else {
                let switchAt = since + 12 + Mix.below(h >> 40, 240)
                benefit = t < switchAt ? 5 : 6
            }
            Benefits.row(&out, number: number, benefit: benefit, seed: seed)
            rows += 1
            if Mix.hash(seed, UInt64(number), UInt64(t), 0xDD) % 20_000 == 0 {
                Benefits.row(&out, number: number, benefit: benefit, seed: seed)
                rows += 1
            }
        }
        return rows
    }
}
