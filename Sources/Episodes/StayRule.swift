import Extracts
import Panel

/// What a person leaves at an exit and what keeps them in it (§1, §1b), in the panel's codes:
/// for register exits registration; for measure exits a registered row in a listed measure
/// to leave, and a row in a listed measure (of any status) to stay. Shared by the exit rule
/// and the time before exit, so that the two agree.
public struct StayRule: Sendable {
    let registered: UInt8
    /// Which measure ids count (index: tiltak id); nil = any measure.
    let measureSet: [Bool]?
    let isMeasureExit: Bool
    /// §7c: the next row must also keep the exit month's status (or measure) to continue it.
    let sameStatus: Bool
    let sameMeasure: Bool

    public init(_ rules: ExitRules, panel: Panel) {
        registered = rules.registeredMask
        sameStatus = rules.betweenStatuses
        sameMeasure = rules.betweenMeasures
        if case .measure(let codes) = rules.kind {
            isMeasureExit = true
            measureSet = codes.isEmpty ? nil : panel.measureSet(codes)
        } else {
            isMeasureExit = false
            measureSet = nil
        }
    }

    @inline(__always) func isRegistered(_ row: ArenaRow) -> Bool { registered & (1 << row.statusCode) != 0 }
    @inline(__always) func inMeasure(_ row: ArenaRow) -> Bool { row.tiltak != 0 && (measureSet?[Int(row.tiltak)] ?? true) }

    /// The state the person leaves (in the exit month m).
    @inline(__always) public func qualifies(_ row: ArenaRow) -> Bool { isMeasureExit ? isRegistered(row) && inMeasure(row) : isRegistered(row) }
    /// Whether `next` (in m+k) continues the state of `row` (in m), or counts with it towards
    /// the time before exit: with `betweenStatuses` (`betweenMeasures`) only in the same
    /// status (measure), so a move between two is an exit from the first.
    @inline(__always) public func continues(_ next: ArenaRow, from row: ArenaRow) -> Bool {
        if isMeasureExit {
            return inMeasure(next) && (!sameMeasure || next.tiltak == row.tiltak)
        }
        return isRegistered(next) && (!sameStatus || next.statusCode == row.statusCode)
    }
}
