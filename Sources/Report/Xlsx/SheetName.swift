import Foundation

/// Excel refuses a workbook whose sheet names are empty, longer than 31 characters, contain
/// `[]:*?/\`, start or end with an apostrophe, or repeat (ignoring case).
enum SheetName {
    static func unique(_ names: [String]) -> [String] {
        var taken = Set<String>()
        return names.map { name in
            var base = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 })
                .trimmingCharacters(in: CharacterSet(charactersIn: "'").union(.whitespaces))
            if base.isEmpty { base = "Sheet" }
            var candidate = String(base.prefix(31)), n = 1
            while taken.contains(candidate.lowercased()) {
                n += 1
                let suffix = " (\(n))"
                candidate = String(base.prefix(31 - suffix.count)) + suffix
            }
            taken.insert(candidate.lowercased())
            return candidate
        }
    }
}
