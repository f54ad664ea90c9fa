#!/usr/bin/env python3
"""Independent reference for the exit cohort tables (spec: definitions.md §1, §2, §3).

Usage: python3 exit_cohorts.py INPUT_DIR OUTPUT_DIR [--quiet-months 2] [--horizon 2] [--neds-lookback 5]
                              [--kind register|measure] [--measures CODE,CODE]

Standard library only. Assumes valid extracts (no quarantine) and the default statuses, work
benefits and outcome groups of pipeline.json. `--kind measure` counts measure exits (§1b): a
registered row in m whose tiltak is in --measures (empty: any non-empty code) with, in none of
the next quiet months, a row (of any status) whose tiltak is in that list.
"""
import argparse
import calendar
import csv
import gzip
import json
import os
import re

STATUSES = ["ARBS", "NEDS"]  # exit.statuses, also the order of the tables
WORK_BENEFITS = {"DAGP", "AAP", "INDST", "OVST", "UFOR", "ALDER"}
DETAILS = ["work_only", "work_benefit", "job_seeker", "reduced_capacity", "disability", "old_age", "other"]
OUTCOMES = ["work", "work_benefit", "disability", "other"]
HEADLINE = {"work_only": "work", "work_benefit": "work_benefit", "disability": "disability"}  # rest: other
BREAKDOWNS = ["enhet", "fylke", "kjonn", "aldersgruppe", "innsatsgruppe"]


def month_index(yyyymm):
    return int(yyyymm[:4]) * 12 + int(yyyymm[4:]) - 1


def month_label(m):
    return "%04d-%02d" % (m // 12, m % 12 + 1)


def last_day(m):
    year, month = m // 12, m % 12 + 1
    return "%04d-%02d-%02d" % (year, month, calendar.monthrange(year, month)[1])


def read_rows(path):
    """Rows of one extract as dicts keyed by the header (BOM, CRLF, quoting, multi-member gzip)."""
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, delimiter=";", quotechar='"')
        header = next(reader)
        for fields in reader:
            if fields:  # skip blank lines
                yield dict(zip(header, fields))


def age_group(alder):
    a = int(alder)
    if a < 20:
        return "<20"
    for low, high in [(20, 24), (25, 29), (30, 39), (40, 49), (50, 59)]:
        if low <= a <= high:
            return "%d-%d" % (low, high)
    return "60+"


def load(input_dir):
    arena, aa, ytelse = {}, {}, {}  # month -> {person: row} / {person: {forhold: (start, end)}} / {person: set}
    months = set()
    for name in sorted(os.listdir(input_dir)):
        match = re.fullmatch(r"(arena|aa|ytelse)_(\d{6})\.csv\.gz", name)
        if not match:
            continue
        kind, m = match.group(1), month_index(match.group(2))
        months.add(m)
        for row in read_rows(os.path.join(input_dir, name)):
            p = row["person_id"]
            if kind == "arena":
                arena.setdefault(m, {})[p] = row
            elif kind == "aa":  # a relationship listed twice is kept once (the first listing)
                aa.setdefault(m, {}).setdefault(p, {}).setdefault(
                    row["arbeidsforhold_id"], (row["startdato"], row["sluttdato"]))
            else:  # the same person and benefit twice is one receipt
                ytelse.setdefault(m, {}).setdefault(p, set()).add(row["ytelse"])
    first, last = min(months), max(months)
    for m in range(first, last + 1):  # a month without rows (or without a file) is empty
        for d in (arena, aa, ytelse):
            d.setdefault(m, {})
    return arena, aa, ytelse, first, last


