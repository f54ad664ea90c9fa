"""Independent reference for IntervalAuditTests: each unknown's lowest and highest value by
scipy.optimize.linprog (HiGHS), subject to the equations and every unknown >= 0.

Writes cases.json: a list of cases, each {name, unknowns, equations: [{terms: [[unknown,
coefficient], ...], constant}], intervals: [[low, high or null], ...], inconsistent: [[equation
indexes], ...]} and, for some hand cases, objectives: [{objective, max, min}] (null when
unbounded) for LinearProgram itself.

The cases: (a) small hand cases (2x2 tables with margins and two or four blanks, one blank in
a sum, a sum of 0, unbounded unknowns, inconsistent equations, fractional coefficients and
bounds, duplicate and zero terms, Beale's cycling example); (b) random table-like problems
with true integer counts (one of 617 unknowns, 522 of them in one component): statuses
adding up to exits (and detailed statuses to classes), breakdown values to the national
cells, months to quarters and quarters to a year; cells below a limit and a share of others
blanked, the published ones substituted as constants;
(c) one problem of 2000+ unknowns in many components (shuffled unknowns and equations, a few
unknowns in no equation, one inconsistent component).

Components (unknowns linked by shared equations) are found here on their own (breadth-first)
and solved apart; the inconsistent ones are those where linprog finds no feasible point.
Run: python3 make.py (deterministic; needs numpy and scipy). CI needs no Python.
"""
import itertools
import json
import random

import numpy as np
from scipy.optimize import linprog


def components(unknowns, equations):
    """Lists of equation indexes, by first equation; equations without non-zero terms alone."""
    by_unknown = {}
    for e, eq in enumerate(equations):
        for u, c in eq["terms"]:
            if c != 0:
                by_unknown.setdefault(u, []).append(e)
    seen, out = set(), []
    for e in range(len(equations)):
        if e in seen:
            continue
        group, queue = [], [e]
        seen.add(e)
        while queue:
            f = queue.pop()
            group.append(f)
            for u, c in equations[f]["terms"]:
                if c == 0:
                    continue
                for g in by_unknown[u]:
                    if g not in seen:
                        seen.add(g)
                        queue.append(g)
        out.append(sorted(group))
    return out


def solve(A, b, c):
    """linprog's optimum of c.x (minimised), None when unbounded."""
    r = linprog(c, A_eq=A, b_eq=b, bounds=(0, None), method="highs")
    if r.status == 3:
        return None
    assert r.status == 0, r.message
    return float(r.fun)


def reference(unknowns, equations):
    intervals = [[0.0, None] for _ in range(unknowns)]
    inconsistent = []
    for group in components(unknowns, equations):
        members = sorted({u for e in group for u, c in equations[e]["terms"] if c != 0})
        column = {u: i for i, u in enumerate(members)}
        A = np.zeros((len(group), len(members)))
        for r, e in enumerate(group):
            for u, c in equations[e]["terms"]:
                if c != 0:
                    A[r, column[u]] += c
        b = np.array([equations[e]["constant"] for e in group], dtype=float)
        if not members:
            if b[0] != 0:
                inconsistent.append(group)
            continue
        feasible = linprog(np.zeros(len(members)), A_eq=A, b_eq=b, bounds=(0, None), method="highs")
        if feasible.status == 2:
            inconsistent.append(group)
            continue
        assert feasible.status == 0, feasible.message
        for u, i in column.items():
            unit = np.zeros(len(members))
            unit[i] = 1
            low = solve(A, b, unit)
            high = solve(A, b, -unit)
            intervals[u] = [max(0.0, low), None if high is None else -high]
    return intervals, inconsistent


def equation(terms, constant):
    return {"terms": [[u, c] for u, c in terms], "constant": constant}


