#!/usr/bin/env python3
"""Independent reference for the difference-in-differences of comparisons.csv
(definitions.md section 4). Reads cases.csv, writes expected.csv.
Undefined values are empty fields; numbers are written with repr(float)."""
import csv
import math
import os

import numpy as np
from scipy.stats import norm

Z95 = 1.959963984540054
HERE = os.path.dirname(os.path.abspath(__file__))
CELLS = ("tb", "tc", "cb", "cc")
COLUMNS = ["case", "se", "treatment_baseline_pct", "treatment_comparison_pct",
           "treatment_change_pp", "control_baseline_pct", "control_comparison_pct",
           "control_change_pp", "did_pp", "se_pp", "ci_low_pp", "ci_high_pp", "z",
           "p_one_sided", "did_pct"]


def sub(a, b):
    return None if a is None or b is None else a - b


def close(a, b, rel=1e-12):
    return abs(a - b) <= rel * max(abs(a), abs(b)) or a == b


def compute(row):
    method = row["se"]
    n = {c: int(row[c + "_n"]) for c in CELLS}
    k = {c: int(row[c + "_count"]) for c in CELLS}
    for c in CELLS:
        assert 0 <= k[c] <= n[c], (row["case"], c)
    p = {c: (k[c] / n[c] if n[c] > 0 else None) for c in CELLS}
    pct = {c: (None if p[c] is None else 100.0 * p[c]) for c in CELLS}

    t_change = sub(pct["tc"], pct["tb"])
    c_change = sub(pct["cc"], pct["cb"])
    did = sub(t_change, c_change)

    if method == "binomial":
        if any(p[c] is None for c in CELLS):
            se = None
        else:
            var = sum(p[c] * (1.0 - p[c]) / n[c] for c in CELLS)
            se = 100.0 * math.sqrt(var)
            # second way: vectorised with numpy
            pv = np.array([p[c] for c in CELLS], dtype=float)
            nv = np.array([n[c] for c in CELLS], dtype=float)
            se_np = float(100.0 * np.sqrt(np.sum(pv * (1.0 - pv) / nv)))
            assert close(se, se_np), (row["case"], se, se_np)
    elif method == "baseline-counts":
        if n["tb"] == 0 or n["cb"] == 0:
            se = None
        else:
            se = 100.0 * math.sqrt(1.0 / n["tb"] + 1.0 / n["cb"])
    else:
        raise ValueError("unknown se method: " + method)

    if did is None or se is None:
        lo = hi = z = pval = None
    else:
        lo = did - Z95 * se
        hi = did + Z95 * se
        if se == 0.0:
            z = pval = None
        else:
            z = did / se
            pval = float(norm.sf(abs(z)))
            p_erfc = 0.5 * math.erfc(abs(z) / math.sqrt(2.0))
            assert close(pval, p_erfc), (row["case"], pval, p_erfc)

    tb = pct["tb"]
    did_pct = None if did is None or tb is None or tb == 0.0 else 100.0 * did / tb

    return [row["case"], method, pct["tb"], pct["tc"], t_change, pct["cb"], pct["cc"],
            c_change, did, se, lo, hi, z, pval, did_pct]


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    assert math.isfinite(v), v
    if v == 0.0:
        v = 0.0  # never write -0.0
    return repr(float(v))


def main():
    with open(os.path.join(HERE, "cases.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    with open(os.path.join(HERE, "expected.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for row in rows:
            w.writerow([fmt(v) for v in compute(row)])


if __name__ == "__main__":
    main()
