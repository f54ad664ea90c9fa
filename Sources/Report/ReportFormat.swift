/// The report files: `report.xlsx`, `report.html`, `report.md`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case xlsx, html, md

    public var fileName: String { "report.\(rawValue)" }
}
