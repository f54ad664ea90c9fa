"""Checks that two exit_cohorts.csv tables hold the same rows: counts exactly, shares to 1e-9.

    python3 bench/compare_tables.py OVERGANG.csv DUCKDB.csv
"""
import csv
import sys


def rows(path):
    with open(path, newline="") as f:
        return {(r["exit_month"], r["exit_status"], r["outcome"]): r for r in csv.DictReader(f)}


a, b = rows(sys.argv[1]), rows(sys.argv[2])
problems = [k for k in a.keys() ^ b.keys()]
for k in a.keys() & b.keys():
    x, y = a[k], b[k]
    if x["count"] != y["count"] or x["exits"] != y["exits"]:
        problems.append(k)
    elif (x["pct"] == "") != (y["pct"] == "") or (x["pct"] and abs(float(x["pct"]) - float(y["pct"])) > 1e-9):
        problems.append(k)
print(f"tables: {len(a)} rows; {'identical' if not problems else f'{len(problems)} rows differ, e.g. {sorted(problems)[:3]}'}")
sys.exit(1 if problems else 0)
