import Foundation

/// A count shared by threads.
final class SharedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// Adds `delta`; returns the count before.
    func add(_ delta: Int) -> Int {
        lock.withLock {
            defer { value += delta }
            return value
        }
    }
}
