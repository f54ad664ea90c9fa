import Foundation
@testable import Extracts

/// Builds a small folder of extracts by hand, for tests of the definitions' rules.
struct ExtractSetBuilder {
    var arena: [Month: [String]] = [:]
    var aa: [Month: [String]] = [:]
    var ytelse: [Month: [String]] = [:]
    let months: MonthRange

    static let arenaHeader = "person_id;hovedstatus;innsatsgruppe;enhet;fylke;tiltak;alder;kjonn;utdanning;innvandrer;permittert"
    static let aaHeader = "person_id;arbeidsforhold_id;orgnr;startdato;sluttdato;stillingsprosent"
    static let ytelseHeader = "person_id;ytelse;grad"

    init(from: String, to: String) {
        months = MonthRange(from: Month(from)!, to: Month(to)!)
        for m in months.months {
            arena[m] = []
            aa[m] = []
            ytelse[m] = []
        }
    }

    /// Month number `i` of the set.
    func month(_ i: Int) -> Month { months.from + i }

    /// A registration row of `person` in month number `i`.
    mutating func register(_ person: String, _ i: Int, status: String = "ARBS", innsats: String = "IKVAL",
                           enhet: String = "0301", fylke: String = "03", tiltak: String = "", alder: Int = 35,
                           kjonn: String = "K", utdanning: String = "V", innvandrer: String = "N", permittert: String = "N") {
        arena[month(i)]!.append("\(person);\(status);\(innsats);\(enhet);\(fylke);\(tiltak);\(alder);\(kjonn);\(utdanning);\(innvandrer);\(permittert)")
    }

    /// Registers `person` in each of the month numbers.
    mutating func register(_ person: String, months list: [Int], status: String = "ARBS") {
        for i in list { register(person, i, status: status) }
    }

    /// An employment of `person` listed in month number `i` with the given dates.
    mutating func employ(_ person: String, _ i: Int, id: String = "AF1", start: String, end: String = "") {
        aa[month(i)]!.append("\(person);\(id);987654321;\(start);\(end);100")
    }

    mutating func benefit(_ person: String, _ i: Int, _ code: String) {
        ytelse[month(i)]!.append("\(person);\(code);100")
    }

    /// Writes every month's three files into a new temporary folder and returns its path.
    func write(to directory: String? = nil) throws -> String {
        let dir = directory ?? temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for m in months.months {
            try Self.writeGzip("\(dir)/arena_\(m.compact).csv.gz", ([Self.arenaHeader] + arena[m]!).joined(separator: "\n") + "\n")
            try Self.writeGzip("\(dir)/aa_\(m.compact).csv.gz", ([Self.aaHeader] + aa[m]!).joined(separator: "\n") + "\n")
            try Self.writeGzip("\(dir)/ytelse_\(m.compact).csv.gz", ([Self.ytelseHeader] + ytelse[m]!).joined(separator: "\n") + "\n")
        }
        return dir
    }

    /// Compresses `text` with the system's `gzip` (an encoder independent of ours) into
    /// `members` concatenated gzip members.
    static func writeGzip(_ path: String, _ text: String, members: Int = 1) throws {
        let bytes = Array(text.utf8)
        let step = max(1, (bytes.count + max(members, 1) - 1) / max(members, 1))
        var out = Data()
        var i = 0
        repeat {
            let j = min(bytes.count, i + step)
            out.append(try gzip(Array(bytes[i..<j])))
            i = j
        } while i < bytes.count
        try out.write(to: URL(fileURLWithPath: path))
    }

    static func gzip(_ bytes: [UInt8]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c", "-n"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Write on another thread so a full output pipe cannot block us.
        let writer = Thread {
            input.fileHandleForWriting.write(Data(bytes))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}
