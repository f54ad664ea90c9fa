import Episodes
import Extracts
import Panel

/// An attribute of the exit-month row that a table can be broken down by.
public enum Breakdown: String, CaseIterable, Sendable {
    case enhet, fylke, tiltak, innsatsgruppe, kjonn, aldersgruppe, utdanning, innvandrer, permittert
    /// The time before exit (definitions.md §7b), an attribute of an exit, not of its row.
    case varighet

    /// Whether the value is the exit's rather than its row's (only the exit tables have it).
    public var describesExit: Bool { self == .varighet }

    /// Whether values are ordered by their key (classes in their own order), not as text.
    public var ordersByKey: Bool { self == .aldersgruppe || self == .varighet }

    /// A small integer standing for the row's value (grouping key). `monthsBeforeExit`: the
    /// exit's time before exit (`TimeBeforeExit`), read by `varighet` only.
    @inline(__always)
    public func key(_ row: ArenaRow, monthsBeforeExit: Int = 1) -> Int {
        switch self {
        case .varighet: return DurationClass(months: monthsBeforeExit).rawValue
        case .enhet: return Int(row.enhet)
        case .fylke: return Int(row.fylke)
        case .tiltak: return Int(row.tiltak)
        case .innsatsgruppe: return Int(row.innsatsCode)
        case .kjonn: return row.isMale ? 1 : 0
        case .aldersgruppe: return AgeGroup(age: Int(row.alder)).rawValue
        case .utdanning: return Int((row.traits >> 2) & 7)
        case .innvandrer: return Int((row.traits >> 5) & 3)
        case .permittert: return row.isLaidOff ? 1 : 0
        }
    }

    /// The value as written in tables: the extract's own code; empty where the extract was empty.
    public func label(_ key: Int, panel: Panel) -> String {
        self == .tiltak ? panel.measureName(UInt16(key)) : codeLabel(key)
    }

    /// `label` for every attribute but `tiltak`, whose codes are the panel's.
    func codeLabel(_ key: Int) -> String {
        switch self {
        case .enhet:
            let s = String(key)
            return String(repeating: "0", count: max(0, 4 - s.count)) + s
        case .fylke: return key == Int(ArenaRow.noFylke) ? "" : (key < 10 ? "0\(key)" : "\(key)")
        case .tiltak: return ""
        case .innsatsgruppe: return Innsatsgruppe(rawValue: UInt8(key))?.name ?? ""
        case .kjonn: return key == 1 ? "M" : "K"
        case .aldersgruppe: return AgeGroup(rawValue: key)?.label ?? ""
        case .utdanning: return Utdanning(rawValue: UInt8(key))?.name ?? ""
        case .innvandrer: return Innvandrer(rawValue: UInt8(key))?.name ?? ""
        case .permittert: return key == 1 ? "J" : "N"
        case .varighet: return DurationClass(rawValue: key)!.label
        }
    }
}

/// The age groups of §1: under 20, 20-24, 25-29, 30-39, 40-49, 50-59, 60 and over.
public enum AgeGroup: Int, CaseIterable, Sendable {
    case under20, from20to24, from25to29, thirties, forties, fifties, sixtyPlus

    public init(age: Int) {
        switch age {
        case ..<20: self = .under20
        case 20...24: self = .from20to24
        case 25...29: self = .from25to29
        case 30...39: self = .thirties
        case 40...49: self = .forties
        case 50...59: self = .fifties
        default: self = .sixtyPlus
        }
    }

    public var label: String { ["<20", "20-24", "25-29", "30-39", "40-49", "50-59", "60+"][rawValue] }
}
