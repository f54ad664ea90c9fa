#!/usr/bin/env python3
"""The report's share-in-work charts, computed independently from the published tables of
sample-data (the sample-expected fixtures): per exit month, 100 × exits in work / exits,
nationally per exit status (exit_cohorts.csv) and per office over both exit statuses
(exit_cohorts_by_enhet.csv, offices 0301 and 0219 of the comparison `example`).

Usage (from this folder): python3 work_share.py > work_share.csv
"""
import csv
from collections import defaultdict

EXPECTED = "../sample-expected"


def shares(path, key):
    work, exits = defaultdict(int), defaultdict(int)
    with open(f"{EXPECTED}/{path}", newline="") as f:
        for row in csv.DictReader(f):
            if row["outcome"] != "work" or key(row) is None:
                continue
            k = (key(row), row["exit_month"])
            work[k] += int(row["count"])
            exits[k] += int(row["exits"])
    return {k: 100 * work[k] / exits[k] for k in work if exits[k] > 0}


out = csv.writer(open(1, "w", newline=""), lineterminator="\n")
out.writerow(["series", "exit_month", "pct"])
national = shares("exit_cohorts.csv", lambda r: r["exit_status"])
offices = shares("exit_cohorts_by_enhet.csv", lambda r: r["enhet"] if r["enhet"] in ("0301", "0219") else None)
for (series, month), pct in sorted({**national, **offices}.items()):
    out.writerow([series, month, repr(pct)])
