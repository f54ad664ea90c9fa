#!/usr/bin/env python3
"""Reference for the report's measure-stock chart (examples/kin.json on the KIN fixture):
per month and office, and nationally ("total"), the per cent of the registered (ARBS, NEDS)
in a measure at month end who are in AVKLARAG or KIN. Read straight from the arena extracts,
not from the run's tables. Writes measure_stock.csv (month,enhet,share)."""
import csv, glob, gzip, io, os

here = os.path.dirname(os.path.abspath(__file__))
extracts = os.path.join(here, "..", "kin", "extracts")
codes = {"AVKLARAG", "KIN"}
out = []
for path in sorted(glob.glob(os.path.join(extracts, "arena_*.csv.gz"))):
    month = os.path.basename(path)[6:12]
    month = month[:4] + "-" + month[4:]
    stock, chosen = {}, {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter=";"):
            if row["hovedstatus"] not in ("ARBS", "NEDS") or not row["tiltak"]:
                continue
            for unit in (row["enhet"], "total"):
                stock[unit] = stock.get(unit, 0) + 1
                chosen[unit] = chosen.get(unit, 0) + (row["tiltak"] in codes)
    for unit in sorted(stock):
        out.append((month, unit, repr(100.0 * chosen[unit] / stock[unit])))
with open(os.path.join(here, "measure_stock.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["month", "enhet", "share"])
    w.writerows(out)
