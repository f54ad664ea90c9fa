/// The rows of one month that come from simulated Arena persons (the background workforce
/// is added when the files are written). Buffers hold rows without the header.
struct MonthRows: Sendable {
    /// Month index (`year * 12 + month - 1`).
    var month: Int
    var arena: [UInt8]
    var arenaRows: Int
    var aa: [UInt8]
    var aaRows: Int
    var ytelse: [UInt8]
    var ytelseRows: Int
}

/// Simulates Arena persons month by month: inflow, needs assessments, the national unit,
/// measures, gaps, NEDS spells, exits and what follows them (jobs, benefits, pensions,
/// returns). `step` advances one month and, when asked, renders that month's rows.
///
/// All randomness comes from one `SplitMix64` consumed in a fixed order, so a seed
/// determines every byte.
final class PersonSimulation {
    private let target: Int
    private let seed: UInt64
    private var rng: SplitMix64
    private var people: [Person] = []
    private var nextJobId: UInt32 = 1
    private let employers: Int

    // Buffers of the month being rendered.
    private var arena = RowBuffer(capacity: 0)
    private var aa = RowBuffer(capacity: 0)
    private var ytelse = RowBuffer(capacity: 0)
    private var aaDuplicates = RowBuffer(capacity: 0)
    private var ytelseDuplicates = RowBuffer(capacity: 0)

    // The month being simulated.
    private var t = 0
    private var first = 0
    private var last = 0
    private var nextFirst = 0
    private var nextLast = 0

    init(options: GeneratorOptions) {
        target = options.persons
        seed = options.seed
        rng = SplitMix64(seed: Mix.hash(options.seed, 0x5EED))
        employers = BackgroundWorkforce.employerCount(persons: options.persons)
        people.reserveCapacity(options.persons * 3)
    }

    // MARK: - Time-varying levels

    /// The stock's level relative to `persons`: high in the pandemic, low in 2022.
    private func level(_ t: Int) -> Double {
        let y2020m3 = 2020 * 12 + 2
        let y2021m4 = 2021 * 12 + 3
        let y2022 = 2022 * 12
        let y2023 = 2023 * 12
        let y2024 = 2024 * 12
        var l: Double
        if t < y2020m3 { l = 1.0 }
        else if t < y2021m4 { l = 1.18 }
        else if t < y2022 { l = 1.18 - 0.26 * Double(t - y2021m4) / Double(y2022 - y2021m4) }
        else if t < y2023 { l = 0.92 }
        else if t < y2024 { l = 0.92 + 0.08 * Double(t - y2023) / 12.0 }
        else { l = 1.0 }
        // Mild seasonality: more in winter, fewer in summer.
        let seasonal: [Double] = [1.03, 1.03, 1.01, 1.0, 0.99, 0.98, 0.98, 0.98, 0.99, 1.0, 1.0, 1.01]
        return l * seasonal[t % 12]
    }

    private func targetStock(_ t: Int) -> Int { Int(Double(target) * level(t) + 0.5) }

    /// Expected monthly inflow at the target stock.
    private func baseInflow(_ t: Int) -> Double { Double(target) * level(t) / 8.5 }

    /// Share of newly laid-off entrants who are temporarily laid off (permittert).
    private func permittedShare(_ t: Int) -> Double {
        if t >= 2020 * 12 + 2 && t < 2021 * 12 + 6 { return 0.5 }
        if t >= 2021 * 12 + 6 && t < 2022 * 12 { return 0.15 }
        return 0.06
    }

    @inline(__always)
    private func stochasticRound(_ x: Double) -> Int {
        let f = Int(x)
        return f + (rng.chance(x - Double(f)) ? 1 : 0)
    }

    // MARK: - One month

    /// Advances the simulation to month `month` (month index); consecutive calls must pass
    /// consecutive months. With `render`, returns the month's rows.
    func step(month: Int, render: Bool) -> MonthRows? {
        t = month
        first = CivilDate.firstDay(monthIndex: t)
        last = CivilDate.lastDay(monthIndex: t)
        nextFirst = last + 1
        nextLast = CivilDate.lastDay(monthIndex: t + 1)
        let initial = people.isEmpty

        var registered = 0
        let existing = people.count
        for i in 0..<existing {
            advance(&people[i], i)
            if people[i].isRegistered { registered += 1 }
        }

        // New persons: direct registrations to reach the month's stock (at least a
        // minimum inflow every month), new sick leave, and next month's laid-off entrants.
        let base = baseInflow(t)
        var direct = targetStock(t) - registered
        let minimum = stochasticRound(base * 0.1)
        if direct < minimum { direct = minimum }
        for _ in 0..<direct {
            let i = newPerson()
            startSpell(&people[i], i, route: initial ? .initial : .direct)
        }
        for _ in 0..<stochasticRound(base * 0.2) {
            let i = newPerson()
            startSickLeave(&people[i], fresh: true)
        }
        for _ in 0..<stochasticRound(baseInflow(t + 1) * 0.22) {
            let i = newPerson()
            makePending(&people[i])
        }

        guard render else { return nil }
        return renderRows()
    }

