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
        /// Named like an extract, but its YYYYMM is no month of `Month.years`.
        case impossibleMonth(String)
        /// A FIFO, socket, device or folder named like an extract (what it is).
        case notRegularFile(String)
        /// The header line cannot be a header (why).
        case badHeader(String)
        /// More blank lines than data rows plus the allowance: damage or a gzip bomb.
        case tooManyBlankLines(blank: Int, rows: Int, allowance: Int)
        /// Decompresses past the bounds of any delivery (`InflationLimit`, described).
        case inflatesTooFar(String)
        /// Bytes after the last complete gzip member that are neither a member nor zero padding.
        case trailingData
    }

    public let file: String
    public let line: Int?
    /// Byte offset in the compressed file, for gzip damage.
    public let offset: Int?
    public let reason: Reason
    /// Where the rows set aside were kept when the run failed, if anywhere.
    public var keptQuarantine: String?

    public init(file: String, line: Int? = nil, offset: Int? = nil, _ reason: Reason) {
        self.file = file
        self.line = line
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        var place = line.map { "\(file): line \($0)" } ?? file
        if let offset { place += ": at byte \(offset)" }
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
        case .impossibleMonth(let stamp):
            return "\(place): named like an extract, but \(stamp) is not a month from \(Month.years.lowerBound)01 to \(Month.years.upperBound)12 (YYYYMM)"
        case .notRegularFile(let what): return "\(place): is not a regular file (\(what)); an extract must be a plain file"
        case .badHeader(let why): return "\(place): the header \(why)"
        case .tooManyBlankLines(let blank, let rows, let allowance):
            return "\(place): \(blank) blank lines against \(rows) rows, more than \(allowance) beyond the rows: damaged or not a delivery"
        case .inflatesTooFar(let bound): return "\(place): decompresses to \(bound): damaged or a gzip bomb, not a delivery"
        case .trailingData: return "\(place): not a gzip member (trailing data after the last member; only zero bytes may follow it)"
        }
    }
}

func formatShare(_ x: Double) -> String {
    let pct = x * 100
    return "\((pct * 1000).rounded() / 1000) %"
}
