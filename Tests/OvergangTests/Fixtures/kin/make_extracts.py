#!/usr/bin/env python3
"""Builds the extracts of the KIN replication example from counts.csv.

Usage (from this folder): python3 make_extracts.py   → extracts/*.csv.gz (deterministic)

Each row of counts.csv is one office in one period with its number of exits and how many of
them were 'I arbeid' (work_only) and 'Arbeid og ytelse' (work_benefit) two months later; the
rest have no work (status other). Every exit is one person, registered ARBS in the exit month
only, so the 60-day rule finds exactly that exit. The exits of a cell are spread over the six
months of its period. Baseline exits come from the bought-in measure AVKLARAG; in the trial
period the trial offices' exits come from the measure KIN, which did not exist before, and the
comparison offices' still from AVKLARAG. Noise that the comparison's filters must leave out:
in every office and period a few exits from MIDLONTIL (all in work), and at the trial offices
in the trial period a few AVKLARAG exits (all in work).
"""
import csv
import gzip
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "extracts")
FIRST, LAST = (2021, 1), (2022, 9)           # months in the data
PERIOD_START = {"baseline": (2021, 1), "comparison": (2022, 1)}
NOISE = 3                                    # noise exits per office, period and kind


def months():
    y, m = FIRST
    while (y, m) <= LAST:
        yield (y, m)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def plus(month, k):
    y, m = month
    n = y * 12 + m - 1 + k
    return (n // 12, n % 12 + 1)


arena = {m: [] for m in months()}
aa = {m: [] for m in months()}
ytelse = {m: [] for m in months()}


def exit_person(key, enhet, month, tiltak, outcome):
    arena[month].append(f"{key};ARBS;IKVAL;{enhet};{enhet[:2]};{tiltak};35;K;V;N;N")
    status_month = plus(month, 2)
    if outcome in ("work_only", "work_benefit"):
        aa[status_month].append(f"{key};{key}-af;973861778;2020-01-01;;100")
    if outcome == "work_benefit":
        ytelse[status_month].append(f"{key};DAGP;50")


with open(os.path.join(HERE, "counts.csv"), newline="") as f:
    for row in csv.DictReader(f):
        n, w, wb = int(row["exits"]), int(row["work_only"]), int(row["work_benefit"])
        outcomes = ["work_only"] * w + ["work_benefit"] * wb + ["other"] * (n - w - wb)
        trial = row["group"] == "treatment" and row["period"] == "comparison"
        start = PERIOD_START[row["period"]]
        stem = f"p{row['pair']}{row['group'][0]}{row['period'][0]}"
        for i, outcome in enumerate(outcomes):
            exit_person(f"{stem}{i:04d}", row["enhet"], plus(start, i % 6), "KIN" if trial else "AVKLARAG", outcome)
        noise = [("MIDLONTIL", "n")] + ([("AVKLARAG", "a")] if trial else [])
        for tiltak, tag in noise:
            for i in range(NOISE):
                exit_person(f"{stem}{tag}{i}", row["enhet"], plus(start, i % 6), tiltak, "work_only")

HEADERS = {
    "arena": "person_id;hovedstatus;innsatsgruppe;enhet;fylke;tiltak;alder;kjonn;utdanning;innvandrer;permittert",
    "aa": "person_id;arbeidsforhold_id;orgnr;startdato;sluttdato;stillingsprosent",
    "ytelse": "person_id;ytelse;grad",
}
os.makedirs(OUT, exist_ok=True)
for kind, rows in (("arena", arena), ("aa", aa), ("ytelse", ytelse)):
    for (y, m), lines in rows.items():
        if (y, m) > LAST:
            continue
        text = "\n".join([HEADERS[kind]] + lines) + "\n"
        with open(os.path.join(OUT, f"{kind}_{y:04d}{m:02d}.csv.gz"), "wb") as raw:
            with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
                gz.write(text.encode())