    // MARK: - Persons

    private func newPerson() -> Int {
        let band = rng.pick(Tables.entryAgeBand)
        let age = 15 + band * 5 + rng.below(5)
        let birth = t - age * 12 - rng.below(12)
        let u = rng.below(100)
        let immigrant: UInt8 = u < 3 ? 0 : (u < 30 ? 1 : 2)
        let p = Person(birth: Int32(birth), office: UInt8(rng.pick(Offices.table)), sex: rng.chance(0.53) ? 1 : 0,
                       education: UInt8(rng.pick(Tables.education)), immigrant: immigrant)
        people.append(p)
        return people.count - 1
    }

    private func advance(_ p: inout Person, _ i: Int) {
        switch p.phase {
        case Phase.registered:
            if p.exiting { finishExit(&p) } else { continueSpell(&p, i) }
        case Phase.out:
            if p.afterLeft > 0 {
                p.afterLeft -= 1
                if p.afterLeft == 0 { p.after = 0 }
            }
            if Int(p.returnAt) == t {
                p.returnAt = -1
                if p.age(t + 1) <= 80 { startSpell(&p, i, route: .returning) }
            }
        case Phase.pending:
            startSpell(&p, i, route: .laidOff)
        case Phase.sick:
            if p.left > 0 {
                p.left -= 1
                if p.group == Group.vurdi && !p.job0.active(first, Int.max) && !p.job1.active(first, Int.max) {
                    p.group = Group.vurdu
                }
            } else {
                switch p.sickNext {
                case 1: startSpell(&p, i, route: .fromSick)
                case 2: startSpell(&p, i, route: .fromSickReduced)
                default: leave(&p)
                }
            }
        default:
            break
        }
    }

    private func leave(_ p: inout Person) {
        p.phase = Phase.out
        p.status = 0
        p.group = 0
        p.measure = 0
        p.measureLeft = 0
        p.benefits = 0
        p.atUnit = false
        p.permittert = false
        p.gap = false
    }

    enum Route { case initial, direct, returning, laidOff, fromSick, fromSickReduced }

