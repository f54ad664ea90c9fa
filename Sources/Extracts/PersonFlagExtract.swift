/// What an employment and a benefit file are read into: each person's flag bits at month end
/// (employed; benefits) and the file's counts. The panel builder reads both alike.
public protocol PersonFlagExtract: Sendable {
    var stats: FileStats { get set }
    var people: PersonFlags { get set }
    static func read(_ file: ExtractFile, quarantine: Quarantine) throws -> Self
}

extension EmploymentExtract: PersonFlagExtract {}
extension BenefitExtract: PersonFlagExtract {}
