#!/usr/bin/env python3
"""Builds the extracts of the KIN replication example from the published counts.

Usage (from this folder): python3 make_extracts.py   → extracts/*.csv.gz (deterministic)

Input: published/table_2-1_counts.csv (the KIN final report's table 2-1: per office and period
the exits, 'I arbeid' = work_only and 'Arbeid og ytelse' = work_benefit two months later) and
offices.csv (office → enhet code of this fixture, pair, group). The 'I alt' rows are checked to
be the sums of the offices and not used otherwise.

Every exit is one person, in an exit measure for 1, 2, 3, 5, 8, 13 or 26 consecutive months up
to the exit month (cycling; months before the first month of data are not written, so early
exits are cut short there), registered ARBS with that measure only: the 60-day rule for
measure exits finds exactly that exit. The exits of a cell are spread over the 22 months of its
period. Baseline exits leave the bought-in measure AVKLARAG; in the trial period the trial
offices' exits leave the measure KIN, which did not exist before, and the comparison offices'
still AVKLARAG.

Status two months later: work_only persons have an employment; work_benefit persons also a
benefit: AAP for as many of each group and period as the report's text gives (78 % and 65 %
at the trial offices, 65 % and 70 % at the control offices), DAGP for the rest, and every tenth
also TILTP (a second benefit, not a work benefit); every fifth person in work has an arena row
that month in the wage subsidy MIDLONTIL. Of the exits not in work, as many as the text's
shares on disability benefit (1.4 % and 2.4 %, 1.1 % and 1.5 % of the exits) have UFOR; the
rest have nothing (status other).

Noise that the comparison's filters must leave out: at the trial offices in the trial period
three AVKLARAG exits (all in work), and in every office and period three MIDLONTIL rows (not
an exit measure).
"""
import csv
import gzip
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "extracts")
FIRST, LAST = (2010, 1), (2015, 12)          # months in the data
PERIOD_START = {"baseline": (2011, 1), "comparison": (2014, 1)}
PERIOD_MONTHS = 22                           # Jan 2011-Oct 2012, Jan 2014-Oct 2015
DURATIONS = [1, 2, 3, 5, 8, 13, 26]          # months in the measure up to the exit
NOISE = 3
# Per group and period, pooled over the offices: work_benefit exits on AAP, exits on disability.
AAP = {("treatment", "baseline"): 183, ("treatment", "comparison"): 214,
       ("control", "baseline"): 118, ("control", "comparison"): 275}
DISABILITY = {("treatment", "baseline"): 23, ("treatment", "comparison"): 27,
              ("control", "baseline"): 12, ("control", "comparison"): 25}


def months():
    y, m = FIRST
    while (y, m) <= LAST:
        yield (y, m)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def plus(month, k):
    y, m = month
    n = y * 12 + m - 1 + k
    return (n // 12, n % 12 + 1)


def split(total, weights):
    """total spread over the weights in proportion, largest remainders first (deterministic)."""
    whole = sum(weights)
    shares = [total * w // whole for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in order[:total - sum(shares)]:
        shares[i] += 1
    return shares


arena = {m: [] for m in months()}
aa = {m: [] for m in months()}
ytelse = {m: [] for m in months()}


def exit_person(key, enhet, month, tiltak, months_in, employed=False, benefits=(), wage_subsidy=False):
    for k in range(months_in):
        when = plus(month, -k)
        if when >= FIRST:
            arena[when].append(f"{key};ARBS;IKVAL;{enhet};{enhet[:2]};{tiltak};35;K;V;N;N")
    status_month = plus(month, 2)
    if employed:
        aa[status_month].append(f"{key};{key}-af;973861778;2009-01-01;;100")
    for b in benefits:
        ytelse[status_month].append(f"{key};{b};50")
    if wage_subsidy:
        arena[status_month].append(f"{key};ARBS;IKVAL;{enhet};{enhet[:2]};MIDLONTIL;35;K;V;N;N")


offices = {row["office"]: row for row in csv.DictReader(open(os.path.join(HERE, "offices.csv"), newline=""))}
published = list(csv.DictReader(open(os.path.join(HERE, "published", "table_2-1_counts.csv"), newline="")))
for row in published:
    if row["office"] == "I alt":
        parts = [r for r in published if r["group"] == row["group"] and r["period"] == row["period"] and r["office"] != "I alt"]
        for column in ("exits", "work", "work_benefit", "work_total"):
            assert int(row[column]) == sum(int(r[column]) for r in parts), (row, column)
    else:
        assert int(row["work_total"]) == int(row["work"]) + int(row["work_benefit"]), row
cells = [r for r in published if r["office"] != "I alt"]
for (group, period), total in AAP.items():
    mine = [r for r in cells if r["group"] == group and r["period"] == period]
    for r, aap in zip(mine, split(total, [int(r["work_benefit"]) for r in mine])):
        r["aap"] = aap
    for r, d in zip(mine, split(DISABILITY[(group, period)], [int(r["exits"]) - int(r["work_total"]) for r in mine])):
        r["disability"] = d

for row in cells:
    office = offices[row["office"]]
    assert office["group"] == row["group"], row
    n, w, wb = int(row["exits"]), int(row["work"]), int(row["work_benefit"])
    outcomes = (["work_only"] * w + [("work_benefit", i < row["aap"]) for i in range(wb)]
                + ["disability"] * row["disability"] + ["other"] * (n - w - wb - row["disability"]))
    trial = row["group"] == "treatment" and row["period"] == "comparison"
    start = PERIOD_START[row["period"]]
    stem = f"p{office['pair']}{row['group'][0]}{row['period'][0]}"
    for i, outcome in enumerate(outcomes):
        benefits = ()
        if isinstance(outcome, tuple):
            benefits = ("AAP",) if outcome[1] else ("DAGP",)
            if i % 10 == 0:
                benefits += ("TILTP",)
        elif outcome == "disability":
            benefits = ("UFOR",)
        employed = outcome == "work_only" or isinstance(outcome, tuple)
        exit_person(f"{stem}{i:04d}", office["enhet"], plus(start, i % PERIOD_MONTHS), "KIN" if trial else "AVKLARAG",
                    DURATIONS[i % len(DURATIONS)], employed=employed, benefits=benefits, wage_subsidy=employed and i % 5 == 0)
    noise = [("MIDLONTIL", "n")] + ([("AVKLARAG", "a")] if trial else [])
    for tiltak, tag in noise:
        for i in range(NOISE):
            exit_person(f"{stem}{tag}{i}", office["enhet"], plus(start, i % PERIOD_MONTHS), tiltak, 1, employed=True)

HEADERS = {
    "arena": "person_id;hovedstatus;innsatsgruppe;enhet;fylke;tiltak;alder;kjonn;utdanning;innvandrer;permittert",
    "aa": "person_id;arbeidsforhold_id;orgnr;startdato;sluttdato;stillingsprosent",
    "ytelse": "person_id;ytelse;grad",
}
os.makedirs(OUT, exist_ok=True)
for name in os.listdir(OUT):
    os.remove(os.path.join(OUT, name))
for kind, rows in (("arena", arena), ("aa", aa), ("ytelse", ytelse)):
    for (y, m), lines in rows.items():
        text = "\n".join([HEADERS[kind]] + lines) + "\n"
        with open(os.path.join(OUT, f"{kind}_{y:04d}{m:02d}.csv.gz"), "wb") as raw:
            with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
                gz.write(text.encode())
