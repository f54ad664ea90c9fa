/// A failure that stops the run: the input cannot be trusted as a whole.
///
/// Every message names the file (and line or column where there is one) and never a
/// person key, so it can go to a log or a scheduler's mail as it is.
public struct ExtractError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        case unreadable(String)
        case notGzip(String)
        case truncated
        case missingColumn(String)
        case duplicateColumn(String)
        case emptyFile
        case tooManySetAside(setAside: Int, rows: Int, limit: Double)
        case missingMonth(kind: String, month: String)
        case badFileName
        /// Far fewer rows than the same kind's files of the neighbouring months.
        case shortDelivery(rows: Int, neighbourMedian: Int, minShare: Double)
    }

    public let file: String
    public let line: Int?
    public let reason: Reason
    /// Where the rows set aside were kept when the run failed, if anywhere.
    public var keptQuarantine: String?

    public init(file: String, line: Int? = nil, _ reason: Reason) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        let place = line.map { "\(file): line \($0)" } ?? file
        switch reason {
        case .unreadable(let why): return "\(place): cannot read the file: \(why)"
        case .notGzip(let why): return "\(place): not valid gzip: \(why)"
        case .truncated: return "\(place): truncated gzip (the data ends inside a member)"
        case .missingColumn(let c): return "\(place): the header lacks the required column '\(c)'"
        case .duplicateColumn(let c): return "\(place): the header names the column '\(c)' twice"
        case .emptyFile: return "\(place): no header row"
        case .tooManySetAside(let s, let n, let limit):
            let share = n == 0 ? 0 : Double(s) / Double(n)
            let see = keptQuarantine.map { "; the rows set aside are in \($0)" } ?? ""
            return "\(place): \(s) of \(n) rows set aside (\(formatShare(share))), more than input.maxRejectedShare = \(formatShare(limit))\(see)"
        case .missingMonth(let kind, let month):
            return "\(place): missing — \(month) lies inside the analysed range but has no \(kind) extract"
        case .badFileName: return "\(place): not named <kind>_<YYYYMM>.csv.gz"
        case .shortDelivery(let rows, let median, let share):
            return "\(place): a short delivery? \(rows) rows, where the neighbouring months' files have a median of \(median) "
                + "(under input.minRowShare = \(share) of it); check the delivery, or set input.minRowShare to 0 to accept it"
        }
    }
}

func formatShare(_ x: Double) -> String {
    let pct = x * 100
    return "\((pct * 1000).rounded() / 1000) %"
}
