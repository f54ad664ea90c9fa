/// `ytelse` rows: the benefit code and a degree (`grad`) that is stable per person and
/// benefit.
enum Benefits {
    /// Appends `person_id;YTELSE;grad` for benefit bit number `benefit` (0 DAGP … 6 ALDER).
    @inline(__always)
    static func row(_ out: inout RowBuffer, number: Int, benefit: Int, seed: UInt64) {
        out.personKey(number, salt: seed)
        out.sep()
        out.append(BenefitBits.names[benefit])
        out.sep()
        let g = grade(number: number, benefit: benefit, seed: seed)
        if g >= 0 { out.int(g) }
        out.endRow()
    }

    /// The degree, or -1 for an empty field.
    static func grade(number: Int, benefit: Int, seed: UInt64) -> Int {
        let h = Mix.hash(seed, UInt64(number), UInt64(benefit), 0x6AD)
        let u = Int(h % 1000)
        let v = Int((h >> 20) % 1000)
        switch benefit {
        case 0: // DAGP
            if u < 740 { return 100 }
            if u < 950 { return 50 + v % 50 }
            if u < 960 { return 0 }
            return -1
        case 1: // AAP
            if u < 640 { return 100 }
            if u < 950 { return 50 + v % 50 }
            return -1
        case 2: // TILTP
            return u < 400 ? 100 : -1
        case 3, 4: // INDST, OVST
            return u < 500 ? 100 : -1
        case 5: // UFOR
            if u < 560 { return 100 }
            if u < 980 { return 30 + 10 * (v % 7) }
            return -1
        default: // ALDER
            if u < 700 { return 100 }
            if u < 900 { return 20 * (1 + v % 4) }
            return -1
        }
    }
}
