import Extracts

/// Where a run's panel came from: what the scheduler's log and the manifest show about how
/// much a run had to read.
public enum PanelSource: Sendable, Equatable {
    /// Built from the files (each parsed or taken from its cached parsed form).
    case built
    /// Read whole from the cache: a rerun with other analysis settings.
    case cached
    /// The stored panel of the earlier months, extended by the new months' files alone.
    case extended(from: MonthRange)

    public var name: String {
        switch self {
        case .built: return "built"
        case .cached: return "cache"
        case .extended: return "extended"
        }
    }

    var description: String {
        if case .extended(let from) = self { return "extended from \(from)" }
        return self == .cached ? "read from the cache" : "built"
    }
}
