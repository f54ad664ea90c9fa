#!/usr/bin/env python3
"""Writes the hand-built timelines of issue 21 as extracts into timelines/ (2021-10 .. 2022-12):
ARBS -> NEDS -> out (A); NEDS -> ARBS (B); an ARBS exit with NEDS four months before (C);
ages 66 (D) and 67 (E) at exit; a move between two listed measures (F); and status months
that reach each of NAV's categories. Standard library only; gzip without a time stamp."""
import gzip
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "timelines")
MONTHS = ["2021-10", "2021-11", "2021-12"] + ["2022-%02d" % m for m in range(1, 13)]
ARENA = "person_id;hovedstatus;innsatsgruppe;enhet;fylke;tiltak;alder;kjonn;utdanning;innvandrer;permittert"
AA = "person_id;arbeidsforhold_id;orgnr;startdato;sluttdato;stillingsprosent"
YTELSE = "person_id;ytelse;grad"
arena = {m: [] for m in MONTHS}
aa = {m: [] for m in MONTHS}
ytelse = {m: [] for m in MONTHS}


def reg(person, months, status="ARBS", tiltak="", alder=40, kjonn="K"):
    innsats = "BATT" if status == "NEDS" else "IKVAL"
    for m in months:
        arena[m].append(f"{person};{status};{innsats};0301;03;{tiltak};{alder};{kjonn};V;N;N")


def employed(person, month):
    aa[month].append(f"{person};AF-{person};987654321;2021-01-01;;100")


def benefit(person, month, code):
    ytelse[month].append(f"{person};{code};100")


reg("A", ["2022-01", "2022-02"])                 # ARBS exit 2022-02 (between statuses)
reg("A", ["2022-03", "2022-04"], "NEDS")         # NEDS exit 2022-04
employed("A", "2022-08"); benefit("A", "2022-08", "AAP")   # employed with another benefit
employed("A", "2022-10")                                     # employed only
reg("B", ["2022-01", "2022-02", "2022-03"], "NEDS")  # NEDS exit 2022-03 (between statuses)
reg("B", ["2022-04", "2022-05"])                 # ARBS exit 2022-05, NEDS before: a NEDS exit
benefit("B", "2022-09", "UFOR"); benefit("B", "2022-11", "UFOR")
reg("C", ["2021-10"], "NEDS")                    # NEDS exit 2021-10
reg("C", ["2022-02"])                            # ARBS exit 2022-02, NEDS four months before
reg("C", ["2022-04"], "NEDS"); benefit("C", "2022-04", "AAP")  # status month of the 2021-10 exit: NEDS with AAP
reg("C", ["2022-08"])                            # status month of the 2022-02 exit: job seeker
reg("D", ["2022-01"], alder=66, kjonn="M"); employed("D", "2022-07"); benefit("D", "2022-07", "UFOR")
reg("E", ["2022-01"], alder=67, kjonn="M"); employed("E", "2022-07")  # outside 20-66
reg("F", ["2022-01", "2022-02"], tiltak="ARBTREN")  # measure ARBTREN, then VASV: a move
reg("F", ["2022-03", "2022-04"], tiltak="VASV")
reg("F", ["2022-08"], "NEDS"); reg("F", ["2022-10"], "NEDS")
employed("F", "2022-08")                         # employed and registered: follow-up
reg("G", ["2022-03"], alder=20); reg("G", ["2022-09"], "NEDS")  # reduced capacity, no benefit
reg("H", ["2022-03"], alder=19)                  # under 20: outside
reg("J", ["2022-05"], alder=25)                  # nothing at the status month: unknown

os.makedirs(OUT, exist_ok=True)
for m in MONTHS:
    for kind, header, rows in [("arena", ARENA, arena), ("aa", AA, aa), ("ytelse", YTELSE, ytelse)]:
        with open(os.path.join(OUT, "%s_%s.csv.gz" % (kind, m.replace("-", ""))), "wb") as f:
            with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as g:
                g.write(("\n".join([header] + rows[m]) + "\n").encode())
