"""The whole-set check of the disclosure model, by hand (not run by `swift test`).

`IntervalAudit` solves sets of more than 400 tied blanks by blocks (outer bounds). This script
solves every blank's range on its whole set with scipy's linprog (HiGHS), from the intruder's
equations that `DisclosureAuditTests.testExportForTheWholeSetCheck` writes:

    OVERGANG_AUDIT_EXPORT=/tmp/audit swift test --filter testExportForTheWholeSetCheck
    python3 whole_set_audit.py /tmp/audit/audit-5.json [--large-only] [--sample N]

(`--sample N`: N blanks drawn at random from each set, for sets whose whole check would take
hours) and prints, per set size class, how many blanks are exact or narrower than the limit (with the
first few, named by table, row and column; never a person). ~40 ms a blank on a set of 3 400.
Needs numpy and scipy.
"""
import json
import math
import random
import sys

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix


def sets(unknowns, equations):
    """Lists of unknowns tied by shared equations, and the equations of each (by root)."""
    parent = list(range(unknowns))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for e in equations:
        first = e["terms"][0][0]
        for u, _ in e["terms"][1:]:
            ra, rb = find(first), find(u)
            if ra != rb:
                parent[ra] = rb
    members, rows = {}, {}
    for u in range(unknowns):
        members.setdefault(find(u), []).append(u)
    for i, e in enumerate(equations):
        rows.setdefault(find(e["terms"][0][0]), []).append(i)
    return members, rows


def ranges(us, es, equations, asked):
    """The lowest and highest value on the whole set (None: unbounded) of each unknown asked."""
    column = {u: k for k, u in enumerate(us)}
    r, c, v = [], [], []
    for row, i in enumerate(es):
        for u, a in equations[i]["terms"]:
            r.append(row), c.append(column[u]), v.append(a)
    A = csr_matrix((v, (r, c)), shape=(len(es), len(us)))
    b = np.array([equations[i]["constant"] for i in es])
    out = {}
    for u in asked:
        objective = np.zeros(len(us))
        objective[column[u]] = 1
        low = linprog(objective, A_eq=A, b_eq=b, bounds=(0, None), method="highs")
        high = linprog(-objective, A_eq=A, b_eq=b, bounds=(0, None), method="highs")
        if low.status != 0:
            raise SystemExit(f"set of {len(us)}: no feasible solution ({low.message})")
        out[u] = (low.fun, -high.fun if high.status == 0 else None)
    return out


def main():
    data = json.load(open(sys.argv[1]))
    large_only = "--large-only" in sys.argv
    sample = int(sys.argv[sys.argv.index("--sample") + 1]) if "--sample" in sys.argv else None
    random.seed(7)
    limit = data["limit"]
    members, rows = sets(data["unknowns"], data["equations"])
    for label, keep in [("sets of at most 400", lambda n: n <= 400), ("sets of more than 400", lambda n: n > 400)]:
        if large_only and label.startswith("sets of at most"):
            continue
        blanks = narrow = exact = 0
        for root, us in members.items():
            if not keep(len(us)) or root not in rows:
                continue
            valued = [u for u in us if data["values"][u] is not None]
            asked = random.sample(valued, min(sample, len(valued))) if sample else valued
            for u, (low, high) in ranges(us, rows[root], data["equations"], asked).items():
                if data["values"][u] is None:
                    continue
                blanks += 1
                width = (high if high is not None else math.inf) - low
                exact += width < 1e-6
                if width < limit - 1e-6:
                    narrow += 1
                    if narrow <= 10:
                        print(f"  narrow: {data['names'][u]} = {data['values'][u]} in [{low:g}, {high}]")
        print(f"limit {limit}, {label}: {blanks} blanks, {narrow} narrower than the limit, {exact} exact")


if __name__ == "__main__":
    main()