def write_csv(folder, name, header, rows):
    with open(os.path.join(folder, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def cells(selected, classify, classes):  # count, exits, pct for each class
    n = len(selected)
    for c in classes:
        count = sum(1 for e in selected if classify(e) == c)
        yield [c, count, n, repr(100 * count / n) if n else ""]


def find_exits(input_dir, Q=2, H=2, L=5, kind="register", measures=frozenset(),
               between_statuses=False, between_measures=False, categorize=None):
    """The exits of §1 (or §1b) with their status after exit (§2), and the pending exits.

    §7c: with between_statuses (between_measures) only a row with the exit month's hovedstatus
    (tiltak) continues an exit; categorize(employed, benefits, hovedstatus, tiltak) replaces §2's
    detailed status (hovedstatus and tiltak of the status month's row, "" without one).

    Returns (exits, pending_decision, pending_outcome, first, last): exits as
    (month, exit status, detailed outcome, arena row in the exit month); months as indexes.
    """
    arena, aa, ytelse, first, last = load(input_dir)

    def status(p, m):  # hovedstatus of the person's arena row in m, or None
        return arena.get(m, {}).get(p, {}).get("hovedstatus")

    def registered(p, m):
        return status(p, m) in STATUSES

    def in_measure(p, m):  # §1b: a row in m whose tiltak is in the list (any code when empty)
        code = arena.get(m, {}).get(p, {}).get("tiltak", "")
        return code != "" and (not measures or code in measures)

    if kind == "measure":
        def leaves(p, m):
            return registered(p, m) and in_measure(p, m)

        def continues(p, k, row):
            return in_measure(p, k) and (not between_measures or arena[k][p]["tiltak"] == row["tiltak"])
    else:
        leaves = registered

        def continues(p, k, row):
            return registered(p, k) and (not between_statuses or status(p, k) == row["hovedstatus"])

    def outcome_detail(p, t):  # §2, at the end of month t
        day = last_day(t)
        employed = any(start <= day and (end == "" or end >= day) for start, end in aa[t].get(p, {}).values())
        benefits = ytelse[t].get(p, set())
        if categorize:
            row = arena[t].get(p, {})
            return categorize(employed, benefits, row.get("hovedstatus", ""), row.get("tiltak", ""))
        if employed and not benefits & WORK_BENEFITS:
            return "work_only"
        if employed:
            return "work_benefit"
        if status(p, t) == "ARBS":
            return "job_seeker"
        if status(p, t) == "NEDS":
            return "reduced_capacity"
        if "UFOR" in benefits:
            return "disability"
        if "ALDER" in benefits:
            return "old_age"
        return "other"

    exits = []  # (month, exit status, detailed outcome, arena row in the exit month)
    pending_decision = pending_outcome = 0
    for m in range(first, last + 1):
        for p, row in arena[m].items():
            if not leaves(p, m):
                continue
            following = range(m + 1, m + Q + 1)
            if any(continues(p, k, row) for k in following if k <= last):
                continue  # registered (or in the measure) again within the quiet months: no exit
            if any(k > last for k in following):
                pending_decision += 1
                continue
            exit_status = row["hovedstatus"]
            if exit_status == "ARBS" and any(status(p, m - j) == "NEDS" for j in range(1, L + 1)):
                exit_status = "NEDS"
            if m + H > last:
                pending_outcome += 1
                continue
            exits.append((m, exit_status, outcome_detail(p, m + H), row))
    return exits, pending_decision, pending_outcome, first, last


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input_dir")
    ap.add_argument("output_dir")
    ap.add_argument("--quiet-months", type=int, default=2)
    ap.add_argument("--horizon", type=int, default=2)
    ap.add_argument("--neds-lookback", type=int, default=5)
    ap.add_argument("--kind", choices=["register", "measure"], default="register")
    ap.add_argument("--measures", default="", help="comma-separated tiltak codes; empty: any")
    args = ap.parse_args()
    measures = {c for c in args.measures.split(",") if c}
    Q, H, L = args.quiet_months, args.horizon, args.neds_lookback
    exits, pending_decision, pending_outcome, first, last = find_exits(args.input_dir, Q, H, L, args.kind, measures)

    table_months = range(first, last - max(Q, H) + 1)
    os.makedirs(args.output_dir, exist_ok=True)

    def write(name, header, rows):
        write_csv(args.output_dir, name, header, rows)

    def headline(e):
        return HEADLINE.get(e[2], "other")

    def detail(e):
        return e[2]

    for name, column, classify, classes in [("exit_cohorts.csv", "outcome", headline, OUTCOMES),
                                            ("exit_cohorts_detailed.csv", "outcome_detail", detail, DETAILS)]:
        rows = []
        for m in table_months:
            for s in STATUSES:
                selected = [e for e in exits if e[0] == m and e[1] == s]
                rows += [[month_label(m), s] + cell for cell in cells(selected, classify, classes)]
        write(name, ["exit_month", "exit_status", column, "count", "exits", "pct"], rows)

    for b in BREAKDOWNS:
        def value(e):
            return age_group(e[3]["alder"]) if b == "aldersgruppe" else e[3][b]
        keys = sorted({(e[0], STATUSES.index(e[1]), value(e)) for e in exits})
        rows = []
        for m, si, v in keys:
            selected = [e for e in exits if e[0] == m and e[1] == STATUSES[si] and value(e) == v]
            rows += [[month_label(m), STATUSES[si], v] + cell for cell in cells(selected, headline, OUTCOMES)]
        write("exit_cohorts_by_%s.csv" % b, ["exit_month", "exit_status", b, "outcome", "count", "exits", "pct"], rows)

    summary = {"exits": sum(1 for e in exits if e[0] in table_months),
               "pending_decision": pending_decision, "pending_outcome": pending_outcome,
               "months": [month_label(first), month_label(last)]}
    with open(os.path.join(args.output_dir, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
