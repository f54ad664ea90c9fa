import Catalogue

/// The sums across the exit cohort tables (`ExitCohortSuppression`).
extension CohortCells {
    /// Each table's values add up to its margins: the tables of the same period whose
    /// attributes are some of its own (a breakdown → the national table; a crossed table →
    /// each single one and the national one).
    mutating func addMarginSums() {
        for (t, shape) in shapes.enumerated() {
            guard let shape, !shape.detailed, !shape.attributes.isEmpty else { continue }
            for (u, margin) in shapes.enumerated() {
                guard let margin, margin.period == shape.period, !margin.detailed,
                      margin.attributes.count < shape.attributes.count,
                      margin.attributes.allSatisfy(shape.attributes.contains) else { continue }
                // Keep the period, status, the margin's attributes and the class (last).
                let kept = [0, 1] + margin.attributes.map { 2 + shape.attributes.firstIndex(of: $0)! }
                addIfTheyHold(sums(of: t, into: u) { key in kept.map { key[$0] } + [key.last!] })
            }
        }
    }

    /// The detailed statuses (categories) add up to the headline classes, per period.
    mutating func addDetailedSums(_ classes: [(headline: String, categories: [String])]) {
        for (national, shape) in shapes.enumerated() {
            guard let shape, shape.attributes.isEmpty, !shape.detailed,
                  let detailed = shapes.firstIndex(of: Shape(period: shape.period, attributes: [], detailed: true)),
                  !countCell[detailed].isEmpty else { continue }
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
    }

    /// A quarter's or a year's cells are the sums of their months' (and a year's of its
    /// quarters'), in every table cut the same way.
    mutating func addPeriodSums() {
        for (t, shape) in shapes.enumerated() {
            guard let shape, shape.period != Column.exitMonth.name else { continue }
            for (u, finer) in shapes.enumerated() {
                guard let finer, finer.attributes == shape.attributes, finer.detailed == shape.detailed,
                      Self.finer(finer.period, than: shape.period) else { continue }
                addIfTheyHold(sums(of: u, into: t) { key in
                    [Self.period(key[0], from: finer.period, to: shape.period)] + key.dropFirst()
                })
            }
        }
    }

    /// Sums whose totals are the cells of table `total` and whose parts are the cells of table
    /// `parts` that `project` maps onto them: counts (in the totals' order), then exits.
    private func sums(of parts: Int, into total: Int, _ project: ([String]) -> [String]) -> [CellSuppression.Sum] {
        var countParts = [[String]: [Int]](), exitsParts = [[String]: [Int]]()
        for (key, cell) in countAt[parts] { countParts[project(key), default: []].append(cell) }
        for (key, cell) in exitsAt[parts] { exitsParts[Array(project(key + [""]).dropLast()), default: []].append(cell) }
        var out = [CellSuppression.Sum]()
        for (key, cell) in countAt[total].sorted(by: { $0.value < $1.value }) {
            out.append(.init(total: cell, parts: (countParts[key] ?? []).sorted()))
        }
        for (key, cell) in exitsAt[total].sorted(by: { $0.value < $1.value }) {
            out.append(.init(total: cell, parts: (exitsParts[key] ?? []).sorted()))
        }
        return out
    }

    static let periodOrder = [Column.exitMonth, .exitQuarter, .exitYear].map(\.name)

    static func finer(_ a: String, than b: String) -> Bool {
        guard let i = periodOrder.firstIndex(of: a), let j = periodOrder.firstIndex(of: b) else { return false }
        return i < j
    }

    /// The label of the coarser period holding a finer one: `2022-03` → `2022-Q1` or `2022`;
    /// `2022-Q1` → `2022`.
    static func period(_ label: String, from fine: String, to coarse: String) -> String {
        let year = String(label.prefix(4))
        guard coarse == Column.exitQuarter.name, fine == Column.exitMonth.name, let month = Int(label.dropFirst(5)) else { return year }
        return "\(year)-Q\((month - 1) / 3 + 1)"
    }
}
