/// Okabe-Ito colours, distinguishable with the common colour-vision deficiencies. Yellow
/// comes late: it is faint as a line on white. Lines also differ by dash pattern, and bar
/// segments carry their values as text, so colour is never the only carrier of meaning.
enum ChartPalette {
    static let colours = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
    static let dashes = ["", "8 4", "2 3", "8 3 2 3", "12 4", "4 4", "1 2", "12 3 2 3 2 3"]

    static func colour(_ i: Int) -> String { colours[i % colours.count] }
    static func dash(_ i: Int) -> String { dashes[i % dashes.count] }
    /// Text drawn on a fill: white only on the two dark colours, black keeps more contrast elsewhere.
    static func textColour(_ i: Int) -> String { ["#0072B2", "#000000"].contains(colour(i)) ? "#FFFFFF" : "#000000" }
}
