import Catalogue

/// Small-cell suppression of the exit cohort tables together: `exit_cohorts.csv`,
/// `exit_cohorts_detailed.csv`, every `exit_cohorts_by_<breakdown>.csv` and their quarterly and
/// yearly forms publish the same exits cut different ways, so a count blanked in one could be
/// worked out from another (the national cell less the visible values of a breakdown:
/// 124 − 120 = 4 for the men of a month).
///
/// The sums, all in one pass of the secondary rule:
/// - within a table, the status counts of a row group add up to its exits;
/// - a table's values add up to each table of the same period whose attributes are some of its
///   own (its margins), count by count and exits by exits: a breakdown's values to the
///   national table, a crossed table's to each single table and the national one (every exit
///   has a value, an empty one included, so they always do);
/// - the detailed statuses add up to the headline classes (work = work_only, …, other =
///   job_seeker + reduced_capacity + old_age + other) and have the same exits;
/// - a quarter's or year's cell is the sum of its months' (and a year's of its quarters').
/// A cross-table sum is used only where it holds in the figures (a table read back from a run
/// with other settings is left to its own sums). Given any other table of `…, <status>, count,
/// exits, pct` rows, it applies the within-table sums alone; a table without those columns
/// comes back as it was.
enum ExitCohortSuppression {
    static func isExitCohortTable(_ table: CSVTable) -> Bool {
        TableSpec.exitCohortTables.contains { [$0.national, $0.detailed, $0.by].contains(where: table.isFile) }
    }

    /// The tables suppressed, in the order given.
    /// `classes`: each headline class with its categories (the run's `outcome.classes`).
    static func apply(_ tables: [CSVTable], _ suppression: CellSuppression,
                      classes: [(headline: String, categories: [String])] = Catalogue.statusClasses) -> [CSVTable] {
        var index = CohortCells(tables)
        index.addMarginSums()
        index.addDetailedSums(classes)
        index.addPeriodSums()
        let hidden = suppression.hidden(index.cells, sums: index.sums)
        return tables.enumerated().map { t, table in
            guard let count = table.column(.count), let exits = table.column(.exits) else { return table }
            let pct = table.column(.pct)
            var out = table
            for r in table.rows.indices {
                let countHidden = hidden[index.countCell[t][r]], exitsHidden = hidden[index.exitsCell[t][r]]
                if countHidden { out.blank(row: r, column: count) }
                if exitsHidden { out.blank(row: r, column: exits) }
                if let pct, countHidden || exitsHidden { out.blank(row: r, column: pct) }
            }
            return out
        }
    }
}

/// The counts and exits of the exit cohort tables as cells of one suppression, and the sums
/// that tie them.
struct CohortCells {
    /// What a table is cut by, read from its header: `<period>, exit_status, <attributes…>,
    /// outcome|outcome_detail, count, exits, pct`.
    struct Shape: Equatable {
        var period: String
        var attributes: [String]
        var detailed: Bool
    }

    let tables: [CSVTable]
    var cells = [Int?]()
    var sums = [CellSuppression.Sum]()
    /// Per table: its count cell per row and its exits cell per row (shared by a group's rows).
    var countCell = [[Int]](), exitsCell = [[Int]]()
    /// Per table: the count cell of (period, status, [values], class), and the exits cell of (period, status, [values]).
    var countAt = [[[String]: Int]](), exitsAt = [[[String]: Int]]()
    var shapes = [Shape?]()

    init(_ tables: [CSVTable]) {
        self.tables = tables
        for table in tables { add(table) }
    }

    private mutating func add(_ table: CSVTable) {
        guard let count = table.column(.count), let exits = table.column(.exits) else {
            countCell.append([]); exitsCell.append([]); countAt.append([:]); exitsAt.append([:]); shapes.append(nil)
            return
        }
        var counts = [Int](), exitsOfRow = [Int]()
        var byKey = [[String]: Int](), groupExits = [[String]: Int]()
        var groupParts = [[String]: [Int]](), groupOrder = [[String]]()
        for row in table.rows {
            // (period, status, [values], class): the columns before `count`.
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
        shapes.append(Self.shape(table.header, count: count))
    }

    static func shape(_ header: [String], count: Int) -> Shape? {
        guard count >= 3, periodOrder.contains(header[0]), header[1] == Column.exitStatus.name,
              [Column.outcome.name, Column.outcomeDetail.name].contains(header[count - 1]) else { return nil }
        return Shape(period: header[0], attributes: Array(header[2..<(count - 1)]), detailed: header[count - 1] == Column.outcomeDetail.name)
    }

    /// Adds the sums if every one of them holds where all its figures are known.
    mutating func addIfTheyHold(_ candidate: [CellSuppression.Sum]) {
        let hold = candidate.allSatisfy { sum in
            let values = ([sum.total] + sum.parts).map { cells[$0] }
            return values.contains(nil) || values[0]! == values.dropFirst().reduce(0) { $0 + $1! }
        }
        if hold { sums += candidate }
    }
}
