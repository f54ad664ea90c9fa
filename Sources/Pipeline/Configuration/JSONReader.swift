import Extracts
import Foundation

/// A configuration or usage problem: names the file and the key (or the option), before any
/// extract is read. The message is the whole line; the parts are for JSON log lines.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// The key path in the configuration file, or the command-line option.
    public var key: String?

    public init(_ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil, key: String? = nil) {
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.key = key
    }

    public var description: String { message }
}

/// Typed, strict access to one JSON object of the configuration: every read names its key
/// path in the error, and keys nobody read are reported as unknown (a typo must not be
/// silently ignored by a nightly run).
struct JSONReader {
    let file: String
    let path: String
    let object: [String: JSONValue]
    private(set) var known: Set<String> = []

    init(file: String, path: String, object: [String: JSONValue]) {
        self.file = file
        self.path = path
        self.object = object
    }

    private func key(_ k: String) -> String { path.isEmpty ? k : "\(path).\(k)" }

    func fail(_ k: String, _ why: String) -> ConfigurationError {
        ConfigurationError("\(file): \(key(k)): \(why)", file: file, key: key(k))
    }

    private mutating func value(_ k: String) -> JSONValue? {
        known.insert(k)
        guard let v = object[k], v != .null else { return nil }
        return v
    }

    /// Whether the key is present (marks it known).
    mutating func has(_ k: String) -> Bool {
        known.insert(k)
        return object[k] != nil && object[k] != .null
    }

    /// The raw value of a key (marks it known), for sections passed through as they are.
    mutating func raw(_ k: String) -> JSONValue? { value(k) }

    mutating func string(_ k: String) throws -> String? {
        guard let v = value(k) else { return nil }
        guard case .string(let s) = v else { throw fail(k, "expected a string") }
        return s
    }

    mutating func int(_ k: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let v = value(k) else { return nil }
        guard case .number(let d) = v, d == d.rounded(), d >= Double(range.lowerBound), d <= Double(range.upperBound) else {
            throw fail(k, "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int(d)
    }

    mutating func bool(_ k: String) throws -> Bool? {
        guard let v = value(k) else { return nil }
        guard case .bool(let b) = v else { throw fail(k, "expected true or false") }
        return b
    }

    mutating func double(_ k: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let v = value(k) else { return nil }
        guard case .number(let d) = v, range.contains(d) else {
            throw fail(k, "expected a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return d
    }

    mutating func strings(_ k: String) throws -> [String]? {
        guard let v = value(k) else { return nil }
        guard case .array(let a) = v else { throw fail(k, "expected a list of strings") }
        return try a.map {
            guard case .string(let s) = $0 else { throw fail(k, "expected a list of strings") }
            return s
        }
    }

    mutating func month(_ k: String) throws -> Month? {
        guard let s = try string(k) else { return nil }
        guard let m = Month(s), s.count == 7 else { throw fail(k, "expected a month YYYY-MM, found '\(s)'") }
        return m
    }

    /// A sub-object, or nil when absent.
    mutating func object(_ k: String) throws -> JSONReader? {
        guard let v = value(k) else { return nil }
        guard case .object(let o) = v else { throw fail(k, "expected an object") }
        return JSONReader(file: file, path: key(k), object: o)
    }

    mutating func array(_ k: String) throws -> [JSONValue]? {
        guard let v = value(k) else { return nil }
        guard case .array(let a) = v else { throw fail(k, "expected a list") }
        return a
    }

    /// `{ "from": "YYYY-MM", "to": "YYYY-MM" }`.
    mutating func range(_ k: String) throws -> MonthRange? {
        guard var o = try object(k) else { return nil }
        guard let from = try o.month("from"), let to = try o.month("to") else {
            throw fail(k, "expected { \"from\": \"YYYY-MM\", \"to\": \"YYYY-MM\" }")
        }
        try o.finish()
        guard from <= to else { throw fail(k, "from \(from) is after to \(to): the period is reversed") }
        return MonthRange(from: from, to: to)
    }

    /// Throws for keys that were never read.
    func finish() throws {
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw ConfigurationError("\(file): \(key(unknown)): unknown key", file: file, key: key(unknown))
        }
    }
}

