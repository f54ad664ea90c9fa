import Foundation
import Report
import Catalogue

/// `overgang report`: new report files for a published output folder, published as a set.
///
/// Under the run lock, the folder is copied to a staging folder, the reports are written
/// there and the copy is exchanged with the output folder the way a run publishes; the
/// replaced copy is dropped (`.previous` stays the result the last run replaced). Killed or
/// failing at any point, the output folder keeps its old, consistent set of files.
public struct ReportUpdate {
    var stage: ReportStage

    public init(folder: String, language: ReportLanguage, minCellCount: Int, formats: [ReportFormat]) {
        stage = ReportStage(folder: folder, language: language, minCellCount: minCellCount, formats: formats)
    }

    /// Writes and publishes the reports; returns their names.
    public func run() throws -> [String] {
        let folder = stage.folder
        let manifest = folder + "/" + Catalogue.manifest
        guard FileManager.default.fileExists(atPath: manifest) else {
            throw OutputError("\(manifest): not a finished run's output folder (no \(Catalogue.manifest))")
        }
        let lock = try RunLock(output: folder)
        defer { lock.release() }
        let output = OutputFolder(target: folder)
        try output.prepare()
        do {
            try Self.copyContents(of: output.target, into: output.staging)
            // Read from the published folder (messages name it), written into the copy.
            var staged = stage
            staged.destination = output.staging
            let written = try staged.write()
            try output.publish(under: lock, keepingReplaced: false)
            return written
        } catch {
            output.discard()
            throw error
        }
    }

    /// Copies every file of the published folder (but a report's leftover temporary file).
    static func copyContents(of folder: String, into staging: String) throws {
        let fm = FileManager.default
        do {
            for name in try fm.contentsOfDirectory(atPath: folder) where !(name.hasPrefix(".") && name.hasSuffix(".tmp")) {
                try fm.copyItem(atPath: folder + "/" + name, toPath: staging + "/" + name)
            }
        } catch {
            throw OutputError("\(staging): cannot copy the output folder to write the reports: \(error.localizedDescription)")
        }
    }
}
