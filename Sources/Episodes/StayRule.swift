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

    public init(_ rules: ExitRules, panel: Panel) {
        registered = rules.registeredMask
        if case .measure(let codes) = rules.kind {
            isMeasureExit = true
            if codes.isEmpty {
                measureSet = nil
            } else {
                var set = [Bool](repeating: false, count: panel.measures.count + 1)
                for code in codes { if let id = panel.measureCode(code) { set[Int(id)] = true } }
                measureSet = set
            }
        } else {
            isMeasureExit = false
            measureSet = nil
        }
    }

    @inline(__always) func isRegistered(_ row: ArenaRow) -> Bool { registered & (1 << row.statusCode) != 0 }
    @inline(__always) func inMeasure(_ row: ArenaRow) -> Bool { row.tiltak != 0 && (measureSet?[Int(row.tiltak)] ?? true) }

    /// The state the person leaves (in the exit month m).
    @inline(__always) public func qualifies(_ row: ArenaRow) -> Bool { isMeasureExit ? isRegistered(row) && inMeasure(row) : isRegistered(row) }
    /// The state that continues it (in m+k), or that counts towards the time before exit.
    @inline(__always) public func continues(_ row: ArenaRow) -> Bool { isMeasureExit ? inMeasure(row) : isRegistered(row) }
}
