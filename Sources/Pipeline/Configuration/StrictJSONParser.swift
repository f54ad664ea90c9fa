import Foundation

/// A strict RFC 8259 reader for the configuration: Foundation's decoders silently keep one of
/// two equal keys and turn `1e999` into infinity, and their messages name no line. This one
/// refuses duplicated keys, non-finite numbers, trailing commas and anything else outside
/// the standard, each with `file:line:column` (and the key path where there is one).
struct StrictJSONParser {
    private let bytes: [UInt8]
    private let file: String
    private var index = 0
    private var line = 1
    private var lineStart = 0
    /// Deeper nesting than any configuration needs is refused (no stack exhaustion).
    private static let maxDepth = 100

    init(_ data: Data, file: String) {
        bytes = Array(data)
        self.file = file
    }

    /// The one value of the document.
    mutating func parse() throws -> JSONValue {
        guard Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes else {
            throw ConfigurationError("\(file): not UTF-8 text", file: file)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3; lineStart = 3 }   // a BOM some editors write
        skipWhitespace()
        guard index < bytes.count else { throw error("empty file; expected a JSON object") }
        let value = try parseValue(path: "", depth: 0)
        skipWhitespace()
        guard index == bytes.count else { throw error("unexpected \(describeNext()) after the end of the JSON value") }
        return value
    }

    // MARK: Positions and messages

