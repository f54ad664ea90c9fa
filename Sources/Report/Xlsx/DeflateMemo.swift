/// Deflated pieces kept from earlier workbooks (`ParallelDeflate`).
///
/// Each piece of a part is deflated by a zlib stream of its own, so its deflated bytes depend
/// on its bytes, whether it ends the part and the level, and on nothing else. A piece seen
/// before (a sheet whose table did not change, as the exit-cohort and stock sheets in a rerun
/// with other periods) need not be deflated again: deflating was a fifth of a mid-scale rerun.
public protocol DeflateMemo: Sendable {
    /// The deflated bytes of `piece` as `deflate` makes them: remembered, or made and kept.
    /// `form` names everything else the bytes depend on (zlib's version, the level, whether
    /// the piece ends its part): a piece is the same only in the same form.
    func deflated(_ piece: UnsafeRawBufferPointer, form: String, deflate: () throws -> [UInt8]) throws -> [UInt8]
}
