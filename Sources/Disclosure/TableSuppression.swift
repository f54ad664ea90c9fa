import Catalogue

/// Small-cell suppression of the published tables (`output.minCellCount`, `--min-cell`),
/// applied to finished tables just before they are written or reported, so that every writer
/// sees the same blanks, and tables read back from a suppressed run can be suppressed again
/// at a higher limit (their blanks count as blanked). One model over all tables and all the
/// relations the catalogue declares (`DisclosureModel`; the method in its `hidden(limit:)`).
public enum TableSuppression {
    /// The tables suppressed at `limit`. `plainComparisons`: the comparisons without groups or
    /// filters, whose period cells add up months of the exit table. `classes`: each headline
    /// class with the categories after exit it gathers (the run's `outcome.classes`).
    public static func apply(_ tables: [CSVTable], limit: Int, plainComparisons: [PlainComparison] = [],
                             classes: [(headline: String, categories: [String])] = Catalogue.statusClasses) -> [CSVTable] {
        guard limit > 0 else { return tables }
        let relations = Catalogue.relations(classes: classes) + Catalogue.crossingRelations(files: tables.map(\.name))
            + plainComparisons.flatMap(\.relations)
        let model = DisclosureModel(tables, relations: relations)
        return model.published(model.hidden(limit: limit), originals: tables)
    }
}
