import CSystem
import Foundation

/// The file system steps of publishing, replaceable in tests (a rename that fails with a
/// given error, a run killed between two steps). Each returns 0 or the `errno` it failed with.
struct PublishSteps: Sendable {
    var exchange: @Sendable (String, String) -> Int32
    var rename: @Sendable (String, String) -> Int32
    var remove: @Sendable (String) -> Void

    static let system = PublishSteps(
        exchange: { overgang_exchange_paths($0, $1) == 0 ? 0 : errno },
        rename: { Foundation.rename($0, $1) == 0 ? 0 : errno },
        remove: { try? FileManager.default.removeItem(atPath: $0) })

    /// Errors of an exchange that mean the kernel or file system cannot exchange at all
    /// (then two renames are used); any other error stops the publishing.
    static func cannotExchange(_ error: Int32) -> Bool {
        error == EINVAL || error == ENOSYS || error == EOPNOTSUPP || error == ENOTSUP
    }
}
