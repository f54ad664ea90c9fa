import Foundation

/// The three registers that deliver an extract every month.
public enum ExtractKind: String, CaseIterable, Sendable, Comparable {
    case arena, aa, ytelse

    /// The columns every file of this kind must have (`extracts.md`); others are ignored.
    public var requiredColumns: [String] {
        switch self {
        case .arena:
            return ["person_id", "hovedstatus", "innsatsgruppe", "enhet", "fylke", "tiltak",
                    "alder", "kjonn", "utdanning", "innvandrer", "permittert"]
        case .aa:
            return ["person_id", "arbeidsforhold_id", "orgnr", "startdato", "sluttdato", "stillingsprosent"]
        case .ytelse:
            return ["person_id", "ytelse", "grad"]
        }
    }

    public static func < (a: ExtractKind, b: ExtractKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One delivered file, `<kind>_<YYYYMM>.csv.gz`.
public struct ExtractFile: Sendable, Hashable {
    public let kind: ExtractKind
    public let month: Month
    /// Path to read from.
    public let path: String
    /// The file name, which messages and the manifest use.
    public var name: String { "\(kind.rawValue)_\(month.compact).csv.gz" }

    public init(kind: ExtractKind, month: Month, path: String) {
        self.kind = kind
        self.month = month
        self.path = path
    }

    /// Parses a file name; nil when it does not start with a kind's prefix (not an extract),
    /// throws when it does but is otherwise misnamed (a delivery mistake worth stopping for).
    public static func recognise(name: String, in directory: String) throws -> ExtractFile? {
        guard let kind = ExtractKind.allCases.first(where: { name.hasPrefix($0.rawValue + "_") }) else { return nil }
        let rest = name.dropFirst(kind.rawValue.count + 1)
        let path = (directory as NSString).appendingPathComponent(name)
        // A side file of an extract (`aa_202401.csv.gz.md5`, `.sha256`, `.sig`) holds the
        // extract's whole name: it is not a misnamed extract (a missing extract is named anyway).
        if rest.count > 14, rest.prefix(6).utf8.allSatisfy({ (0x30...0x39).contains($0) }),
           rest.dropFirst(6).hasPrefix(".csv.gz.") { return nil }
        let stamp = String(rest.dropLast(7))
        guard rest.hasSuffix(".csv.gz"), rest.count == 13, stamp.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw ExtractError(file: path, .badFileName)
        }
        // A misnamed delivery is not ignored: it may be the month the run needs.
        guard let month = Month(stamp) else { throw ExtractError(file: path, .impossibleMonth(stamp)) }
        return ExtractFile(kind: kind, month: month, path: path)
    }
}

/// What an input folder holds: the extracts by month and kind.
public struct ExtractInventory: Sendable {
    public let directory: String
    public let files: [ExtractFile]

    /// Lists the extracts in `directory`, sorted by month and kind.
    public init(directory: String) throws {
        self.directory = directory
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw ExtractError(file: directory, .unreadable("cannot list the input folder"))
        }
        // Sorted first, so that of several misnamed files the same one is named every time.
        files = try names.sorted().compactMap { name -> ExtractFile? in
            guard let file = try ExtractFile.recognise(name: name, in: directory) else { return nil }
            try RegularFile.check(file.path, displayName: file.path)
            return file
        }.sorted { ($0.month, $0.kind) < ($1.month, $1.kind) }
    }

    /// All months that have any extract.
    public var months: [Month] { Array(Set(files.map(\.month))).sorted() }

    /// The files of the range, checking that every month in it has all three kinds.
    public func files(in range: MonthRange) throws -> [ExtractFile] {
        let selected = files.filter { range.contains($0.month) }
        let present = Set(selected.map { "\($0.kind.rawValue)_\($0.month.compact)" })
        for month in range.months {
            for kind in ExtractKind.allCases where !present.contains("\(kind.rawValue)_\(month.compact)") {
                let name = "\(kind.rawValue)_\(month.compact).csv.gz"
                throw ExtractError(file: (directory as NSString).appendingPathComponent(name),
                                   .missingMonth(kind: kind.rawValue, month: month.description))
            }
        }
        return selected
    }
}

/// About how many rows a delivered file holds, from its compressed size (about 18 bytes a
/// row in the registers' extracts), for sizing tables up front; 0 if unknown.
func expectedRows(_ file: ExtractFile) -> Int {
    min(file.compressedSize / 18, 50_000_000)
}

extension ExtractFile {
    /// The file's size on disk in bytes, now (0 if it cannot be stat'ed).
    public var compressedSize: Int { Int(FileStamp(path: path)?.size ?? 0) }
}
