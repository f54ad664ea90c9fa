/// A failure of the generator: bad options, or a file that could not be written.
public struct GeneratorError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
