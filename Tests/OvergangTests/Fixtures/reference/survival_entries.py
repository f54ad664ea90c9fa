#!/usr/bin/env python3
"""Independent reference for survival_entries.csv and survival_profile.csv (spec:
definitions.md §5 entries into the unit's target group, §7a the tables; interface.md columns),
written from the spec, sharing only the extract reader and the age groups with exit_cohorts.py.

Usage: python3 survival_entries.py INPUT_DIR OUTPUT_DIR [--unit 4154] [--min-age 30] [--max-age 59]
                                   [--period baseline=2021-03..2021-11 --period comparison=2023-03..2023-11]

Standard library only; valid extracts assumed. An entry in m: ARBS, IKVAL and min <= alder <= max
in m, and no row in m-1 nor m-2 (route new), or IVURD in m-1 (assessment), or VURDI/VURDU in
m-1 (sick_leave); m-1 and m-2 must be months of the data. Entries: per period and month with
any entry, every route and at_unit yes/no (zeros written). Profile: per period and population
(all, unit = enhet in m is the unit), every value of kjonn (K, M), the age groups between the
ages, utdanning (G, V, H4, H5, unknown), innvandrer (J, N, unknown), permittert (J, N) and route;
pct = 100 * count / entries of the population, empty without entries.
"""
import argparse
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exit_cohorts import age_group, load, month_index, month_label  # noqa: E402

AGE_ORDER = ["<20", "20-24", "25-29", "30-39", "40-49", "50-59", "60+"]
ROUTES = ["new", "assessment", "sick_leave"]


def route_of(arena, first, m, p, row, unit_ages):
    min_age, max_age = unit_ages
    if row["hovedstatus"] != "ARBS" or row["innsatsgruppe"] != "IKVAL":
        return None
    if not (min_age <= int(row["alder"]) <= max_age) or m - 2 < first:
        return None
    before = arena[m - 1].get(p)
    if before is None:
        return "new" if p not in arena[m - 2] else None
    if before["innsatsgruppe"] == "IVURD":
        return "assessment"
    if before["innsatsgruppe"] in ("VURDI", "VURDU"):
        return "sick_leave"
    return None


def pct_text(n, total):
    if total == 0:
        return ""
    x = 100 * n / total
    return "0" if x == 0 else repr(x)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input_dir")
    ap.add_argument("output_dir")
    ap.add_argument("--unit", default="4154")
    ap.add_argument("--min-age", type=int, default=30)
    ap.add_argument("--max-age", type=int, default=59)
    ap.add_argument("--period", action="append")
    args = ap.parse_args()
    periods = []
    for text in args.period or ["baseline=2021-03..2021-11", "comparison=2023-03..2023-11"]:
        name, span = text.split("=")
        lo, hi = span.split("..")
        periods.append((name, month_index(lo.replace("-", "")), month_index(hi.replace("-", ""))))
    arena, _, _, first, last = load(args.input_dir)
    unit = args.unit.zfill(4)

    entries = []  # (period, month, route, at_unit, values)
    for name, lo, hi in periods:
        for m in range(max(lo, first), min(hi, last) + 1):
            for p, row in arena[m].items():
                route = route_of(arena, first, m, p, row, (args.min_age, args.max_age))
                if route is None:
                    continue
                values = {"kjonn": row["kjonn"], "aldersgruppe": age_group(row["alder"]),
                          "utdanning": row["utdanning"] or "unknown", "innvandrer": row["innvandrer"] or "unknown",
                          "permittert": row["permittert"], "route": route}
                entries.append((name, m, route, row["enhet"].zfill(4) == unit, values))

    os.makedirs(args.output_dir, exist_ok=True)
    with open(os.path.join(args.output_dir, "survival_entries.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["period", "entry_month", "route", "at_unit", "count"])
        for name, _, _ in periods:
            mine = [e for e in entries if e[0] == name]
            for m in sorted({e[1] for e in mine}):
                for route in ROUTES:
                    for at_unit in (True, False):
                        n = sum(1 for e in mine if e[1] == m and e[2] == route and e[3] == at_unit)
                        w.writerow([name, month_label(m), route, "yes" if at_unit else "no", n])

    ages = [g for g in AGE_ORDER if AGE_ORDER.index(age_group(args.min_age)) <= AGE_ORDER.index(g) <= AGE_ORDER.index(age_group(args.max_age))]
    levels = [("kjonn", ["K", "M"]), ("aldersgruppe", ages), ("utdanning", ["G", "V", "H4", "H5", "unknown"]),
              ("innvandrer", ["J", "N", "unknown"]), ("permittert", ["J", "N"]), ("route", ROUTES)]
    with open(os.path.join(args.output_dir, "survival_profile.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["period", "population", "characteristic", "value", "count", "pct"])
        for name, _, _ in periods:
            for population in ("all", "unit"):
                members = [e for e in entries if e[0] == name and (population == "all" or e[3])]
                for characteristic, values in levels:
                    for value in values:
                        n = sum(1 for e in members if e[4][characteristic] == value)
                        w.writerow([name, population, characteristic, value, n, pct_text(n, len(members))])


if __name__ == "__main__":
    main()
