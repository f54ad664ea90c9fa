#!/usr/bin/env python3
"""Independent reference for the exit-cohort tables' options (interface.md "Additions
(December 2026)"): `cohorts.filter`, crossed `cohorts.breakdowns` and `cohorts.periods`.

Usage: python3 cohort_tables.py INPUT_DIR COHORTS_JSON OUTPUT_DIR

Standard library only. The exits and their status come from the reference oracle
`../reference/exit_cohorts.py` (written from definitions.md §1-§2, not from the Swift code);
everything else is written here from the spec and the README:
- the filter keeps the exits whose exit-month row has one of the listed values of each listed
  attribute (values as the tables write them; "" is an empty field) and whose `alder` is in
  [from, to], both ends included;
- a crossed entry `a×b` (or `a*b`) gives `exit_cohorts_by_a_x_b.csv` with columns a, b;
- a quarter (year) is tabulated when all its 3 (12) months are complete months
  (first month of data .. last month - max(quiet months, horizon)); labels `2022-Q1`, `2022`;
- file names: `exit_cohorts[_quarterly|_yearly][_detailed|_by_<b>].csv`.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "reference"))
from exit_cohorts import DETAILS, HEADLINE, OUTCOMES, STATUSES, age_group, cells, find_exits, month_label, write_csv  # noqa: E402

AGE_ORDER = ["<20", "20-24", "25-29", "30-39", "40-49", "50-59", "60+"]
PERIODS = {"month": ("exit_month", ""), "quarter": ("exit_quarter", "_quarterly"), "year": ("exit_year", "_yearly")}


def value(row, attribute):
    return age_group(row["alder"]) if attribute == "aldersgruppe" else row[attribute]


def admitted(row, flt):
    for attribute, values in flt.items():
        if attribute == "alder":
            age = int(row["alder"])
            if not (values.get("from", 0) <= age <= values.get("to", 10 ** 6)):
                return False
        elif values and value(row, attribute) not in values:
            return False
    return True


def period_label(m, period):
    label = month_label(m)
    if period == "month":
        return label
    if period == "quarter":
        return "%s-Q%d" % (label[:4], (int(label[5:]) - 1) // 3 + 1)
    return label[:4]


def sort_value(attribute, v):
    # Age groups in age order; other values by their UTF-8 bytes (as the README says).
    return (AGE_ORDER.index(v), b"") if attribute == "aldersgruppe" else (0, v.encode())


def main():
    input_dir, config_path, out = sys.argv[1:4]
    cohorts = json.load(open(config_path, encoding="utf-8"))["cohorts"]
    exits, _, _, first, last = find_exits(input_dir)
    write_tables(exits, range(first, last - 2 + 1), cohorts, out)  # quiet months 2, horizon 2


def write_tables(exits, complete, cohorts, out, details=DETAILS, class_of=HEADLINE):
    """The cohort tables of `exits` (as find_exits gives them) over the complete months;
    `details`: the detailed statuses in table order, `class_of`: each one's headline class
    (missing: other)."""
    exits = [e for e in exits if admitted(e[3], cohorts.get("filter", {}))]
    complete = list(complete)
    os.makedirs(out, exist_ok=True)

    def write(name, header, rows):
        write_csv(out, name, header, rows)

    def headline(e):
        return class_of.get(e[2], "other")

    for period in ["month"] + [p for p in ("quarter", "year") if p in cohorts.get("periods", [])]:
        column, tag = PERIODS[period]
        months_of = {}
        for m in complete:
            months_of.setdefault(period_label(m, period), []).append(m)
        size = {"month": 1, "quarter": 3, "year": 12}[period]
        labels = [p for p in months_of if len(months_of[p]) == size]  # complete periods, in time order
        label_of = {m: p for p in labels for m in months_of[p]}
        tabulated = [e for e in exits if e[0] in label_of]

        for name, col, classify, classes in [("exit_cohorts%s.csv", "outcome", headline, OUTCOMES),
                                             ("exit_cohorts%s_detailed.csv", "outcome_detail", lambda e: e[2], details)]:
            rows = []
            for p in labels:
                for s in STATUSES:
                    selected = [e for e in tabulated if label_of[e[0]] == p and e[1] == s]
                    rows += [[p, s] + c for c in cells(selected, classify, classes)]
            write(name % tag, [column, "exit_status", col, "count", "exits", "pct"], rows)

        for entry in cohorts.get("breakdowns", ["enhet", "fylke", "kjonn", "aldersgruppe", "innsatsgruppe"]):
            attributes = entry.replace("*", "×").split("×")
            groups = {}
            for e in tabulated:
                key = (labels.index(label_of[e[0]]), STATUSES.index(e[1])) + tuple(value(e[3], a) for a in attributes)
                groups.setdefault(key, []).append(e)
            rows = []
            for key in sorted(groups, key=lambda k: k[:2] + tuple(sort_value(a, v) for a, v in zip(attributes, k[2:]))):
                rows += [[labels[key[0]], STATUSES[key[1]]] + list(key[2:]) + c for c in cells(groups[key], headline, OUTCOMES)]
            write("exit_cohorts%s_by_%s.csv" % (tag, "_x_".join(attributes)),
                  [column, "exit_status"] + attributes + ["outcome", "count", "exits", "pct"], rows)


if __name__ == "__main__":
    main()
