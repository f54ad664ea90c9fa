#!/usr/bin/env python3
"""Self-test of exit_cohorts.py on a tiny hand-made data set (2023-01 .. 2023-09, 10 persons).

Every expected value below was derived by hand from definitions.md §1-§3. Run: python3 selftest.py
Month indices: 0 = 2023-01 ... 8 = 2023-09.
"""
import csv
import gzip
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MONTHS = ["2023%02d" % (i + 1) for i in range(9)]

# person: (statuses by month index, enhet, fylke, kjonn, alder, innsatsgruppe)
PERSONS = {
    # ARBS 0,1,(gap 2),3,4,(gap 5,6),7,8: one-month gap is no exit; exit in 4 (2023-05)
    "P1": ({0: "ARBS", 1: "ARBS", 3: "ARBS", 4: "ARBS", 7: "ARBS", 8: "ARBS"}, "0301", "03", "M", 35, "IKVAL"),
    # NEDS in 0, ARBS 1-5: exit in 5 (2023-06), NEDS exactly 5 months before -> NEDS exit
    "P2": ({0: "NEDS", 1: "ARBS", 2: "ARBS", 3: "ARBS", 4: "ARBS", 5: "ARBS"}, "4154", "46", "K", 52, "BATT"),
    # NEDS in 0, ARBS 1-6: exit in 6 (2023-07), NEDS exactly 6 months before -> stays ARBS
    "P3": ({0: "NEDS", 1: "ARBS", 2: "ARBS", 3: "ARBS", 4: "ARBS", 5: "ARBS", 6: "ARBS"}, "0219", "32", "K", 28, "BFORM"),
    # ARBS 0-2, IARBS 3 (not registered), ARBS 5: exits in 2 (2023-03) and 5 (2023-06)
    "P4": ({0: "ARBS", 1: "ARBS", 2: "ARBS", 3: "IARBS", 5: "ARBS"}, "0301", "03", "M", 45, ""),
    # NEDS 5-7: in 7 (2023-08) undecided -> pending_decision
    "P5": ({5: "NEDS", 6: "NEDS", 7: "NEDS"}, "4154", "46", "K", 40, "BKART"),
    # ARBS only in the last month -> pending_decision
    "P6": ({8: "ARBS"}, "0301", "03", "M", 30, "IKVAL"),
    # ARBS 0 only, old-age pension throughout: exit 2023-01 -> old_age (headline other); empty fylke
    "P7": ({0: "ARBS"}, "0219", "", "K", 67, "IKVAL"),
    # NEDS 0,1,4: exits in 1 (2023-02) and 4 (2023-05)
    "P8": ({0: "NEDS", 1: "NEDS", 4: "NEDS"}, "4154", "46", "M", 19, "BKART"),
    # ARBS 3-5: exit in 5 (2023-06); ongoing job from 2023-06-20 -> work_only
    "P9": ({3: "ARBS", 4: "ARBS", 5: "ARBS"}, "0219", "32", "M", 19, "IKVAL"),
    # ARBS 5: exit in 5 (2023-06); job + AAP -> work_benefit
    "P10": ({5: "ARBS"}, "0301", "03", "K", 62, "VARIG"),
}

# aa relationships: (person, id, startdato, sluttdato, months listed)
AA = [
    ("P1", "A1", "2023-06-10", "2023-07-31", [5, 6]),   # ends ON the last day of 2023-07 -> employed then
    ("P2", "A2", "2023-07-01", "2023-08-30", [6, 7]),   # ends the day BEFORE the last day of 2023-08
    ("P3", "A3", "2023-09-01", "", [8]),
    ("P4", "A4", "2023-05-31", "2023-06-15", [4, 5]),   # starts on the last day of 2023-05
    ("P9", "A9", "2023-06-20", "", [5, 6, 7, 8]),
    ("P10", "A10", "2020-01-01", "", [5, 6, 7, 8]),
]
# ytelse: (person, code, months)
YTELSE = [
    ("P2", "UFOR", [7, 8]),
    ("P3", "DAGP", [8]),
    ("P4", "TILTP", [4]),          # TILTP is not a work benefit -> work_only
    ("P7", "ALDER", list(range(9))),
    ("P10", "AAP", [7, 8]),
]


def write_gz(path, lines, members=1, bom=False, eol="\n", final_eol=True):
    """Write lines as ';'-CSV; optionally split over several gzip members."""
    text = eol.join(lines) + (eol if final_eol else "")
    data = (("\ufeff" if bom else "") + text).encode("utf-8")
    cut = len(data) // 2 if members == 2 else len(data)
    with open(path, "wb") as f:
        f.write(gzip.compress(data[:cut]))
        if members == 2:
            f.write(gzip.compress(data[cut:]))


