import Extracts
import Foundation
import Generator

/// One fuzz input. The first byte chooses how the rest is used:
/// even — as the bytes of a `.csv.gz` file (the gzip reader's input);
/// odd  — as CSV text, gzip-compressed here in one or two members (the tokenizer's input).
/// Each file is then read as all three kinds, so every schema's validation runs on it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let dir = FuzzFiles.directory
    let path = dir + "/input.csv.gz"
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    do {
        if data[0] % 2 == 0 {
            try Data(body).write(to: URL(fileURLWithPath: path))
        } else {
            let w = try GzipWriter(path: path, level: 1)
            let half = body.count / 2
            try w.write(Array(body[..<half]))
            if data[0] & 2 != 0 { try w.finishMember() }
            try w.write(Array(body[half...]))
            try w.close()
        }
    } catch {
        return 0
    }
    let month = Month(year: 2022, month: 1)
    for kind in ExtractKind.allCases {
        let file = ExtractFile(kind: kind, month: month, path: path)
        let quarantine = Quarantine(fileName: file.name, path: dir + "/quarantine.csv")
        switch kind {
        case .arena: _ = try? ArenaExtract.read(file, quarantine: quarantine)
        case .aa: _ = try? EmploymentExtract.read(file, quarantine: quarantine)
        case .ytelse: _ = try? BenefitExtract.read(file, quarantine: quarantine)
        }
        try? quarantine.close()
        try? FileManager.default.removeItem(atPath: dir + "/quarantine.csv")
    }
    return 0
}

enum FuzzFiles {
    /// A private folder in memory-backed /dev/shm when there is one.
    static let directory: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let dir = base + "/overgang-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()
}

// SwiftPM links an executable target's `main` as `<Target>_main`, so libFuzzer's own `main`
// is not used: this entry point hands control to libFuzzer's driver instead.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("ExtractsFuzzer_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector, fuzz)
}
