"""Runs exit_cohorts.sql with DuckDB on a folder of extracts (2 threads) and writes the table.

    python3 bench/duckdb_exit_cohorts.py INPUT_DIR OUT.csv
"""
import pathlib
import sys

import duckdb

here = pathlib.Path(__file__).parent
folder, out = sys.argv[1], sys.argv[2]
sql = (here / "exit_cohorts.sql").read_text().replace("{dir}", folder).replace("{out}", out)
con = duckdb.connect()
con.execute("PRAGMA threads=2")
con.execute(sql)