def build(d):
    cols = ["person_id", "hovedstatus", "innsatsgruppe", "enhet", "fylke", "tiltak", "alder", "kjonn",
            "utdanning", "innvandrer", "permittert"]
    for i, mm in enumerate(MONTHS):
        rows = []
        for p, (st, enhet, fylke, kjonn, alder, ig) in PERSONS.items():
            if i in st:
                rows.append({"person_id": p, "hovedstatus": st[i], "innsatsgruppe": ig, "enhet": enhet,
                             "fylke": fylke, "tiltak": "", "alder": str(alder), "kjonn": kjonn,
                             "utdanning": "V", "innvandrer": "N", "permittert": "N",
                             "kommentar": 'a;"b"'})
        path = os.path.join(d, "arena_%s.csv.gz" % mm)
        if i == 0:    # BOM, CRLF, every field quoted
            lines = [";".join('"%s"' % c for c in cols)] + [";".join('"%s"' % r[c] for c in cols) for r in rows]
            write_gz(path, lines, bom=True, eol="\r\n")
        elif i == 1:  # other column order plus an extra quoted column holding ';' and '""'
            order = ["kommentar"] + cols[::-1]
            q = lambda v: '"%s"' % v.replace('"', '""')
            lines = [";".join(order)] + [";".join(q(r[c]) if c == "kommentar" else r[c] for c in order) for r in rows]
            write_gz(path, lines)
        else:
            write_gz(path, [";".join(cols)] + [";".join(r[c] for c in cols) for r in rows])

        aa_lines = ["person_id;arbeidsforhold_id;orgnr;startdato;sluttdato;stillingsprosent"]
        for p, a, start, end, ms in AA:
            if i in ms:
                aa_lines.append("%s;%s;999999999;%s;%s;100,0" % (p, a, start, end))
        if i == 4:    # 2023-05: relationship listed twice, file in two gzip members
            aa_lines.append(aa_lines[-1])
        write_gz(os.path.join(d, "aa_%s.csv.gz" % mm), aa_lines, members=2 if i == 4 else 1)

        y_lines = ["ytelse;grad;person_id"]
        for p, code, ms in YTELSE:
            if i in ms:
                y_lines.append("%s;100;%s" % (code, p))
        if i == 4:    # 2023-05: same receipt twice, no final line end
            y_lines.append("TILTP;;P4")
        write_gz(os.path.join(d, "ytelse_%s.csv.gz" % mm), y_lines, final_eol=(i != 4))


def run(d, out, *opts):
    subprocess.run([sys.executable, os.path.join(HERE, "exit_cohorts.py"), d, out] + list(opts), check=True)
    tables = {}
    for name in os.listdir(out):
        if name.endswith(".csv"):
            with open(os.path.join(out, name), newline="") as f:
                raw = f.read()
            assert "\r" not in raw, name
            tables[name] = list(csv.DictReader(raw.splitlines()))
    with open(os.path.join(out, "summary.json")) as f:
        return tables, json.load(f)


def nonzero(rows, *key):
    return {tuple(r[k] for k in key): (int(r["count"]), int(r["exits"]), r["pct"]) for r in rows if r["count"] != "0"}