    private var column: Int {
        // Columns count characters, not bytes: UTF-8 continuation bytes are skipped.
        bytes[lineStart..<index].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    private func error(_ why: String, key: String? = nil, line: Int? = nil, column: Int? = nil) -> ConfigurationError {
        let l = line ?? self.line, c = column ?? self.column
        let place = key.map { $0.isEmpty ? "" : " \($0):" } ?? ""
        return ConfigurationError("\(file):\(l):\(c):\(place) \(why)", file: file, line: l, column: c, key: key)
    }

    private func describeNext() -> String {
        guard index < bytes.count else { return "end of file" }
        let b = bytes[index]
        if b >= 0x21 && b < 0x7F { return "'\(Character(UnicodeScalar(b)))'" }
        return String(format: "byte 0x%02X", b)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A: index += 1; line += 1; lineStart = index
            default: return
            }
        }
    }

    private func child(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    // MARK: Values

    private mutating func parseValue(path: String, depth: Int) throws -> JSONValue {
        guard depth < Self.maxDepth else { throw error("nested more than \(Self.maxDepth) levels deep") }
        guard index < bytes.count else { throw error("unexpected end of file; expected a value", key: path) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(path: path, depth: depth)
        case UInt8(ascii: "["): return try parseArray(path: path, depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString(path: path))
        case UInt8(ascii: "t"): try literal("true", path: path); return .bool(true)
        case UInt8(ascii: "f"): try literal("false", path: path); return .bool(false)
        case UInt8(ascii: "n"): try literal("null", path: path); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber(path: path))
        default: throw error("unexpected \(describeNext()); expected a value", key: path)
        }
    }

    private mutating func literal(_ word: String, path: String) throws {
        let w = Array(word.utf8)
        guard bytes.count - index >= w.count, Array(bytes[index..<index + w.count]) == w else {
            throw error("unexpected \(describeNext()); expected a value", key: path)
        }
        index += w.count
    }

    private mutating func parseObject(path: String, depth: Int) throws -> JSONValue {
        index += 1   // {
        var object = [String: JSONValue]()
        var firstLine = [String: Int]()
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") { index += 1; return .object(object) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("unexpected \(describeNext()); expected a key in double quotes", key: path)
            }
            let keyLine = line, keyColumn = column
            let key = try parseString(path: path)
            let keyPath = child(path, key)
            if let first = firstLine[key] {
                throw error("the key appears twice (first on line \(first))", key: keyPath, line: keyLine, column: keyColumn)
            }
            firstLine[key] = keyLine
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("unexpected \(describeNext()); expected ':' after the key", key: keyPath)
            }
            index += 1
            skipWhitespace()
            object[key] = try parseValue(path: keyPath, depth: depth + 1)
            guard try separator(closing: "}", path: path) else { return .object(object) }
        }
    }

    private mutating func parseArray(path: String, depth: Int) throws -> JSONValue {
        index += 1   // [
        var array = [JSONValue]()
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") { index += 1; return .array(array) }
        while true {
            skipWhitespace()
            array.append(try parseValue(path: "\(path)[\(array.count)]", depth: depth + 1))
            guard try separator(closing: "]", path: path) else { return .array(array) }
        }
    }

    /// After a member: true at a comma (another member follows), false at the closing bracket.
    private mutating func separator(closing: Character, path: String) throws -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of file; expected ',' or '\(closing)'", key: path) }
        if bytes[index] == UInt8(ascii: closing.unicodeScalars.first!) { index += 1; return false }
        guard bytes[index] == UInt8(ascii: ",") else {
            throw error("unexpected \(describeNext()); expected ',' or '\(closing)'", key: path)
        }
        let commaLine = line, commaColumn = column
        index += 1
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: closing.unicodeScalars.first!) {
            throw error("trailing comma", line: commaLine, column: commaColumn)
        }
        return true
    }

    private mutating func parseString(path: String) throws -> String {
        index += 1   // opening quote
        var scalars = String.UnicodeScalarView()
        var run = [UInt8]()   // plain bytes, decoded in one go
        func flush() { scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars); run.removeAll() }
        while true {
            guard index < bytes.count else { throw error("unexpected end of file inside a string", key: path) }
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                index += 1
                flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush()
                scalars.append(try parseEscape(path: path))
            case 0x00..<0x20:
                throw error("a control character inside a string (write it as an escape such as \\n)", key: path)
            default:
                run.append(b)
                index += 1
            }
        }
    }

    private mutating func parseEscape(path: String) throws -> Unicode.Scalar {
        index += 1   // backslash
        guard index < bytes.count else { throw error("unexpected end of file inside a string", key: path) }
        let c = bytes[index]
        index += 1
        switch c {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try hex4(path: path)
            if (0xD800..<0xDC00).contains(high) {
                // A surrogate pair: \uD83D\uDE00.
                guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("a lone surrogate escape \\u\(String(high, radix: 16, uppercase: true))", key: path)
                }
                index += 2
                let low = try hex4(path: path)
                guard (0xDC00..<0xE000).contains(low) else { throw error("a lone surrogate escape", key: path) }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
            }
            guard let s = Unicode.Scalar(high) else { throw error("a lone surrogate escape", key: path) }
            return s
        default:
            index -= 1
            throw error("unknown escape \\\(describeNext()) in a string", key: path)
        }
    }

    private mutating func hex4(path: String) throws -> UInt32 {
        guard bytes.count - index >= 4,
              let v = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16),
              bytes[index..<index + 4].allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") }) else {
            throw error("\\u must be followed by four hexadecimal digits", key: path)
        }
        index += 4
        return v
    }

    private static func isNumberGlue(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x2E || b == 0x2B || b == 0x2D
    }

    private mutating func parseNumber(path: String) throws -> Double {
        let start = index, startColumn = column
        func digits() -> Int {
            let from = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - from
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let intStart = index
        let intDigits = digits()
        var valid = intDigits > 0 && !(intDigits > 1 && bytes[intStart] == UInt8(ascii: "0"))
        if valid, index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            valid = digits() > 0
        }
        if valid, index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            valid = digits() > 0
        }
        // Letters or digits glued on (01, 1.5x, 1e) make the whole token invalid.
        while index < bytes.count, Self.isNumberGlue(bytes[index]) { index += 1; valid = false }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard valid, let value = Double(text) else {
            throw error("'\(text)' is not a JSON number", key: path, column: startColumn)
        }
        guard value.isFinite else { throw error("\(text) is not a finite number", key: path, column: startColumn) }
        return value
    }
}
