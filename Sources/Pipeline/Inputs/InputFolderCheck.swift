import Foundation

extension Configuration.Input {
    /// Refuses an input folder that is not there before anything is read: a wrong path is a
    /// mistake of the job (usage, 64), not bad data. `option` is how the user gave it
    /// (`--input`), nil when it came from the configuration file `source`.
    public func checkFolder(option: String?, source: String?) throws {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder)
        let problem: String
        if !exists { problem = "input folder \(directory) does not exist" }
        else if !isFolder.boolValue { problem = "input folder \(directory) is a file, not a folder" }
        else { return }
        if let option { throw ConfigurationError("\(option): \(problem)", key: option) }
        if let source { throw ConfigurationError("\(source): input.directory: \(problem)", file: source, key: "input.directory") }
        throw ConfigurationError("\(problem) (the default input.directory; give --input or a configuration file)",
                                 key: "input.directory")
    }
}