def hand_cases():
    # a b | 10    a=3 b=7 c=2 d=8
    # c d | 10
    # 5 15 | 20
    E = equation
    cases = [
        ("2x2, four blanks", 4, [E([(0, 1), (1, 1)], 10), E([(2, 1), (3, 1)], 10),
                                E([(0, 1), (2, 1)], 5), E([(1, 1), (3, 1)], 15),
                                E([(0, 1), (1, 1), (2, 1), (3, 1)], 20)]),
        ("2x2, two blanks in a row", 2, [E([(0, 1), (1, 1)], 10), E([(0, 1)], 5 - 2), E([(1, 1)], 15 - 8)]),
        ("2x2, two blanks on a diagonal", 2, [E([(0, 1)], 10 - 7), E([(1, 1)], 10 - 2),
                                             E([(0, 1)], 5 - 2), E([(1, 1)], 15 - 7)]),
        ("one blank in a sum", 1, [E([(0, 1)], 12 - 5 - 3)]),
        ("a sum of 0", 3, [E([(0, 1), (1, 1), (2, 1)], 0)]),
        ("a blanked total and part, and an unknown in no equation", 3, [E([(0, 1), (1, -1)], 3)]),
        ("a negative constant", 2, [E([(0, 1), (1, -1)], -4), E([(1, 1)], 9)]),
        ("inconsistent beside consistent", 4, [E([(0, 1), (1, 1)], 5), E([(2, 1), (3, 1)], 4), E([(0, 1)], 7)]),
        ("a sum below 0", 2, [E([(0, 1), (1, 1)], -2)]),
        ("fractional coefficients, exact", 2, [E([(0, 2), (1, 1)], 7), E([(0, 1), (1, 2)], 8)]),
        ("a fractional bound", 2, [E([(0, 2), (1, 2)], 5)]),
        ("duplicate and zero terms, empty equations", 3, [E([(0, 1), (0, 1), (2, 0)], 4), E([], 0),
                                                          E([(1, 0)], 0), E([(1, 1), (2, 1)], 6)]),
        ("an empty equation with a constant", 1, [E([], 3), E([(0, 1)], 2)]),
    ]
    out = [case(name, n, eqs) for name, n, eqs in cases]
    out.append(beale())
    return out


def beale():
    """Beale's example (cycles under Dantzig's rule with a naive tie rule), slacks x0..x2."""
    q = 0.25
    eqs = [equation([(3, q), (4, -8), (5, -1), (6, 9), (0, 1)], 0),
           equation([(3, 0.5), (4, -12), (5, -0.5), (6, 3), (1, 1)], 0),
           equation([(5, 1), (2, 1)], 1)]
    c = [0, 0, 0, 0.75, -20, 0.5, -6]
    item = case("Beale's cycling example", 7, eqs)
    A = np.array([[dict(e["terms"]).get(j, 0) for j in range(7)] for e in eqs], dtype=float)
    b = np.array([e["constant"] for e in eqs], dtype=float)
    high, low = solve(A, b, -np.array(c)), solve(A, b, np.array(c))
    item["objectives"] = [{"objective": c, "max": None if high is None else -high, "min": low}]
    return item


def case(name, unknowns, equations):
    intervals, inconsistent = reference(unknowns, equations)
    return {"name": name, "unknowns": unknowns, "equations": equations,
            "intervals": intervals, "inconsistent": inconsistent}


def dimension(kind, rng, size=None):
    """(categories, relations [(total, parts)]) of one dimension of a table set; `size`: the
    number of breakdown values or quarters, else drawn."""
    if kind == "breakdown":
        values = [f"v{i}" for i in range(size or rng.randint(2, 6))]
        return values + ["national"], [("national", values)]
    if kind == "period":
        quarters = size or rng.randint(1, 3)
        months = [f"m{i}" for i in range(3 * quarters)]
        qs = [f"q{i}" for i in range(quarters)]
        relations = [(qs[i], months[3 * i:3 * i + 3]) for i in range(quarters)]
        if quarters > 1:
            relations += [("year", qs), ("year", months)]
            qs = qs + ["year"]
        return months + qs, relations
    statuses = [f"s{i}" for i in range(rng.randint(3, 6))]
    relations = [("exits", statuses)]
    if rng.random() < 0.5:
        classes = {"c0": statuses[:2], "c1": statuses[2:]}
        relations += [(c, parts) for c, parts in classes.items()] + [("exits", list(classes))]
        return statuses + list(classes) + ["exits"], relations
    return statuses + ["exits"], relations


def leaves(relations, category):
    """The base categories a category adds up (itself when it is one)."""
    for total, parts in relations:
        if total == category:
            return [leaf for p in parts for leaf in leaves(relations, p)]
    return [category]