    private func startSpell(_ p: inout Person, _ i: Int, route: Route) {
        let wasSick = p.phase == Phase.sick
        let wasPending = p.phase == Phase.pending
        p.phase = Phase.registered
        p.gap = false
        p.gapUsed = false
        p.exiting = false
        p.sickAfterExit = false
        p.switchNext = false
        p.atUnit = false
        p.measure = 0
        p.measureLeft = 0
        p.benefits = 0
        p.convertAfter = 0
        p.assessIn = 0
        p.handbackIn = 0
        if !wasPending { p.permittert = false }

        var reduced = false
        switch route {
        case .laidOff:
            p.group = p.permittert ? Group.ikval : (rng.chance(0.6) ? Group.ivurd : Group.ikval)
        case .fromSick:
            let u = rng.below(100)
            p.group = u < 75 ? Group.ikval : (u < 95 ? Group.bform : Group.batt)
        case .fromSickReduced:
            reduced = true
        case .initial, .direct, .returning:
            let formerNeds = route == .returning && p.lastNeds >= t - 36
            let u = rng.uniform()
            let nedsShare = formerNeds ? 0.4 : 0.13
            if u < nedsShare {
                reduced = true
            } else if u < nedsShare + 0.55 {
                p.group = Group.ivurd
            } else {
                let v = rng.below(100)
                p.group = v < 80 ? Group.ikval : (v < 94 ? Group.bform : Group.batt)
            }
        }
        // A sick-leave job usually ends when the person turns job seeker.
        if wasSick {
            for s in 0..<2 {
                var j = s == 0 ? p.job0 : p.job1
                if j.active(first, Int.max) && Int(j.end) > last && !j.fixedTerm && rng.chance(0.6) {
                    j.end = Int32(max(Int(j.start), endDay(t)))
                    if s == 0 { p.job0 = j } else { p.job1 = j }
                }
            }
        }

        if reduced {
            p.status = Status.neds
            p.group = route == .fromSickReduced
                ? (rng.chance(0.6) ? Group.bkart : Group.kap11)
                : [Group.batt, Group.varig, Group.bkart, Group.kap11, Group.oppfi][rng.pick(Tables.nedsGroup)]
            p.left = Int16(rng.pick(Tables.nedsMonths) + 3 - 1)
            if rng.chance(0.3) { p.convertAfter = UInt8(rng.range(1, 10)) }
            if rng.chance(0.7) { p.benefits |= BenefitBits.aap }
        } else {
            p.status = Status.arbs
            p.left = Int16(rng.pick(Tables.arbsMonths))   // months 1...48, minus this month
            if p.group == Group.ivurd { p.assessIn = rng.chance(0.6) ? 1 : 2 }
            if p.permittert {
                p.left = Int16(min(Int(p.left), rng.range(0, 5)))
                if rng.chance(0.9) { p.benefits |= BenefitBits.dagp }
            } else if rng.chance(0.42) {
                p.benefits |= BenefitBits.dagp
            }
            if rng.chance(p.sex == 0 ? 0.04 : 0.01) { p.benefits |= BenefitBits.ovst }
            if p.group == Group.ikval { maybeUnit(&p) }
        }
        if route == .initial {
            // The first month's stock: persons part-way through their spells.
            p.left = Int16(rng.below(Int(p.left) + 1))
        }
        // Some have a small part-time job while registered.
        if !p.permittert && rng.chance(0.08) {
            let start = first + rng.below(last - first + 1)
            let end = rng.chance(0.5) ? start + rng.range(180, 1100) : max(start, endDay(t + rng.range(0, 5)))
            addJob(&p, start: start, end: end, size: UInt8(rng.pick(Words.partTime)), fixedTerm: rng.chance(0.2))
        }
        if rng.chance(0.03) { startMeasure(&p) }
        endOfMonth(&p, i)
    }

    private func continueSpell(_ p: inout Person, _ i: Int) {
        p.gap = false
        p.left -= 1
        if p.switchNext {
            // From reduced work capacity to ordinary job seeker.
            p.switchNext = false
            p.status = Status.arbs
            p.group = rng.chance(0.6) ? Group.bform : Group.ikval
            p.atUnit = false
            if rng.chance(0.7) { p.benefits &= ~BenefitBits.aap }
            if rng.chance(0.15) { p.benefits |= BenefitBits.dagp }
        }
        if p.status == Status.arbs {
            if p.group == Group.ivurd {
                if p.assessIn > 0 { p.assessIn -= 1 }
                if p.assessIn == 0 {
                    p.group = [Group.ikval, Group.bform, Group.batt, Group.varig][rng.pick(Tables.assessment)]
                    if p.group == Group.ikval { maybeUnit(&p) }
                }
            } else if p.group == Group.ikval && !p.permittert && rng.chance(0.012) {
                p.group = Group.bform
                p.atUnit = false
            } else if (p.group == Group.bform || p.group == Group.batt) && p.left >= 1 && rng.chance(0.012) {
                p.status = Status.neds
                p.group = rng.chance(0.5) ? Group.bkart : Group.kap11
                p.atUnit = false
                p.left = Int16(rng.pick(Tables.nedsMonths) + 3 - 1)
                p.convertAfter = rng.chance(0.3) ? UInt8(rng.range(1, 10)) : 0
                p.benefits &= ~BenefitBits.dagp
                if rng.chance(0.65) { p.benefits |= BenefitBits.aap }
            }
        } else if p.group == Group.bkart && rng.chance(0.05) {
            p.group = rng.chance(0.6) ? Group.kap11 : Group.batt
        }
        if p.atUnit && p.handbackIn > 0 {
            p.handbackIn -= 1
            if p.handbackIn == 0 { p.atUnit = false }
        }
        if p.measure != 0 {
            if p.measureLeft > 0 {
                p.measureLeft -= 1
            } else {
                p.measure = 0
                p.benefits &= ~(BenefitBits.tiltp | BenefitBits.indst)
            }
        } else if !p.permittert && rng.chance(measureRate(p)) {
            startMeasure(&p)
        }
        if p.benefits & BenefitBits.dagp != 0 && rng.chance(0.025) { p.benefits &= ~BenefitBits.dagp }
        if p.permittert && rng.chance(0.08) { p.permittert = false }
        if p.age(t + 1) > 80 { p.left = 0 }
        // A one-month gap: no row this month, back the next.
        if !p.gapUsed && p.left >= 1 && rng.chance(0.008) {
            p.gap = true
            p.gapUsed = true
            p.left += 1
        }
        endOfMonth(&p, i)
    }

