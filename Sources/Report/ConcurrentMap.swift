import Dispatch
import Foundation

/// `body` for each index on all cores, the results in index order: the workbook's sheets and
/// compressed pieces are independent, and one core rendering them was most of a rerun's report.
func concurrentMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    let slots = Slots<T>(count)
    DispatchQueue.concurrentPerform(iterations: count) { i in
        let value = body(i)
        slots.lock.withLock { slots.values[i] = value }
    }
    return slots.values.map { $0! }
}

/// Where the worker threads leave their results; guarded by its lock.
private final class Slots<T>: @unchecked Sendable {
    var values: [T?]
    let lock = NSLock()
    init(_ n: Int) { values = Array(repeating: nil, count: n) }
}
