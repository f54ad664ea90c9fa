import Extracts
import Foundation

/// Numbers Arena files in month order while they are parsed on other threads: whichever
/// worker hands in the next file in order numbers it (and any later ones already waiting), so
/// only the files parsed but not yet numbered are held, not every month's parsed file.
final class ArenaNumbering: @unchecked Sendable {
    private let lock = NSLock()
    private var numbering: PanelBuilder.Numbering
    private var waiting = [Int: ArenaExtract]()
    private var next = 0

    init(_ numbering: PanelBuilder.Numbering) { self.numbering = numbering }

    /// Hands in the `index`-th file in month order.
    func submit(_ index: Int, _ extract: ArenaExtract) throws {
        try lock.withLock {
            waiting[index] = extract
            while let file = waiting.removeValue(forKey: next) {
                try numbering.add(file)
                next += 1
            }
        }
    }

    /// The numbering, once every file has been handed in.
    func finish() -> PanelBuilder.Numbering {
        lock.withLock {
            precondition(waiting.isEmpty, "Arena files handed in out of order")
            return numbering
        }
    }
}
