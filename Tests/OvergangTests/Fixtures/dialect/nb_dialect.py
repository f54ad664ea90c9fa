#!/usr/bin/env python3
"""Reference for output.csv "nb" (README "Configuration" and "Outputs"), written from the
README's rules with the csv module, not from the Swift code.

    nb_dialect.py STANDARD_DIR EXPECTED_DIR      writes EXPECTED_DIR/<name> for every table
                                                  of STANDARD_DIR, then checks it (below)
    nb_dialect.py --check STANDARD_DIR NB_DIR     checks NB_DIR/<name> (a run's nb/) only

The check reads an nb file back as a Norwegian spreadsheet user's reader would: UTF-8 with
BOM, csv.reader with delimiter ';', decimal comma to float; every cell must equal the
standard file's value rounded as documented (percentages 1 decimal, other decimals 6,
counts and labels as they are).
"""
import csv
import io
import os
import sys

# Which columns are decimals, from interface.md's column lists: percentages and percentage
# points (0-100) by their names, the other decimals named one by one; every other column is
# a count or a label and is written as it is.
OTHER_DECIMALS = {
    "z", "p_one_sided", "mean_months", "median_months",  # comparisons, exit_durations
    "exposed", "cond_prob", "survival_start", "survival_end", "survival_end_se", "hazard",
    "survival", "se", "ci_low", "ci_high", "chisq", "p", "incidence", "months",
    "coef", "hr", "hr_low", "hr_high", "loglik_null", "loglik", "lr_chisq", "lr_p", "covariance",
}


def decimals(column):
    if column in ("pct", "pct_of_measures") or column.endswith("_pct") or column.endswith("_pp"):
        return 1
    return 6 if column in OTHER_DECIMALS else None


def rounded(value, places):
    """The standard cell rounded for nb, as text with a decimal comma (empty stays empty)."""
    if places is None or value == "":
        return value
    text = "%.*f" % (places, float(value))
    if float(text) == 0:
        text = text.lstrip("-")  # no minus on a value that rounds to zero
    return text.replace(".", ",")


def read_standard(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def write_nb(rows, path):
    header = rows[0]
    places = [decimals(c) for c in header]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows[1:]:
        writer.writerow([rounded(v, p) for v, p in zip(row, places)])
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write(out.getvalue())


def check(standard_path, nb_path):
    """The nb file read back equals the standard values rounded; returns the cells compared."""
    with open(nb_path, "rb") as f:
        raw = f.read()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{nb_path}: no UTF-8 BOM"
    assert raw.count(b"\r\n") == raw.count(b"\n"), f"{nb_path}: a line not ended by CRLF"
    nb = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    standard = read_standard(standard_path)
    assert nb[0] == standard[0] and len(nb) == len(standard), f"{nb_path}: header or row count"
    places = [decimals(c) for c in standard[0]]
    cells = 0
    for line, (ours, theirs) in enumerate(zip(nb[1:], standard[1:]), start=2):
        assert len(ours) == len(theirs), f"{nb_path}:{line}: width"
        for column, p, a, b in zip(standard[0], places, ours, theirs):
            if p is None or b == "":
                assert a == b, f"{nb_path}:{line}: {column}: {a!r} != {b!r}"
            else:
                assert "." not in a, f"{nb_path}:{line}: {column}: a decimal point"
                assert abs(float(a.replace(",", ".")) - round(float(b), p)) < 0.5 * 10 ** -p + 1e-12, \
                    f"{nb_path}:{line}: {column}: {a} is not {b} to {p} decimals"
                assert len(a.split(",")[1]) == p, f"{nb_path}:{line}: {column}: {a} has not {p} decimals"
            cells += 1
    return cells


def main(args):
    only_check = args[:1] == ["--check"]
    standard_dir, nb_dir = args[1:] if only_check else args
    names = sorted(n for n in os.listdir(standard_dir) if n.endswith(".csv") and n != "quarantine.csv")
    os.makedirs(nb_dir, exist_ok=True)
    cells = 0
    for name in names:
        if not only_check:
            write_nb(read_standard(os.path.join(standard_dir, name)), os.path.join(nb_dir, name))
        cells += check(os.path.join(standard_dir, name), os.path.join(nb_dir, name))
    print(f"{len(names)} tables, {cells} cells: the nb files read back equal the standard values rounded")


if __name__ == "__main__":
    main(sys.argv[1:])
