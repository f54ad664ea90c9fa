import Foundation

/// A computation started on a thread of its own, whose result is waited for later.
///
/// For serial steps that need not hold up the work after them: numbering the Arena persons
/// while employment files are already being parsed, storing the panel while the tables are
/// computed. A plain thread, not the dispatch pool: the pool's threads may be the very ones
/// that wait for the result.
public final class BackgroundTask<T>: @unchecked Sendable {
    private let done = NSCondition()
    private var result: Result<T, Error>?

    public init(_ body: @escaping @Sendable () throws -> T) {
        let thread = Thread { [self] in
            let r = Result { try body() }
            done.lock()
            result = r
            done.broadcast()
            done.unlock()
        }
        thread.start()
    }

    /// Waits for the result (any number of threads may wait); rethrows the body's error.
    public func value() throws -> T {
        done.lock()
        defer { done.unlock() }
        while result == nil { done.wait() }
        return try result!.get()
    }
}
