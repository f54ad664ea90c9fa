import Extracts
import Foundation
import Pipeline

/// The last line of a failed command: text, or with `--log-format json` one JSON object like
/// the log lines (a log collector must not meet one plain line at the end of a JSON stream).
enum FailureLine {
    /// Set once by `LogOptions.bootstrap()`, before any failure can happen.
    nonisolated(unsafe) static var json = false

    /// Writes the line and ends the process with `code`.
    static func write(_ message: String, code: ExitCode32, fields: [String: String] = [:]) -> Never {
        if json {
            var object = fields
            object["time"] = ISO8601DateFormatter().string(from: Date())
            object["level"] = "error"
            object["label"] = "overgang"
            object["message"] = message
            object["exitCode"] = String(code.rawValue)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(object)) ?? Data(#"{"level":"error","message":"(unencodable)"}"#.utf8)
            FileHandle.standardError.write(data + Data("\n".utf8))
        } else {
            FileHandle.standardError.write(Data("overgang: \(message)\n".utf8))
        }
        exit(code.rawValue)
    }

    /// The exit code of an error (README "Exit codes").
    static func code(of error: Error) -> ExitCode32 {
        switch error {
        case is ExtractError, is SpellFileError: return .dataError
        case is ConfigurationError: return .usage
        case is OutputError: return .ioError
        case is LockHeld: return .lockHeld
        default: return .internalError
        }
    }

    /// What an error knows of its place, as JSON fields (file, line, column, key).
    static func fields(of error: Error) -> [String: String] {
        var f = [String: String]()
        switch error {
        case let e as ExtractError:
            f["file"] = e.file
            f["line"] = e.line.map(String.init)
        case let e as ConfigurationError:
            f["file"] = e.file
            f["line"] = e.line.map(String.init)
            f["column"] = e.column.map(String.init)
            f["key"] = e.key
        case let e as SpellFileError:
            f["file"] = e.file
            f["line"] = e.line.map(String.init)
            f["column"] = e.column
        default: break
        }
        return f
    }
}

/// Prints one line naming what failed and ends the process with the matching code.
func fail(_ error: Error) -> Never {
    FailureLine.write("\(error)", code: FailureLine.code(of: error), fields: FailureLine.fields(of: error))
}
