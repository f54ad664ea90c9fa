import Foundation

/// Reading `pipeline.json` (or `--config FILE`): a missing file is named as such, a usage
/// error, not a parse error of an empty document.
enum ConfigurationFile {
    static func contents(_ path: String) throws -> Data {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw ConfigurationError("configuration file \(path) does not exist", file: path)
        }
        guard !isFolder.boolValue else { throw ConfigurationError("configuration file \(path) is a folder, not a file", file: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("configuration file \(path) cannot be read (permissions?)", file: path)
        }
        return data
    }
}