    /// NEDS bookkeeping and the end of a segment: switch to ARBS, or exit this month.
    private func endOfMonth(_ p: inout Person, _ i: Int) {
        if p.status == Status.neds && !p.gap { p.lastNeds = Int32(t) }
        if p.age(t + 1) > 80 {
            p.left = 0
            p.convertAfter = 0
        }
        guard p.left == 0 && !p.gap else { return }
        if p.status == Status.neds && p.convertAfter > 0 {
            p.left = Int16(p.convertAfter)
            p.convertAfter = 0
            p.switchNext = true
        } else {
            setupExit(&p)
        }
    }

    private func maybeUnit(_ p: inout Person) {
        let age = p.age(t)
        guard t >= Offices.unitStartMonth, p.status == Status.arbs, p.group == Group.ikval,
              age >= 30, age <= 59, rng.chance(0.72) else { return }
        p.atUnit = true
        p.handbackIn = rng.chance(0.75) ? UInt8(rng.range(3, 8)) : 0
    }

    private func measureRate(_ p: Person) -> Double {
        if p.status == Status.neds { return 0.075 }
        switch p.group {
        case Group.ikval: return 0.05
        case Group.bform: return 0.10
        case Group.batt: return 0.11
        case Group.varig: return 0.09
        default: return 0.01
        }
    }

    private func startMeasure(_ p: inout Person) {
        let table: WeightedTable
        if p.status == Status.neds { table = Measure.forReduced }
        else {
            switch p.group {
            case Group.bform: table = Measure.forSituational
            case Group.batt: table = Measure.forAdapted
            case Group.varig: table = Measure.forPermanent
            default: table = Measure.forStandard
            }
        }
        let m = rng.pick(table)
        let months = rng.range(Measure.minMonths[m], Measure.maxMonths[m])
        p.measure = UInt8(m)
        p.measureLeft = UInt8(months - 1)
        // People stay registered while in a measure.
        if Int(p.left) < months - 1 { p.left = Int16(months - 1 + rng.range(0, 2)) }
        if p.benefits & (BenefitBits.dagp | BenefitBits.aap) == 0 {
            let u = rng.below(100)
            if u < 55 { p.benefits |= BenefitBits.tiltp } else if u < 61 { p.benefits |= BenefitBits.indst }
        }
    }

    // MARK: - Exits

    /// `t` is the last registered month: decide what follows (jobs may start this month).
    private func setupExit(_ p: inout Person) {
        p.exiting = true
        let wasNeds = p.status == Status.neds || Int(p.lastNeds) >= t - 5
        let age = p.age(t)
        var employed = false
        var returnChance = 0.35
        if p.permittert {
            // Back to the job that was on hold (it never ended).
            if rng.chance(0.85) {
                returnChance = 0.15
                if !p.job0.active(nextFirst, nextLast) { employed = true }
            }
        } else if age >= 62 && rng.chance(age >= 67 ? 0.8 : 0.35) {
            p.pension |= BenefitBits.alder
            p.pensionFrom = Int32(t + 1)
            returnChance = 0.02
            if rng.chance(0.15) { newJobAfterExit(&p, partTime: true) }
        } else {
            let u = rng.uniform()
            if wasNeds {
                if u < 0.30 {
                    p.pension |= BenefitBits.ufor
                    p.pensionFrom = Int32(t + 1)
                    returnChance = 0.03
                    if rng.chance(0.2) { newJobAfterExit(&p, partTime: true) }
                } else if u < 0.62 {
                    employed = true
                } else if u < 0.67 {
                    p.sickAfterExit = true
                    returnChance = 0
                }
            } else {
                if u < 0.012 {
                    p.pension |= BenefitBits.ufor
                    p.pensionFrom = Int32(t + 1)
                    returnChance = 0.03
                } else if u < 0.57 {
                    employed = true
                } else if u < 0.62 {
                    p.sickAfterExit = true
                    returnChance = 0
                }
            }
        }
        if employed {
            returnChance = 0.15
            newJobAfterExit(&p, partTime: rng.chance(0.25))
            if rng.chance(0.06) { newJobAfterExit(&p, partTime: true) }
            // Some keep a benefit for a while (work and benefit).
            if p.benefits & BenefitBits.dagp != 0 && rng.chance(0.3) {
                p.after |= BenefitBits.dagp
                p.afterLeft = max(p.afterLeft, UInt8(rng.range(2, 5)))
            }
            if p.benefits & BenefitBits.aap != 0 && rng.chance(0.35) {
                p.after |= BenefitBits.aap
                p.afterLeft = max(p.afterLeft, UInt8(rng.range(2, 7)))
            }
            if p.benefits & BenefitBits.ovst != 0 && rng.chance(0.5) {
                p.after |= BenefitBits.ovst
                p.afterLeft = max(p.afterLeft, UInt8(rng.range(2, 7)))
            }
        }
        if age < 75 && rng.chance(returnChance) {
            p.returnAt = Int32(t + 3 + rng.pick(Tables.returnDelay))
        }
    }

