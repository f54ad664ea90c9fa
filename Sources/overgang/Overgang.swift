import ArgumentParser
import Extracts
import Foundation
import Logging
import Pipeline

@main
struct Overgang: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overgang",
        abstract: "Exits from NAV's registers and the status after exit, from the monthly register extracts.",
        discussion: """
            Exit codes: 0 success; 65 bad input data; 64 bad configuration or usage;
            75 another run holds the output folder; 74 outputs could not be written;
            70 internal error.
            """,
        version: OvergangVersion.string,
        subcommands: [Run.self, Validate.self, Generate.self, Lifetable.self, Cox.self, ReportCommand.self, Benchmark.self],
        defaultSubcommand: Run.self
    )
}

/// What a scheduler can act on (sysexits.h numbers).
enum ExitCode32: Int32 {
    case success = 0, usage = 64, dataError = 65, internalError = 70, ioError = 74, lockHeld = 75
}

/// Logging and failure handling shared by the subcommands.
struct LogOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Log each stage and file to stderr.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Log errors only.")
    var quiet = false

    @Option(name: .customLong("log-format"), help: "Log lines on stderr as text or json (one object per line).")
    var logFormat: LogFormat = .text

    enum LogFormat: String, ExpressibleByArgument { case text, json }

    func bootstrap() -> Logger {
        let level: Logger.Level = verbose ? .info : (quiet ? .error : .warning)
        let json = logFormat == .json
        FailureLine.json = json
        LoggingSystem.bootstrap { label in
            if json {
                var h = JSONLogHandler(label: label)
                h.logLevel = level
                return h
            }
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = level
            return h
        }
        var logger = Logger(label: "overgang")
        logger.logLevel = level
        return logger
    }
}
