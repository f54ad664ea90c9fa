import Foundation
import Catalogue

/// A CSV of spells (`overgang lifetable`, `overgang cox`) whose content cannot be used: bad
/// input data (exit code 65), named by file, line and column as the file names them.
public struct SpellFileError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int?
    public let column: String?
    public let problem: String

    public init(file: String, line: Int? = nil, column: String? = nil, _ problem: String) {
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
    }

    public var description: String {
        // The problem names the column in its own words; `column` is for JSON log lines.
        "\(file)" + (line.map { ": line \($0)" } ?? "") + ": \(problem)"
    }
}

/// The records of a CSV of spells (`CSVReader`: `;` or `,` as the header has it, spaces around
/// fields dropped). A file that is not there is a usage error naming it; one that cannot be
/// read, or whose quoting is broken, is bad input.
enum SpellFileText {
    static func records(_ path: String) throws -> [CSVRecord] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            // The run's own spell file is missing for a reason a user should hear.
            let why = path.hasSuffix(TableSpec.survivalSpells.fileName) ? " (a run with a small-cell limit does not write it)" : ""
            throw ConfigurationError("spell file \(path) does not exist\(why)", file: path)
        }
        guard !isFolder.boolValue else { throw ConfigurationError("spell file \(path) is a folder, not a file", file: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpellFileError(file: path, "cannot read the file (permissions?)")
        }
        do {
            return try CSVReader(separator: .fromHeader, trimsSpaces: true).records(String(decoding: data, as: UTF8.self), file: path)
        } catch let e as CSVReadError {
            throw SpellFileError(file: path, line: e.line, e.reason)
        }
    }
}
