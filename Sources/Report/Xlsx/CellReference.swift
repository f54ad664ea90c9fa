/// A1-style references. Rows and columns are counted from 0 here and from 1 (rows) or "A"
/// (columns) in the file.
enum CellReference {
    /// Bijective base 26: 0 → A, 25 → Z, 26 → AA, 701 → ZZ, 702 → AAA.
    static func column(_ index: Int) -> String {
        index < firstColumns.count ? firstColumns[index] : letters(index)
    }

    /// A sheet's columns are few and every cell names one: worked out once.
    private static let firstColumns = (0..<64).map(letters)

    private static func letters(_ index: Int) -> String {
        var n = index + 1, letters: [Character] = []
        while n > 0 {
            n -= 1
            letters.append(Character(UnicodeScalar(UInt8(65 + n % 26))))
            n /= 26
        }
        return String(letters.reversed())
    }

    static func cell(row: Int, column: Int) -> String { self.column(column) + String(row + 1) }
}
