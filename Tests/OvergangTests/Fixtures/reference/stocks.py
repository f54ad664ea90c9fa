#!/usr/bin/env python3
"""Independent reference for the stock tables (spec: definitions.md §6, interface.md
`stocks_by_<breakdown>.csv`), written from the spec, sharing only the extract reader with
exit_cohorts.py.

Usage: python3 stocks.py INPUT_DIR OUTPUT_DIR [--breakdowns enhet,aldersgruppe] [--statuses ARBS,NEDS]

Standard library only; valid extracts assumed. For each month of the input and each value of
the breakdown that has a row that month: one row per hovedstatus (ARBS, NEDS, IARBS, zeros
included, tiltak empty) with the persons of that status, followed, for a registered status, by
one row per measure code (count > 0, codes sorted) with the registered persons of that status
taking part in it. pct = 100 * count / persons registered (statuses in --statuses) that month
with that value; empty for a status that is not registered, or when nobody is registered.
pct_of_measures (definitions.md §7b), on measure rows only: 100 * count / the registered
persons of that month and value who are in any measure. After the values of a month, the same
rows for the value `total`: all persons of the month, whatever their value.
"""
import argparse
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exit_cohorts import age_group, load, month_label  # noqa: E402

STATUS_ORDER = ["ARBS", "NEDS", "IARBS"]
AGE_ORDER = ["<20", "20-24", "25-29", "30-39", "40-49", "50-59", "60+"]


def value_of(row, breakdown):
    return age_group(row["alder"]) if breakdown == "aldersgruppe" else row[breakdown]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--breakdowns", default="enhet")
    parser.add_argument("--statuses", default="ARBS,NEDS")
    args = parser.parse_args()
    registered = args.statuses.split(",")
    arena, _, _, first, last = load(args.input)
    os.makedirs(args.output, exist_ok=True)
    for breakdown in args.breakdowns.split(","):
        out = []
        for m in range(first, last + 1):
            persons = {}  # value -> status -> count; value -> (status, tiltak) -> count
            measures = {}
            for row in arena[m].values():
                v = value_of(row, breakdown)
                s = row["hovedstatus"]
                persons.setdefault(v, {}).setdefault(s, 0)
                persons[v][s] += 1
                if s in registered and row["tiltak"] != "":
                    key = (s, row["tiltak"])
                    measures.setdefault(v, {}).setdefault(key, 0)
                    measures[v][key] += 1
            values = sorted(persons, key=AGE_ORDER.index) if breakdown == "aldersgruppe" else sorted(persons)
            if persons:  # the national series: every row of the month under one value
                persons["total"], measures["total"] = {}, {}
                for row in arena[m].values():
                    s = row["hovedstatus"]
                    persons["total"][s] = persons["total"].get(s, 0) + 1
                    if s in registered and row["tiltak"] != "":
                        measures["total"][(s, row["tiltak"])] = measures["total"].get((s, row["tiltak"]), 0) + 1
                values.append("total")
            for v in values:
                n_registered = sum(persons[v].get(s, 0) for s in registered)
                n_in_measures = sum(measures.get(v, {}).values())

                def pct(count, status):
                    if status not in registered or n_registered == 0:
                        return ""
                    return repr(100 * count / n_registered)

                for s in STATUS_ORDER:
                    count = persons[v].get(s, 0)
                    out.append([month_label(m), v, s, "", count, pct(count, s), ""])
                    for (status, tiltak), count in sorted(measures.get(v, {}).items()):
                        if status == s:
                            out.append([month_label(m), v, s, tiltak, count, pct(count, s), repr(100 * count / n_in_measures)])
        with open(os.path.join(args.output, "stocks_by_%s.csv" % breakdown), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["month", breakdown, "hovedstatus", "tiltak", "count", "pct", "pct_of_measures"])
            w.writerows(out)


if __name__ == "__main__":
    main()
