/// The codes written into the extracts, as small integers in the simulation and as bytes
/// in the files.
enum Status {
    static let arbs: UInt8 = 1, neds: UInt8 = 2, iarbs: UInt8 = 3
    static let names: [[UInt8]] = ["", "ARBS", "NEDS", "IARBS"].map { Array($0.utf8) }
}

/// `innsatsgruppe`; 0 is the empty field.
enum Group {
    static let none: UInt8 = 0, ikval: UInt8 = 1, bform: UInt8 = 2, batt: UInt8 = 3, varig: UInt8 = 4,
               ivurd: UInt8 = 5, bkart: UInt8 = 6, kap11: UInt8 = 7, oppfi: UInt8 = 8, vurdi: UInt8 = 9, vurdu: UInt8 = 10
    static let names: [[UInt8]] = ["", "IKVAL", "BFORM", "BATT", "VARIG", "IVURD", "BKART", "KAP11", "OPPFI", "VURDI", "VURDU"]
        .map { Array($0.utf8) }
}

/// Benefits (`ytelse`) as bits of a mask, in the order written.
enum BenefitBits {
    static let dagp: UInt8 = 1, aap: UInt8 = 2, tiltp: UInt8 = 4, indst: UInt8 = 8, ovst: UInt8 = 16, ufor: UInt8 = 32, alder: UInt8 = 64
    static let names: [[UInt8]] = ["DAGP", "AAP", "TILTP", "INDST", "OVST", "UFOR", "ALDER"].map { Array($0.utf8) }
}

/// Labour-market measures (`tiltak`); 0 is the empty field.
enum Measure {
    static let names: [[UInt8]] = ["", "AVKLARAG", "INDOPPFAG", "ARBTREN", "MIDLONTIL", "VASV", "DIGIJOBBKURS", "JOBBK", "GRUPPEAMO"]
        .map { Array($0.utf8) }
    static let avklarag: UInt8 = 1, indoppfag: UInt8 = 2, arbtren: UInt8 = 3, midlontil: UInt8 = 4, vasv: UInt8 = 5,
               digijobbkurs: UInt8 = 6, jobbk: UInt8 = 7, gruppeamo: UInt8 = 8
    /// Duration range in months of each measure.
    static let minMonths: [Int] = [0, 2, 3, 2, 3, 12, 1, 1, 2]
    static let maxMonths: [Int] = [0, 4, 12, 6, 12, 36, 3, 2, 5]

    /// Which measures each kind of person gets (weights over measure codes 1...8).
    static let forStandard = WeightedTable([0, 0, 2, 20, 12, 0, 30, 18, 18])
    static let forSituational = WeightedTable([0, 14, 20, 26, 20, 0, 5, 3, 12])
    static let forAdapted = WeightedTable([0, 25, 30, 20, 10, 8, 0, 0, 7])
    static let forPermanent = WeightedTable([0, 10, 20, 10, 5, 55, 0, 0, 0])
    static let forReduced = WeightedTable([0, 35, 30, 20, 10, 5, 0, 0, 0])
}

/// Other column values.
enum Words {
    static let sex: [[UInt8]] = ["K", "M"].map { Array($0.utf8) }
    static let education: [[UInt8]] = ["", "G", "V", "H4", "H5"].map { Array($0.utf8) }
    static let immigrant: [[UInt8]] = ["", "J", "N"].map { Array($0.utf8) }
    static let yes: [UInt8] = [0x4A]
    static let no: [UInt8] = [0x4E]

    /// `stillingsprosent` spellings (with both decimal marks and empty).
    static let positionSizes: [[UInt8]] = ["100", "", "50.0", "50", "80", "60", "40", "20", "37,5", "62,5", "75.0", "90",
                                           "26.67", "100.0", "14,3", "0"].map { Array($0.utf8) }
    static let fullTime = WeightedTable([620, 15, 30, 45, 45, 30, 30, 30, 20, 10, 30, 25, 15, 20, 10, 2])
    static let partTime = WeightedTable([0, 20, 20, 30, 0, 0, 30, 35, 25, 5, 0, 0, 15, 0, 20, 2])

    /// The extra `aa` column that the pipeline must ignore.
    static let source: [[UInt8]] = ["AORDN", "AAREG"].map { Array($0.utf8) }

    static let arenaHeader = Array("person_id;hovedstatus;innsatsgruppe;enhet;fylke;tiltak;alder;kjonn;utdanning;innvandrer;permittert\n".utf8)
    /// Not the spec's order, and with an extra column.
    static let aaHeader = Array("arbeidsforhold_id;person_id;orgnr;kilde;startdato;sluttdato;stillingsprosent\n".utf8)
    static let ytelseHeader = Array("person_id;ytelse;grad\n".utf8)
}

/// Distributions of the simulation, as integer weights (exact on every platform).
enum Tables {
    /// Registered months of a job-seeker spell, 1...48 (log-normal, median about 5.6).
    static let arbsMonths = WeightedTable([606, 1108, 1188, 1083, 931, 780, 649, 538, 447, 372, 312, 262, 221, 188, 160,
                                           137, 118, 102, 88, 77, 67, 58, 51, 45, 40, 35, 31, 28, 25, 22, 20, 18, 16, 15, 13,
                                           12, 11, 10, 9, 8, 7, 7, 6, 6, 5, 5, 4, 59])
    /// Months of a reduced-capacity (NEDS) spell, 3...72 (log-normal, median 14).
    static let nedsMonths = WeightedTable([238, 286, 385, 455, 498, 517, 518, 507, 488, 463, 436, 407, 378, 350, 323, 297,
                                           273, 250, 230, 210, 193, 177, 162, 148, 136, 125, 114, 105, 97, 89, 82, 75, 69, 64,
                                           59, 54, 50, 46, 43, 40, 37, 34, 32, 29, 27, 25, 23, 22, 20, 19, 18, 16, 15, 14, 13,
                                           13, 12, 11, 10, 10, 9, 8, 8, 7, 7, 7, 6, 6, 5, 99])
    /// Age at first registration: 5-year bands from 15-19 to 75-79 (index 0...12).
    static let entryAgeBand = WeightedTable([40, 140, 150, 130, 120, 100, 90, 80, 70, 55, 12, 4, 1])
    /// Months from exit to re-registration, 3...32, falling off.
    static let returnDelay: WeightedTable = {
        var w: [Int] = []
        var x = 10_000
        for _ in 3...32 {
            w.append(x)
            x = x * 88 / 100
        }
        return WeightedTable(w)
    }()
    /// Education: unknown (empty), G, V, H4, H5.
    static let education = WeightedTable([4, 25, 38, 20, 13])
    /// The needs group an IVURD job seeker is assessed to: IKVAL, BFORM, BATT, VARIG.
    static let assessment = WeightedTable([72, 17, 7, 4])
    /// NEDS groups: BATT, VARIG, BKART, KAP11, OPPFI.
    static let nedsGroup = WeightedTable([25, 10, 30, 25, 10])
}