def main():
    third = repr(100 * 1 / 3)  # '33.333333333333336'
    with tempfile.TemporaryDirectory() as d:
        data = os.path.join(d, "in")
        os.mkdir(data)
        build(data)

        # ---- defaults: Q=2, H=2, L=5; data 2023-01..2023-09, table months 2023-01..2023-07
        t, s = run(data, os.path.join(d, "out"))
        assert s == {"exits": 10, "pending_decision": 3, "pending_outcome": 0,
                     "months": ["2023-01", "2023-09"]}, s
        rows = t["exit_cohorts.csv"]
        assert list(rows[0]) == ["exit_month", "exit_status", "outcome", "count", "exits", "pct"]
        assert len(rows) == 7 * 2 * 4
        assert [r["exit_month"] for r in rows[::8]] == ["2023-0%d" % i for i in range(1, 8)]
        assert [r["outcome"] for r in rows[:8]] == ["work", "work_benefit", "disability", "other"] * 2
        assert [r["exit_status"] for r in rows[:8]] == ["ARBS"] * 4 + ["NEDS"] * 4
        assert nonzero(rows, "exit_month", "exit_status", "outcome") == {
            ("2023-01", "ARBS", "other"): (1, 1, "100.0"),         # P7 old age
            ("2023-02", "NEDS", "other"): (1, 1, "100.0"),         # P8 nothing
            ("2023-03", "ARBS", "work"): (1, 1, "100.0"),          # P4 job from last day + TILTP
            ("2023-05", "ARBS", "work"): (1, 1, "100.0"),          # P1 job ends on the last day
            ("2023-05", "NEDS", "other"): (1, 1, "100.0"),         # P8 again
            ("2023-06", "ARBS", "work"): (1, 3, third),            # P9
            ("2023-06", "ARBS", "work_benefit"): (1, 3, third),    # P10 job + AAP
            ("2023-06", "ARBS", "other"): (1, 3, third),           # P4 again
            ("2023-06", "NEDS", "disability"): (1, 1, "100.0"),    # P2: NEDS 5 months back; job ended day before
            ("2023-07", "ARBS", "work_benefit"): (1, 1, "100.0"),  # P3: NEDS 6 months back; job + DAGP
        }
        # zero-exit cells: 0 exits and an empty pct; a cell with exits has pct '0.0' for zero counts
        assert all(r["pct"] == "" for r in rows if r["exits"] == "0")
        assert {r["pct"] for r in rows if r["exits"] == "1" and r["count"] == "0"} == {"0.0"}
        assert not [r for r in rows if r["exit_month"] == "2023-04" and r["exits"] != "0"]

        det = t["exit_cohorts_detailed.csv"]
        assert len(det) == 7 * 2 * 7
        assert [r["outcome_detail"] for r in det[:7]] == ["work_only", "work_benefit", "job_seeker",
                                                          "reduced_capacity", "disability", "old_age", "other"]
        assert nonzero(det, "exit_month", "exit_status", "outcome_detail") == {
            ("2023-01", "ARBS", "old_age"): (1, 1, "100.0"),
            ("2023-02", "NEDS", "other"): (1, 1, "100.0"),
            ("2023-03", "ARBS", "work_only"): (1, 1, "100.0"),
            ("2023-05", "ARBS", "work_only"): (1, 1, "100.0"),
            ("2023-05", "NEDS", "other"): (1, 1, "100.0"),
            ("2023-06", "ARBS", "work_only"): (1, 3, third),
            ("2023-06", "ARBS", "work_benefit"): (1, 3, third),
            ("2023-06", "ARBS", "other"): (1, 3, third),
            ("2023-06", "NEDS", "disability"): (1, 1, "100.0"),
            ("2023-07", "ARBS", "work_benefit"): (1, 1, "100.0"),
        }

        enh = t["exit_cohorts_by_enhet.csv"]
        assert list(enh[0]) == ["exit_month", "exit_status", "enhet", "outcome", "count", "exits", "pct"]
        assert [(r["exit_month"], r["exit_status"], r["enhet"]) for r in enh[::4]] == [
            ("2023-01", "ARBS", "0219"), ("2023-02", "NEDS", "4154"), ("2023-03", "ARBS", "0301"),
            ("2023-05", "ARBS", "0301"), ("2023-05", "NEDS", "4154"), ("2023-06", "ARBS", "0219"),
            ("2023-06", "ARBS", "0301"), ("2023-06", "NEDS", "4154"), ("2023-07", "ARBS", "0219")]
        assert len(enh) == 9 * 4
        assert nonzero(enh, "exit_month", "exit_status", "enhet", "outcome")[("2023-06", "ARBS", "0301", "other")] == (1, 2, "50.0")
        assert nonzero(enh, "exit_month", "exit_status", "enhet", "outcome")[("2023-06", "ARBS", "0301", "work_benefit")] == (1, 2, "50.0")

        age = t["exit_cohorts_by_aldersgruppe.csv"]
        assert [(r["exit_month"], r["exit_status"], r["aldersgruppe"]) for r in age[::4]] == [
            ("2023-01", "ARBS", "60+"), ("2023-02", "NEDS", "<20"), ("2023-03", "ARBS", "40-49"),
            ("2023-05", "ARBS", "30-39"), ("2023-05", "NEDS", "<20"),
            ("2023-06", "ARBS", "40-49"), ("2023-06", "ARBS", "60+"), ("2023-06", "ARBS", "<20"),  # plain string sort
            ("2023-06", "NEDS", "50-59"), ("2023-07", "ARBS", "25-29")]

        fyl = t["exit_cohorts_by_fylke.csv"]
        assert [r["fylke"] for r in fyl[:4]] == [""] * 4       # P7's empty fylke stays empty
        assert nonzero(fyl, "exit_month", "fylke", "outcome")[("2023-01", "", "other")] == (1, 1, "100.0")

        ig = t["exit_cohorts_by_innsatsgruppe.csv"]
        assert [r["innsatsgruppe"] for r in ig if r["exit_month"] == "2023-06" and r["exit_status"] == "ARBS"][::4] == \
            ["", "IKVAL", "VARIG"]
        kj = t["exit_cohorts_by_kjonn.csv"]
        assert nonzero(kj, "exit_month", "exit_status", "kjonn", "outcome") == {
            ("2023-01", "ARBS", "K", "other"): (1, 1, "100.0"), ("2023-02", "NEDS", "M", "other"): (1, 1, "100.0"),
            ("2023-03", "ARBS", "M", "work"): (1, 1, "100.0"), ("2023-05", "ARBS", "M", "work"): (1, 1, "100.0"),
            ("2023-05", "NEDS", "M", "other"): (1, 1, "100.0"),
            ("2023-06", "ARBS", "K", "work_benefit"): (1, 1, "100.0"),
            ("2023-06", "ARBS", "M", "work"): (1, 2, "50.0"), ("2023-06", "ARBS", "M", "other"): (1, 2, "50.0"),
            ("2023-06", "NEDS", "K", "disability"): (1, 1, "100.0"),
            ("2023-07", "ARBS", "K", "work_benefit"): (1, 1, "100.0")}

        # ---- horizon 3: table months 2023-01..2023-06; P3's exit (2023-07) has no outcome yet
        t, s = run(data, os.path.join(d, "out_h3"), "--horizon", "3")
        assert s == {"exits": 9, "pending_decision": 3, "pending_outcome": 1,
                     "months": ["2023-01", "2023-09"]}, s
        assert len(t["exit_cohorts.csv"]) == 6 * 2 * 4
        assert nonzero(t["exit_cohorts_detailed.csv"], "exit_month", "exit_status", "outcome_detail") == {
            ("2023-01", "ARBS", "old_age"): (1, 1, "100.0"),           # P7 in 2023-04
            ("2023-02", "NEDS", "reduced_capacity"): (1, 1, "100.0"),  # P8 NEDS again in 2023-05
            ("2023-03", "ARBS", "job_seeker"): (1, 1, "100.0"),        # P4: job ended 06-15, ARBS in 2023-06
            ("2023-05", "ARBS", "job_seeker"): (1, 1, "100.0"),        # P1 ARBS in 2023-08
            ("2023-05", "NEDS", "other"): (1, 1, "100.0"),
            ("2023-06", "ARBS", "work_only"): (1, 3, third),
            ("2023-06", "ARBS", "work_benefit"): (1, 3, third),
            ("2023-06", "ARBS", "other"): (1, 3, third),
            ("2023-06", "NEDS", "disability"): (1, 1, "100.0"),
        }
        assert nonzero(t["exit_cohorts.csv"], "exit_month", "exit_status", "outcome")[("2023-03", "ARBS", "other")] == (1, 1, "100.0")

        # ---- lookback 6: P3 (NEDS exactly 6 months before) becomes a NEDS exit
        t, s = run(data, os.path.join(d, "out_l6"), "--neds-lookback", "6")
        assert s["exits"] == 10
        assert nonzero(t["exit_cohorts.csv"], "exit_month", "exit_status", "outcome")[("2023-07", "NEDS", "work_benefit")] == (1, 1, "100.0")
        assert not [r for r in t["exit_cohorts.csv"] if r["exit_month"] == "2023-07" and r["exit_status"] == "ARBS" and r["exits"] != "0"]

        # ---- lookback 4: P2 (NEDS exactly 5 months before) stays ARBS
        t, s = run(data, os.path.join(d, "out_l4"), "--neds-lookback", "4")
        assert nonzero(t["exit_cohorts.csv"], "exit_month", "exit_status", "outcome")[("2023-06", "ARBS", "disability")] == (1, 4, "25.0")

        # ---- quiet months 1: P1's one-month gap (2023-03) now makes an exit in 2023-02, job seeker in 2023-04
        t, s = run(data, os.path.join(d, "out_q1"), "--quiet-months", "1")
        det = nonzero(t["exit_cohorts_detailed.csv"], "exit_month", "exit_status", "outcome_detail")
        assert det[("2023-02", "ARBS", "job_seeker")] == (1, 1, "100.0"), det
        # pending_decision with Q=1: only the last month's registered persons (P1, P6)
        assert s["pending_decision"] == 2, s
    print("selftest OK")


if __name__ == "__main__":
    main()