    /// The month after the last registered month.
    private func finishExit(_ p: inout Person) {
        p.exiting = false
        let sick = p.sickAfterExit
        p.sickAfterExit = false
        leave(&p)
        if sick { startSickLeave(&p, fresh: false) }
    }

    private func startSickLeave(_ p: inout Person, fresh: Bool) {
        p.phase = Phase.sick
        p.status = Status.iarbs
        if fresh && rng.chance(0.6) {
            // On sick leave from a job (which shows in Aa-registeret).
            let start = first - rng.range(60, 6000)
            addJob(&p, start: start, end: start + rng.range(8000, 12000),
                   size: UInt8(rng.pick(Words.fullTime)), fixedTerm: false)
        }
        let employed = p.job0.active(first, Int.max) || p.job1.active(first, Int.max)
        p.group = employed ? Group.vurdi : Group.vurdu
        if rng.below(33) == 0 { p.group = Group.none }
        p.left = Int16(rng.range(0, 3))
        let u = rng.below(100)
        p.sickNext = fresh ? (u < 70 ? 1 : (u < 80 ? 2 : 0)) : (u < 75 ? 1 : (u < 85 ? 2 : 0))
    }

    /// A person who registers next month after losing (or being laid off from) a job.
    private func makePending(_ p: inout Person) {
        p.phase = Phase.pending
        p.permittert = rng.chance(permittedShare(t + 1))
        let start = first - rng.range(40, 7000)
        var end = Int.max
        if !p.permittert {
            end = rng.chance(0.3) ? max(start, endDay(t)) : endDay(t + 1)
        } else if rng.chance(0.1) {
            end = endDay(t + rng.range(4, 10))
        }
        addJob(&p, start: start, end: end, size: UInt8(rng.pick(Words.fullTime)), fixedTerm: rng.chance(0.1))
    }

    private func newJobAfterExit(_ p: inout Person, partTime: Bool) {
        let start: Int
        if rng.chance(0.45) {
            start = first + rng.below(last - first + 1)
        } else {
            start = nextFirst + rng.below(nextLast - nextFirst + 1)
        }
        let end: Int
        var fixedTerm = false
        if rng.chance(0.62) {
            end = start + rng.range(365, 365 * 8)
        } else {
            let (y, m, _) = CivilDate.civil(start)
            end = max(start, endDay(y * 12 + m - 1 + rng.range(0, 11)))
            fixedTerm = rng.chance(0.5)
        }
        addJob(&p, start: start, end: end, size: UInt8(rng.pick(partTime ? Words.partTime : Words.fullTime)), fixedTerm: fixedTerm)
    }

    /// Puts a new relationship into a free slot (one that no longer shows this month).
    private func addJob(_ p: inout Person, start: Int, end: Int, size: UInt8, fixedTerm: Bool) {
        var job = Job()
        job.id = nextJobId
        nextJobId &+= 1
        let u = rng.uniform()
        job.employer = UInt32(Int(u * u * u * Double(employers)))
        job.start = Int32(start)
        job.end = end >= Int(Int32.max) ? .max : Int32(end)
        job.size = size
        job.fixedTerm = fixedTerm && end < Int(Int32.max)
        if p.job0.id == 0 || Int(p.job0.end) < first {
            p.job0 = job
        } else if p.job1.id == 0 || Int(p.job1.end) < first {
            p.job1 = job
        }
    }

    /// A last day of a relationship in month `m`: often the last day of the month, often
    /// the day before, often mid-month, otherwise any day.
    private func endDay(_ m: Int) -> Int {
        let f = CivilDate.firstDay(monthIndex: m)
        let n = CivilDate.daysIn(monthIndex: m)
        let u = rng.below(100)
        if u < 14 { return f + n - 1 }
        if u < 24 { return f + n - 2 }
        if u < 34 { return f + 14 }
        return f + rng.below(n)
    }

