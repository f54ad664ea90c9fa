import Extracts

/// One exit (avgang): a person who left in a month, with the exit status and the status
/// after exit. Its attributes are those of the person's row in the exit month, read from
/// the panel, so an exit is 8 bytes.
public struct Exit: Sendable, Equatable {
    /// Panel person number.
    public var person: UInt32
    /// Panel month number of the exit month m.
    public var month: UInt16
    /// `Hovedstatus` code of the exit (after the NEDS reclassification).
    public var statusCode: UInt8
    /// The status at the end of m + horizon: its number in the exit set's `categories`
    /// (with the default list, the `DetailedStatus` raw value).
    public var outcome: UInt8

    public var status: Hovedstatus { Hovedstatus(rawValue: statusCode)! }
}

/// All exits found in a panel, with what could not be decided yet.
public struct ExitSet: Sendable {
    /// Decided exits whose status after exit is known, ordered by person then month.
    public var exits: [Exit]
    /// Registered in m, not in the next months that exist, but some of them lie past the data.
    public var pendingDecision: Int
    /// Exits decided but whose status month m + horizon lies past the data.
    public var pendingOutcome: Int
    /// Panel month numbers whose exits are all decided and have their status (may be empty).
    public var completeMonths: Range<Int>
    /// The categories that `Exit.outcome` numbers, with their headline classes.
    public var categories = OutcomeCategories.standard()
}
