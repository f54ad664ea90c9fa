/// A `manifest.json` that cannot be read: not JSON, a field missing or of the wrong kind, or a
/// format newer than this version reads. Names the file.
public struct ManifestError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let reason: String

    public init(file: String, _ reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }

    /// A decoding error in words: where in the file (`exits.tabulatedMonths`) and what.
    static func reason(_ error: DecodingError) -> String {
        func place(_ path: [CodingKey]) -> String {
            let parts: [String] = path.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
            return String(parts.joined().dropFirst(parts.first?.hasPrefix(".") == true ? 1 : 0))
        }
        switch error {
        case .keyNotFound(let key, let context): return "no \(place(context.codingPath + [key]))"
        case .valueNotFound(_, let context): return "\(place(context.codingPath)): no value"
        case .typeMismatch(let type, let context): return "\(place(context.codingPath)): expected \(type)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : "\(place(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