def table_problem(rng, kinds, limit, extra_share, sizes=None):
    dims = [dimension(k, rng, size) for k, size in zip(kinds, sizes or [None] * len(kinds))]
    base_cats = [[c for c in cats if leaves(rel, c) == [c]] for cats, rel in dims]
    lam = rng.choice([1.5, 3, 6, 12])
    base = {key: np.random.default_rng(rng.randrange(1 << 30)).poisson(lam) for key in itertools.product(*base_cats)}
    value = {}
    for key in itertools.product(*[cats for cats, _ in dims]):
        expanded = itertools.product(*[leaves(rel, c) for c, (_, rel) in zip(key, dims)])
        value[key] = int(sum(base[k] for k in expanded))
    blanked = [k for k, v in value.items() if v < limit or rng.random() < extra_share]
    index = {k: i for i, k in enumerate(blanked)}
    equations = []
    for d, (cats, relations) in enumerate(dims):
        others = [c for i, (c, _) in enumerate(dims) if i != d]
        for total, parts in relations:
            for rest in itertools.product(*others):
                def cell(c):
                    return tuple(rest[:d]) + (c,) + tuple(rest[d:])
                members = [(cell(p), 1) for p in parts] + [(cell(total), -1)]
                terms = [(index[k], c) for k, c in members if k in index]
                if terms:
                    constant = -sum(c * value[k] for k, c in members if k not in index)
                    equations.append(equation(terms, constant))
    return len(blanked), equations


def random_cases(rng):
    out, sizes = [], []
    shapes = [["breakdown", "status"], ["period", "status"], ["breakdown", "period", "status"],
              ["breakdown", "breakdown", "status"], ["breakdown", "period", "status"]]
    while len(out) < 12:
        kinds = rng.choice(shapes)
        n, eqs = table_problem(rng, kinds, limit=rng.choice([3, 5, 10]), extra_share=rng.choice([0.05, 0.15, 0.3]))
        if 20 <= n <= 400:
            out.append(case(f"random {len(out)}: {' x '.join(kinds)}", n, eqs))
            sizes.append(n)
    # Eight breakdown values by twelve months, quarters and the year by status: 617 blanks,
    # 522 of them tied together, where rounding gathers over thousands of pivots (a dense
    # simplex without a shifted ratio test and a fresh tableau on drift went wrong here).
    n, eqs = table_problem(random.Random(5), ["breakdown", "period", "status"], limit=5, extra_share=0.1, sizes=[8, 4, None])
    out.append(case(f"random {len(out)}: a year by month", n, eqs))
    sizes.append(n)
    print("random problems, unknowns:", sizes)
    return out


def large_case(rng):
    """Many independent table problems side by side, unknowns and equations shuffled."""
    parts, total = [], 0
    while total < 2000:
        n, eqs = table_problem(rng, rng.choice([["breakdown", "status"], ["period", "status"]]),
                               limit=5, extra_share=0.2)
        if n:
            parts.append((n, eqs))
            total += n
    # One component made inconsistent: an all-plus equation's constant far below 0.
    for eq in parts[3][1]:
        if all(c > 0 for _, c in eq["terms"]):
            eq["constant"] = -1000
            break
    isolated = 5
    order = list(range(total + isolated))
    rng.shuffle(order)
    equations, offset = [], 0
    for n, eqs in parts:
        equations += [equation([(order[offset + u], c) for u, c in eq["terms"]], eq["constant"]) for eq in eqs]
        offset += n
    rng.shuffle(equations)
    print("large problem:", total + isolated, "unknowns,", len(equations), "equations,", len(parts), "tables")
    return case("2000+ unknowns in many components", total + isolated, equations)


def main():
    rng = random.Random(17)
    cases = hand_cases() + random_cases(rng) + [large_case(rng)]
    with open("cases.json", "w") as f:
        json.dump(cases, f, indent=None, separators=(",", ":"))
        f.write("\n")
    for c in cases:
        exact = sum(1 for lo, hi in c["intervals"] if hi is not None and lo == hi)
        print(f"{c['name']}: {c['unknowns']} unknowns, {len(c['equations'])} equations, {exact} exact,"
              f" {len(c['inconsistent'])} inconsistent")


if __name__ == "__main__":
    main()
