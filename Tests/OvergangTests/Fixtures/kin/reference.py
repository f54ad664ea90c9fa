#!/usr/bin/env python3
"""Expected comparisons.csv rows of the KIN replication example, from the published counts alone.

Usage (from this folder): python3 reference.py   → expected.csv

Input: published/table_2-1_counts.csv (the KIN final report's table 2-1) and offices.csv.
For each pair and for all pairs together ('total': the cells' counts summed), and for each
measure (work = 'I arbeid', work_benefit = 'Arbeid og ytelse', work_total = 'Arbeid i alt'),
the figures of definitions.md §4 with both SE methods, by the independent formulas of
../did/reference.py (numpy/scipy). Numbers are repr(float); empty = undefined.
"""
import csv
import importlib.util
import os

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("did", os.path.join(HERE, "..", "did", "reference.py"))
did = importlib.util.module_from_spec(spec)
spec.loader.exec_module(did)

CELL = {("treatment", "baseline"): "tb", ("treatment", "comparison"): "tc",
        ("control", "baseline"): "cb", ("control", "comparison"): "cc"}
MEASURES = ("work", "work_benefit", "work_total")
COMPARISONS = {"kin": "baseline-counts", "kin_binomial": "binomial"}

MARKS = [(1.29, "*"), (1.65, "**"), (2.33, "***"), (3.12, "#")]   # the report's footnote to table 2-4
offices = {row["office"]: row for row in csv.DictReader(open(os.path.join(HERE, "offices.csv"), newline=""))}
units = {}   # unit -> cell -> (exits, {measure: count})
with open(os.path.join(HERE, "published", "table_2-1_counts.csv"), newline="") as f:
    for row in csv.DictReader(f):
        if row["office"] == "I alt":
            continue   # the sums of the offices (make_extracts.py checks it); 'total' is summed here
        office = offices[row["office"]]
        cell = CELL[(row["group"], row["period"])]
        if row["group"] == "treatment":
            units.setdefault(office["pair"], {})["unit"] = office["enhet"]
        for unit in (office["pair"], "total"):
            n, counts = units.setdefault(unit, {}).get(cell, (0, {m: 0 for m in MEASURES}))
            n += int(row["exits"])
            counts["work"] += int(row["work"])
            counts["work_benefit"] += int(row["work_benefit"])
            counts["work_total"] += int(row["work"]) + int(row["work_benefit"])
            units[unit][cell] = (n, counts)


def mark(z):
    """The symbol of the largest threshold <= |z| (definitions.md §7b); empty below all."""
    if z is None:
        return ""
    passed = [symbol for threshold, symbol in MARKS if abs(z) >= threshold]
    return passed[-1] if passed else ""

def text(v):
    return "" if v is None else repr(float(v)) if not isinstance(v, str) else v

rows = []
for name, method in COMPARISONS.items():
    for key in [k for k in units if k != "total"] + ["total"]:
        cells = units[key]
        unit = cells.get("unit", "total")
        for measure in MEASURES:
            case = {"case": f"{name}/{unit}/{measure}", "se": method}
            for c in ("tb", "tc", "cb", "cc"):
                n, counts = cells[c]
                case[c + "_n"], case[c + "_count"] = n, counts[measure]
            out = did.compute(case)
            rows.append([name, unit, measure] + [text(v) for v in out[2:]] +
                        [case[c + k] for c in ("tb", "tc", "cb", "cc") for k in ("_n", "_count")] +
                        [mark(out[12]) if name == "kin" else ""])

with open(os.path.join(HERE, "expected.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["comparison", "unit", "measure"] + did.COLUMNS[2:] +
               ["treatment_baseline_exits", "treatment_baseline_count", "treatment_comparison_exits",
                "treatment_comparison_count", "control_baseline_exits", "control_baseline_count",
                "control_comparison_exits", "control_comparison_count", "mark"])
    w.writerows(rows)
