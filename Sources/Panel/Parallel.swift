import Dispatch
import Foundation

/// Runs `body` for each index on all cores and returns the results in index order.
///
/// Ingest is a set of independent files, so whole files are the unit of work: each core
/// decompresses and parses its own file with no sharing. When several fail, the error of
/// the lowest index is thrown, so the message does not depend on thread timing.
public func parallelMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
    let slots = ResultSlots<T>(count)
    DispatchQueue.concurrentPerform(iterations: count) { i in
        let r = Result { try body(i) }
        slots.lock.withLock { slots.results[i] = r }
    }
    return try slots.results.map { try $0!.get() }
}

/// Where worker threads leave their results; guarded by its lock.
private final class ResultSlots<T>: @unchecked Sendable {
    var results: [Result<T, Error>?]
    let lock = NSLock()
    init(_ n: Int) { results = Array(repeating: nil, count: n) }
}