    // MARK: - Rows

    private func renderRows() -> MonthRows {
        let n = people.count
        arena.removeAll()
        aa.removeAll()
        ytelse.removeAll()
        aaDuplicates.removeAll()
        ytelseDuplicates.removeAll()
        for i in 0..<n {
            renderPerson(people[i], i)
        }
        aa.append(aaDuplicates.bytes)
        aa.rows += aaDuplicates.rows
        ytelse.append(ytelseDuplicates.bytes)
        ytelse.rows += ytelseDuplicates.rows
        let rows = MonthRows(month: t, arena: arena.bytes, arenaRows: arena.rows, aa: aa.bytes, aaRows: aa.rows,
                             ytelse: ytelse.bytes, ytelseRows: ytelse.rows)
        return rows
    }

    @inline(__always)
    private func renderPerson(_ p: Person, _ i: Int) {
        let number = 2 * i
        if p.hasArenaRow {
            arena.personKey(number, salt: seed)
            arena.sep()
            arena.append(Status.names[Int(p.status)])
            arena.sep()
            arena.append(Group.names[Int(p.group)])
            arena.sep()
            arena.append(p.atUnit && p.status != Status.iarbs ? Offices.unitCode : Offices.all[Int(p.office)].code)
            arena.sep()
            if Mix.hash(seed, UInt64(number), UInt64(t), 0xF1) % 100 != 0 {
                arena.append(Offices.fylke(Int(p.office), month: t))
            }
            arena.sep()
            if p.phase == Phase.registered { arena.append(Measure.names[Int(p.measure)]) }
            arena.sep()
            arena.int(min(80, p.age(t)))
            arena.sep()
            arena.append(Words.sex[Int(p.sex)])
            arena.sep()
            arena.append(Words.education[Int(p.education)])
            arena.sep()
            arena.append(Words.immigrant[Int(p.immigrant)])
            arena.sep()
            arena.append(p.permittert && p.phase == Phase.registered ? Words.yes : Words.no)
            arena.endRow()
        }
        if p.job0.active(first, last) { renderJob(p.job0, number) }
        if p.job1.active(first, last) { renderJob(p.job1, number) }

        var mask: UInt8 = 0
        if p.phase == Phase.registered { mask = p.benefits }
        else if p.phase == Phase.out { mask = p.after }
        if Int(p.pensionFrom) <= t { mask |= p.pension }
        if mask != 0 {
            var bit: UInt8 = 1
            for k in 0..<7 {
                if mask & bit != 0 {
                    let start = ytelse.count
                    Benefits.row(&ytelse, number: number, benefit: k, seed: seed)
                    if Mix.hash(seed, UInt64(number), UInt64(t), UInt64(k) &+ 0xD0) % 4000 == 0 {
                        ytelseDuplicates.append(Array(ytelse.bytes[start...]))
                        ytelseDuplicates.rows += 1
                    }
                }
                bit <<= 1
            }
        }
    }

    @inline(__always)
    private func renderJob(_ job: Job, _ number: Int) {
        let start = aa.count
        aa.relationshipKey(2 * Int(job.id) + 1)
        aa.sep()
        aa.personKey(number, salt: seed)
        aa.sep()
        BackgroundWorkforce.orgnr(&aa, Int(job.employer))
        aa.sep()
        aa.append(Words.source[Mix.hash(seed, UInt64(job.id), UInt64(t), 0xC1) % 40 == 0 ? 1 : 0])
        aa.sep()
        aa.date(Int(job.start))
        aa.sep()
        if job.end != .max && (Int(job.end) <= last || job.fixedTerm) { aa.date(Int(job.end)) }
        aa.sep()
        aa.append(Words.positionSizes[Int(job.size)])
        aa.endRow()
        if Mix.hash(seed, UInt64(job.id), UInt64(t), 0xD1) % 3000 == 0 {
            aaDuplicates.append(Array(aa.bytes[start...]))
            aaDuplicates.rows += 1
        }
        let seed = seed
        _ = OutsideMonthRow.append(&aa, hash: Mix.hash(seed, UInt64(job.id), UInt64(t), 0xE1),
                                   relationship: 1_000_000_000 + 2 * Int(job.id) + 1, employer: Int(job.employer),
                                   first: first, last: last) { $0.personKey(number, salt: seed) }
    }
}
