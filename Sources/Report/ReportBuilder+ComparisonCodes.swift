import Catalogue

/// What the comparison's exits in work have besides (definitions.md §7b): the benefits of
/// those with work and benefit (`comparison_benefits.csv`) and the measures of those in work
/// (`comparison_measures.csv`), per period and office in the publication's order, one count
/// and share per code.
extension ReportBuilder {
    func comparisonCodeTables(name: String, offices: [OfficeRow]) -> [ReportTable] {
        let nb = language == .nb
        let kinds: [(spec: TableSpec, code: Column, title: String, note: String)] = [
            (.comparisonBenefits, .benefit, nb ? "Ytelser blant dem med arbeid og ytelse: " : "Benefits of those in work with benefit: ",
             nb ? "Prosent av avgangene med status arbeid og ytelse som mottar ytelsen i statusmåneden (to ytelser: telt under begge)."
                : "Per cent of the exits with status work with benefit who receive the benefit in the status month (two benefits: counted under both)."),
            (.comparisonMeasures, .tiltak, nb ? "Tiltak blant dem i arbeid: " : "Measures of those in work: ",
             nb ? "Prosent av avgangene i arbeid (med eller uten ytelse) som har tiltaket i statusmåneden."
                : "Per cent of the exits in work (with or without benefit) who have the measure in the status month."),
        ]
        return kinds.compactMap { kind in
            guard let t = table(kind.spec) else { return nil }
            let rows = t.rows.indices.filter { t.rows[$0][t.column(.comparison)!].textValue == name }
            guard !rows.isEmpty else { return nil }
            var table = codeTable(CSVTable.subset(t, rows: rows), code: kind.code, name: name, offices: offices)
            table.title = kind.title + name
            table.note = kind.note + (nb ? " Et kontor uten rad for en kode har ingen med den." : " An office without a row for a code has none with it.")
            return table
        }
    }

    /// Rows: period × office (the publication's order, or as published without groups);
    /// columns: each code's count and share. A code without a row in a cell has none there.
    func codeTable(_ t: CSVTable, code: Column, name: String, offices: [OfficeRow]) -> ReportTable {
        let nb = language == .nb
        let codes = Set(t.rows.map { $0[t.column(code)!].textValue }).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var table = ReportTable(title: "", header: [
            [HeaderCell("", span: 3)] + codes.map { HeaderCell($0, span: 2) },
            [HeaderCell(labels.period), HeaderCell(labels.group), HeaderCell(nb ? "Kontor" : "Office")]
                + codes.flatMap { _ in [HeaderCell(labels.count), HeaderCell(labels.share)] },
        ], rowHeaderColumns: 3)
        let cells = Dictionary(Self.groups(t, by: [.period, .group, .unit]).map { ($0.key, $0.rows) }, uniquingKeysWith: { a, _ in a })
        let order = offices.isEmpty ? Self.groups(t, by: [.group, .unit]).map { OfficeRow(group: $0.key[0], unit: $0.key[1], office: labels.unitName($0.key[1])) }
                                    : offices
        for period in Column.comparisonPeriods {
            for office in order {
                guard let rows = cells[[period, office.group, office.unit]] else { continue }
                var byCode = [String: [CSVTable.Cell]]()
                for r in rows { byCode[t.rows[r][t.column(code)!].textValue] = t.rows[r] }
                table.rows.append([.text(labels.periodName(period)), .text(labels.groupName(office.group)), .text(office.office)]
                    + codes.flatMap { c -> [ReportCell] in
                        guard let row = byCode[c] else { return [.number(0, .count), .number(0, .percent)] }
                        let count = row[t.column(.count)!]
                        return [cell(count, .count, countLike: true),
                                minCellCount > 0 && count.intValue == nil ? .suppressed : cell(row[t.column(.pct)!], .percent)]
                    })
            }
        }
        return table
    }
}
