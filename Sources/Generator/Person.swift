/// An employment relationship of an Arena person, as Aa-registeret would list it.
struct Job {
    /// 0: no relationship in this slot. The key written is `AF` + (2·id + 1).
    var id: UInt32 = 0
    var employer: UInt32 = 0
    /// First and last day (day numbers); `end == Int32.max` is open-ended.
    var start: Int32 = 0
    var end: Int32 = .max
    /// Index into `Words.positionSizes`.
    var size: UInt8 = 0
    /// The end date is reported from the start (fixed-term contract); otherwise it shows
    /// only in the month the relationship ends.
    var fixedTerm = false

    /// True if the relationship is active on some day in `first...last`.
    @inline(__always)
    func active(_ first: Int, _ last: Int) -> Bool { id != 0 && Int(start) <= last && Int(end) >= first }
}

/// Where a person stands in the simulation at the end of a month.
enum Phase {
    /// Not in Arena: never yet, or after an exit (may still have jobs and benefits).
    static let out: UInt8 = 0
    /// In a registration spell (ARBS or NEDS; no row in a gap month).
    static let registered: UInt8 = 1
    /// IARBS, on sick leave: a row, but not registered.
    static let sick: UInt8 = 2
    /// Will register next month (laid off): no row yet, but a job ending soon.
    static let pending: UInt8 = 3
}

/// The compact state of one simulated person (a plain value; the simulation holds an array
/// of them, no objects per person).
struct Person {
    /// Month index of the month of birth.
    var birth: Int32
    /// Month index of a planned re-registration, or -1.
    var returnAt: Int32 = -1
    /// Last month with a NEDS row.
    var lastNeds: Int32 = -1000
    /// Month index from which `pension` benefits are received.
    var pensionFrom: Int32 = .max
    var job0 = Job()
    var job1 = Job()
    /// Months left in the current segment after the current month (registered or sick).
    var left: Int16 = 0
    var office: UInt8
    /// 0 K, 1 M.
    var sex: UInt8
    var education: UInt8
    var immigrant: UInt8
    var phase: UInt8 = Phase.out
    var status: UInt8 = 0
    var group: UInt8 = 0
    var measure: UInt8 = 0
    var measureLeft: UInt8 = 0
    /// Months until a still-unassessed (IVURD) job seeker is assessed.
    var assessIn: UInt8 = 0
    /// Months until the national unit hands the person back to the local office (0: never).
    var handbackIn: UInt8 = 0
    /// ARBS months that follow the NEDS part of the spell (0: none).
    var convertAfter: UInt8 = 0
    /// Benefits received during the spell (bits of `BenefitBits`).
    var benefits: UInt8 = 0
    /// Benefits kept for a while after an exit, and for how many more months.
    var after: UInt8 = 0
    var afterLeft: UInt8 = 0
    /// UFOR / ALDER from `pensionFrom` on.
    var pension: UInt8 = 0
    /// After sick leave: 0 leaves Arena, 1 registers as ARBS, 2 as NEDS.
    var sickNext: UInt8 = 0
    var atUnit = false
    var permittert = false
    /// No row this month although the spell goes on.
    var gap = false
    var gapUsed = false
    /// This month is the last registered month of the spell.
    var exiting = false
    /// Goes on sick leave (IARBS) right after the exit.
    var sickAfterExit = false
    /// Becomes ARBS next month after the NEDS part of the spell.
    var switchNext = false

    init(birth: Int32, office: UInt8, sex: UInt8, education: UInt8, immigrant: UInt8) {
        self.birth = birth
        self.office = office
        self.sex = sex
        self.education = education
        self.immigrant = immigrant
    }

    @inline(__always)
    func age(_ t: Int) -> Int { (t - Int(birth)) / 12 }

    /// True if a row is written to the month's arena file.
    @inline(__always)
    var hasArenaRow: Bool { (phase == Phase.registered && !gap) || phase == Phase.sick }

    /// True if registered (ARBS or NEDS row) this month.
    @inline(__always)
    var isRegistered: Bool { phase == Phase.registered && !gap }
}
