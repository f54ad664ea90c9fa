#!/usr/bin/env python3
"""Independent reference for the trial evaluation's tables (spec: definitions.md §7b, with §1,
§1b, §2 and §4 for the exits and the comparisons' cells), written from the spec, sharing only
the extract reader and month helpers with exit_cohorts.py.

Usage: python3 trial_tables.py INPUT_DIR OUTPUT_DIR --config PIPELINE_JSON

Reads from the configuration: exit.kind and exit.measures, and the comparisons (periods,
filter, filters, treatment, control, pairs); the other settings are the defaults (statuses
ARBS, NEDS; quiet months 2; NEDS look-back 5; horizon 2; the default work benefits).
Standard library only; valid extracts assumed. Writes:

- comparison_benefits.csv: per comparison, unit (pairs by treatment office, then total; all
  without groups), group, period: among exits with status work_benefit, the number with each
  benefit at the status month (two benefits: counted under both) and its percentage of them;
- comparison_measures.csv: the same among exits in work (work_only, work_benefit), by the
  tiltak of the arena row at the status month;
- exit_durations.csv: per exit month, exit status and (measure exits) the tiltak left: exits,
  mean and median of the months in the state left, consecutively up to and including the exit
  month (registered; for measure exits, a row in a listed measure);
- exit_cohorts_by_varighet.csv: the exit cohort breakdown by those months in the classes
  1-3, 4-6, 7-12, 13-24, 25+.
Rows have counts > 0; codes sorted; numbers repr(float).
"""
import argparse
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exit_cohorts import last_day, load, month_index, month_label, write_csv  # noqa: E402

STATUSES = ["ARBS", "NEDS"]
WORK_BENEFITS = {"DAGP", "AAP", "INDST", "OVST", "UFOR", "ALDER"}
CLASSES = [(3, "1-3"), (6, "4-6"), (12, "7-12"), (24, "13-24"), (10 ** 9, "25+")]
OUTCOMES = ["work", "work_benefit", "disability", "other"]
Q, H, L = 2, 2, 5


def month_of(text):
    return month_index(text.replace("-", ""))


def find_exits(arena, aa, ytelse, first, last, kind, measures):
    """(person, month, exit status, detailed outcome, exit row, months in the state) per exit."""
    def row(p, m):
        return arena.get(m, {}).get(p)

    def registered(p, m):
        r = row(p, m)
        return r is not None and r["hovedstatus"] in STATUSES

    def in_measure(p, m):
        r = row(p, m)
        return r is not None and r["tiltak"] != "" and (not measures or r["tiltak"] in measures)

    stays = in_measure if kind == "measure" else registered

    def leaves(p, m):
        return registered(p, m) and (kind != "measure" or in_measure(p, m))

    def outcome(p, t):
        day = last_day(t)
        employed = any(s <= day and (e == "" or e >= day) for s, e in aa[t].get(p, {}).values())
        benefits = ytelse[t].get(p, set())
        if employed:
            return "work_benefit" if benefits & WORK_BENEFITS else "work_only"
        r = row(p, t)
        if r is not None and r["hovedstatus"] == "ARBS":
            return "job_seeker"
        if r is not None and r["hovedstatus"] == "NEDS":
            return "reduced_capacity"
        return "disability" if "UFOR" in benefits else "old_age" if "ALDER" in benefits else "other"

    exits = []
    for m in range(first, last - max(Q, H) + 1):
        for p, r in arena[m].items():
            if not leaves(p, m) or any(stays(p, k) for k in range(m + 1, m + Q + 1)):
                continue
            status = r["hovedstatus"]
            if status == "ARBS" and any((row(p, m - j) or {}).get("hovedstatus") == "NEDS" for j in range(1, L + 1)):
                status = "NEDS"
            months = 1
            while m - months >= first and stays(p, m - months):
                months += 1
            exits.append((p, m, status, outcome(p, m + H), r, months))
    return exits


