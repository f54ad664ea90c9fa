import Episodes
import Extracts
import Panel

/// The values an attribute can take as the tables write them, for filters (`ExitFilter`):
/// which labels exist, and the key of a label.
extension Breakdown {
    /// The keys of an attribute with a closed list of codes (nil: `enhet` and `tiltak`, whose
    /// values are read by their form or from the data).
    var codeKeys: [Int]? {
        switch self {
        case .enhet, .tiltak: return nil
        case .fylke: return Array(0...99) + [Int(ArenaRow.noFylke)]
        case .innsatsgruppe: return Array(0...Innsatsgruppe.allCases.count)
        case .kjonn, .permittert: return [0, 1]
        case .aldersgruppe: return AgeGroup.allCases.map(\.rawValue)
        case .utdanning: return Array(0...Utdanning.allCases.count)
        case .innvandrer: return Array(0...Innvandrer.allCases.count)
        case .varighet: return DurationClass.allCases.map(\.rawValue)
        }
    }

    /// Whether some row can have this value (written as the tables write it).
    func canBe(_ label: String) -> Bool {
        switch self {
        case .enhet: return Comparison.isOffice(label)
        case .tiltak: return true
        default: return codeKeys!.contains { codeLabel($0) == label }
        }
    }

    /// The key (`key(_:)`) of a value as the tables write it; nil when no row has it.
    func key(ofLabel label: String, panel: Panel) -> Int? {
        switch self {
        case .enhet: return Comparison.isOffice(label) ? Int(label) : nil
        case .tiltak: return label.isEmpty ? 0 : panel.measureCode(label).map(Int.init)
        default: return codeKeys!.first { codeLabel($0) == label }
        }
    }

    /// What a value looks like, for an error message.
    var valueForm: String {
        switch self {
        case .enhet: return "4 digits"
        case .tiltak: return "a measure code, or \"\" (none)"
        case .fylke: return "2 digits, or \"\" (empty)"
        default:
            var seen = Set<String>()
            let labels = codeKeys!.map(codeLabel).filter { seen.insert($0).inserted }
            return labels.map { $0.isEmpty ? "\"\" (empty)" : $0 }.joined(separator: ", ")
        }
    }
}
