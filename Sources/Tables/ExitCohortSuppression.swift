/// Small-cell suppression of the exit cohort tables together: `exit_cohorts.csv`,
/// `exit_cohorts_detailed.csv` and every `exit_cohorts_by_<breakdown>.csv` publish the same
/// exits cut different ways, so a count blanked in one could be worked out from another (the
/// national cell less the visible values of a breakdown: 124 − 120 = 4 for the men of a month).
///
/// The sums, all in one pass of the secondary rule:
/// - within a table, the status counts of a row group add up to its exits;
/// - for each breakdown, its values add up to the national table, count by count and exits by
///   exits (every exit has a value, an empty one included, so they always do);
/// - the detailed statuses add up to the headline classes (work = work_only, …, other =
///   job_seeker + reduced_capacity + old_age + other) and have the same exits.
/// A cross-table sum is used only where it holds in the figures (a table read back from a run
/// with other settings is left to its own sums). Given any other table of `…, <status>, count,
/// exits, pct` rows, it applies the within-table sums alone; a table without those columns
/// comes back as it was.
enum ExitCohortSuppression {
    static func isExitCohortTable(_ name: String) -> Bool {
        name == "exit_cohorts.csv" || name == "exit_cohorts_detailed.csv" || name.hasPrefix("exit_cohorts_by_")
    }

    /// The tables suppressed, in the order given.
    static func apply(_ tables: [CSVTable], _ suppression: CellSuppression) -> [CSVTable] {
        var cells = [Int?]()
        var sums = [CellSuppression.Sum]()
        /// Per table: its count cell per row and its exits cell per row (shared by a group's rows).
        var countCell = [[Int]](), exitsCell = [[Int]]()
        /// Per table: the count cell of (month, status, [value], class), and the exits cell of (month, status, [value]).
        var countAt = [[[String]: Int]](), exitsAt = [[[String]: Int]]()
        for table in tables {
            guard let count = table.column("count"), let exits = table.column("exits") else {
                countCell.append([]); exitsCell.append([]); countAt.append([:]); exitsAt.append([:])
                continue
            }
            var counts = [Int](), exitsOfRow = [Int]()
            var byKey = [[String]: Int](), groupExits = [[String]: Int]()
            var groupParts = [[String]: [Int]](), groupOrder = [[String]]()
            for row in table.rows {
                // (month, status, [value], class): the columns before `count`.
                let key = row[0..<count].map(\.textValue)
                let group = Array(key.dropLast())
                if groupExits[group] == nil {
                    groupExits[group] = cells.count
                    cells.append(row[exits].intValue)
                    groupOrder.append(group)
                }
                counts.append(cells.count)
                byKey[key] = cells.count
                groupParts[group, default: []].append(cells.count)
                cells.append(row[count].intValue)
                exitsOfRow.append(groupExits[group]!)
            }
            for group in groupOrder { sums.append(.init(total: groupExits[group]!, parts: groupParts[group]!)) }
            countCell.append(counts); exitsCell.append(exitsOfRow)
            countAt.append(byKey); exitsAt.append(groupExits)
        }

        /// Adds the sums if every one of them holds where all its figures are known.
        func addIfTheyHold(_ candidate: [CellSuppression.Sum]) {
            let hold = candidate.allSatisfy { sum in
                let values = ([sum.total] + sum.parts).map { cells[$0] }
                return values.contains(nil) || values[0]! == values.dropFirst().reduce(0) { $0 + $1! }
            }
            if hold { sums += candidate }
        }
        guard let national = tables.firstIndex(where: { $0.name == "exit_cohorts.csv" }) else {
            return blanked(tables, cells: cells, sums: sums, countCell: countCell, exitsCell: exitsCell, suppression)
        }
        for (t, table) in tables.enumerated() where table.name.hasPrefix("exit_cohorts_by_") && !countCell[t].isEmpty {
            // (month, status, value, class) → (month, status, class); (month, status, value) → (month, status).
            var countParts = [[String]: [Int]](), exitsParts = [[String]: [Int]]()
            for (key, cell) in countAt[t] where key.count == 4 { countParts[[key[0], key[1], key[3]], default: []].append(cell) }
            for (key, cell) in exitsAt[t] where key.count == 3 { exitsParts[[key[0], key[1]], default: []].append(cell) }
            var candidate = [CellSuppression.Sum]()
            for (key, total) in countAt[national].sorted(by: { $0.value < $1.value }) {
                candidate.append(.init(total: total, parts: (countParts[key] ?? []).sorted()))
            }
            for (key, total) in exitsAt[national].sorted(by: { $0.value < $1.value }) {
                candidate.append(.init(total: total, parts: (exitsParts[key] ?? []).sorted()))
            }
            addIfTheyHold(candidate)
        }
        if let detailed = tables.firstIndex(where: { $0.name == "exit_cohorts_detailed.csv" }), !countCell[detailed].isEmpty {
            let classes: [(String, [String])] = [("work", ["work_only"]), ("work_benefit", ["work_benefit"]), ("disability", ["disability"]),
                                                 ("other", ["job_seeker", "reduced_capacity", "old_age", "other"])]
            var candidate = [CellSuppression.Sum]()
            for (group, total) in exitsAt[national].sorted(by: { $0.value < $1.value }) {
                if let d = exitsAt[detailed][group] { candidate.append(.init(total: total, parts: [d])) }
                for (headline, statuses) in classes {
                    guard let cell = countAt[national][group + [headline]] else { continue }
                    candidate.append(.init(total: cell, parts: statuses.compactMap { countAt[detailed][group + [$0]] }))
                }
            }
            addIfTheyHold(candidate)
        }
        return blanked(tables, cells: cells, sums: sums, countCell: countCell, exitsCell: exitsCell, suppression)
    }

    private static func blanked(_ tables: [CSVTable], cells: [Int?], sums: [CellSuppression.Sum],
                                countCell: [[Int]], exitsCell: [[Int]], _ suppression: CellSuppression) -> [CSVTable] {
        let hidden = suppression.hidden(cells, sums: sums)
        return tables.enumerated().map { t, table in
            guard let count = table.column("count"), let exits = table.column("exits") else { return table }
            let pct = table.column("pct")
            var out = table
            for r in table.rows.indices {
                let countHidden = hidden[countCell[t][r]], exitsHidden = hidden[exitsCell[t][r]]
                if countHidden { out.blank(row: r, column: count) }
                if exitsHidden { out.blank(row: r, column: exits) }
                if let pct, countHidden || exitsHidden { out.blank(row: r, column: pct) }
            }
            return out
        }
    }
}