def comparison_cells(exits, c):
    """(unit, group, period) -> exits of that cell, units as comparisons.csv names them."""
    filt = c.get("filter", {})
    overrides = c.get("filters", {})
    treatment, control = c.get("treatment", []), c.get("control", [])
    periods = {"baseline": c["baseline"], "comparison": c["comparison"]}
    by_office = {}
    for e in exits:
        period = next((name for name, r in periods.items() if month_of(r["from"]) <= e[1] <= month_of(r["to"])), None)
        if period is None:
            continue
        office = e[4]["enhet"]
        group = "all" if not treatment else "treatment" if office in treatment else "control" if office in control else None
        if group is None:
            continue
        f = dict(filt)
        f.update(overrides.get(group, {}).get(period, {}))
        if f.get("tiltak") and e[4]["tiltak"] not in f["tiltak"]:
            continue
        if f.get("enhet") and office not in f["enhet"]:
            continue
        by_office.setdefault((office if treatment else "-", group, period), []).append(e)
    cells = {}
    if not treatment:
        for period in periods:
            cells[("all", "all", period)] = by_office.get(("-", "all", period), [])
        return cells
    units = [(t, [t], [k]) for t, k in c.get("pairs", [])] + [("total", treatment, control)]
    for name, t_offices, c_offices in units:
        for group, offices in (("treatment", t_offices), ("control", c_offices)):
            for period in periods:
                cells[(name, group, period)] = [e for o in offices for e in by_office.get((o, group, period), [])]
    return cells


def code_rows(config, exits, among, codes_of):
    rows = []
    for c in config.get("comparisons", []):
        for (unit, group, period), cell in comparison_cells(exits, c).items():
            selected = [e for e in cell if e[3] in among]
            counts = {}
            for e in selected:
                for code in codes_of(e):
                    counts[code] = counts.get(code, 0) + 1
            for code in sorted(counts):
                rows.append([c["name"], unit, group, period, code, counts[code], repr(100 * counts[code] / len(selected))])
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input_dir")
    ap.add_argument("output_dir")
    ap.add_argument("--config", required=True)
    args = ap.parse_args()
    config = json.load(open(args.config))
    kind = config.get("exit", {}).get("kind", "register")
    measures = set(config.get("exit", {}).get("measures", []))
    arena, aa, ytelse, first, last = load(args.input_dir)
    exits = find_exits(arena, aa, ytelse, first, last, kind, measures)
    os.makedirs(args.output_dir, exist_ok=True)

    def write(name, header, rows):
        write_csv(args.output_dir, name, header, rows)

    write("comparison_benefits.csv", ["comparison", "unit", "group", "period", "benefit", "count", "pct"],
          code_rows(config, exits, {"work_benefit"}, lambda e: ytelse[e[1] + H].get(e[0], set())))
    write("comparison_measures.csv", ["comparison", "unit", "group", "period", "tiltak", "count", "pct"],
          code_rows(config, exits, {"work_only", "work_benefit"},
                    lambda e: [r["tiltak"] for r in [arena[e[1] + H].get(e[0])] if r is not None and r["tiltak"] != ""]))

    groups = {}
    for e in exits:
        groups.setdefault((e[1], STATUSES.index(e[2]), e[4]["tiltak"] if kind == "measure" else ""), []).append(e[5])
    write("exit_durations.csv", ["exit_month", "exit_status", "tiltak", "exits", "mean_months", "median_months"],
          [[month_label(m), STATUSES[s], code, len(v), repr(statistics.mean(v) * 1.0), repr(statistics.median(v) * 1.0)]
           for (m, s, code), v in sorted(groups.items())])

    headline = {"work_only": "work", "work_benefit": "work_benefit", "disability": "disability"}
    cells = {}
    for e in exits:
        label = next(i for i, (top, _) in enumerate(CLASSES) if e[5] <= top)
        cells.setdefault((e[1], STATUSES.index(e[2]), label), []).append(headline.get(e[3], "other"))
    rows = []
    for (m, s, label), outcomes in sorted(cells.items()):
        for o in OUTCOMES:
            n = outcomes.count(o)
            rows.append([month_label(m), STATUSES[s], CLASSES[label][1], o, n, len(outcomes), repr(100 * n / len(outcomes))])
    write("exit_cohorts_by_varighet.csv", ["exit_month", "exit_status", "varighet", "outcome", "count", "exits", "pct"], rows)


if __name__ == "__main__":
    main()
