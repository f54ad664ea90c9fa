#!/usr/bin/env python3
"""Checks a report workbook with openpyxl, an independent reader.

Usage: scripts/check-xlsx.py FILE.xlsx [CSV_FOLDER]

Prints the sheet names; fails (exit 1) if a sheet does not load, a numeric cell has no
number format, or a sheet with numbers has no frozen pane. With CSV_FOLDER, also writes
each sheet as NN-<sheet>.csv there (values as stored, unrounded) for diffing.
"""
import csv
import os
import re
import sys

import openpyxl


def main(path, csv_folder=None):
    problems = []
    workbook = openpyxl.load_workbook(path, read_only=False)
    print("sheets:", ", ".join(workbook.sheetnames))
    for index, sheet in enumerate(workbook.worksheets, 1):
        numbers = 0
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    numbers += 1
                    if cell.data_type != "n" or cell.number_format in (None, "", "General"):
                        problems.append(f"{sheet.title}!{cell.coordinate}: number {cell.value} without a number format")
        if numbers and sheet.freeze_panes is None:
            problems.append(f"{sheet.title}: numbers but no frozen pane")
        print(f"  {sheet.title}: {sheet.max_row} rows, {sheet.max_column} columns, {numbers} numbers, "
              f"frozen at {sheet.freeze_panes}, {len(sheet.merged_cells.ranges)} merged ranges")
        if csv_folder:
            os.makedirs(csv_folder, exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", sheet.title)
            with open(os.path.join(csv_folder, f"{index:02d}-{name}.csv"), "w", newline="", encoding="utf-8") as f:
                csv.writer(f).writerows(sheet.iter_rows(values_only=True))
    for problem in problems:
        print("problem:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    try:
        sys.exit(main(*sys.argv[1:]))
    except Exception as error:  # a file openpyxl cannot read is a failed check, not a traceback
        sys.exit(f"problem: {sys.argv[1]} does not load: {error!r}")
