/// The report's only style sheet, inline so the file stands alone. Chart colours are SVG
/// fills rather than CSS backgrounds, so printing keeps them; table rules are borders.
enum HTMLStyle {
    static let css = """
    body { font-family: system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; line-height: 1.45;
           color: #1a1a1a; background: #fff; max-width: 72rem; margin: 2rem auto; padding: 0 1.5rem; }
    h1 { font-size: 1.8rem; margin: 0 0 1rem; }
    h2 { font-size: 1.35rem; margin: 2.5rem 0 .75rem; padding-bottom: .2rem; border-bottom: 1px solid #bbb; }
    dl.about { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1.5rem; margin: 0 0 1.5rem; }
    dl.about dt { font-weight: 600; }
    dl.about dd { margin: 0; }
    figure { margin: 1.5rem 0 2rem; }
    figcaption { font-weight: 600; margin-bottom: .4rem; }
    figure svg { display: block; max-width: 100%; height: auto; }
    svg text { font-variant-numeric: tabular-nums; }
    .table-wrap { overflow-x: auto; margin: 1.5rem 0 2rem; }
    table { border-collapse: collapse; font-size: .9rem; }
    caption { text-align: left; font-weight: 600; padding-bottom: .4rem; }
    th, td { padding: .25rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
    thead th { text-align: center; vertical-align: bottom; border-bottom: 1px solid #666; }
    thead tr:last-child th { border-bottom: 2px solid #333; }
    th.label, tbody th { text-align: left; }
    tbody th { font-weight: normal; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    td.num { white-space: nowrap; }
    tfoot td { font-size: .85rem; color: #444; border-bottom: none; padding-top: .5rem; }
    abbr[title] { text-decoration: none; cursor: help; }
    @page { size: A4; margin: 15mm; }
    @media print {
      body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
      table { font-size: 8.5pt; }
      th, td { padding: .15rem .35rem; }
      figure, table { break-inside: avoid; }
      /* Each part of the report starts a page: no heading is left alone at a page's foot. */
      main > section:not(#workbook):not(#notes) { break-before: page; }
      h2, caption, figcaption { break-after: avoid; }
      thead { display: table-header-group; }
      tfoot { display: table-row-group; }
      .table-wrap { overflow: visible; }
      a { color: inherit; text-decoration: none; }
    }
    """
}
