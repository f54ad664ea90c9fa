"""The cells the earlier suppression (five separate models, before issue 17's one model)
blanked on the sample run with every table (Tests: CatalogueTests.everyTable, i.e. pipeline.json
with cohorts.periods quarter+year and kjonn*aldersgruppe) at --min-cell 5 and 10: for each
file, the (row, column) of every cell printed without a limit and blank with one. Made once
from that code's outputs (folders given as arguments: no limit, limit 5, limit 10); the test
checks that the one model blanks at least these (protection may only grow), but for zeros
the published figures give away anyway, which it prints.

    python3 blanks-before.py /tmp/s0 /tmp/old5 /tmp/old10
"""
import csv, os, sys

base, *limited = sys.argv[1:]
for folder, limit in zip(limited, [5, 10]):
    with open(f"blanks-before-{limit}.csv", "w", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["file", "row", "column"])
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".csv") or name == "quarantine.csv":
                continue
            a = list(csv.reader(open(os.path.join(base, name))))[1:]
            b = list(csv.reader(open(os.path.join(folder, name))))[1:]
            assert len(a) == len(b), name
            for r, (ra, rb) in enumerate(zip(a, b)):
                for c, (x, y) in enumerate(zip(ra, rb)):
                    if x != "" and y == "":
                        w.writerow([name, r, c])
