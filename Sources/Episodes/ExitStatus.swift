/// The detailed status after exit (§2), in the order the rules are tried.
public enum DetailedStatus: UInt8, CaseIterable, Sendable {
    case workOnly = 0, workBenefit, jobSeeker, reducedCapacity, disability, oldAge, other

    /// The name used in outputs.
    public var name: String {
        ["work_only", "work_benefit", "job_seeker", "reduced_capacity", "disability", "old_age", "other"][Int(rawValue)]
    }

    /// The headline class this status belongs to.
    public var headline: HeadlineStatus {
        switch self {
        case .workOnly: return .work
        case .workBenefit: return .workBenefit
        case .disability: return .disability
        case .jobSeeker, .reducedCapacity, .oldAge, .other: return .other
        }
    }
}

/// The four headline classes of status after exit (§2).
public enum HeadlineStatus: UInt8, CaseIterable, Sendable {
    case work = 0, workBenefit, disability, other

    public var name: String { ["work", "work_benefit", "disability", "other"][Int(rawValue)] }
}
