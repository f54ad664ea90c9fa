#!/usr/bin/env python3
"""Independent reference for NAV's own statistic (definitions.md §7c): exits between statuses
or measures, a rule list of status categories with their headline classes, under the cohort
filter and per quarter.

Usage: python3 official_tables.py INPUT_DIR PIPELINE_JSON OUTPUT_DIR

Standard library only. Reads `exit`, `outcome` and `cohorts` of the configuration; the exits
come from the reference oracle `../reference/exit_cohorts.py` (find_exits, with its §7c
options), the tables from `../cohorts/cohort_tables.py` (write_tables). The rules are read
here from the spec: the first rule whose every condition holds at the status month names the
category (employed true/false; any of `benefits`; the row's hovedstatus among `registered`;
the row's tiltak among `measures`); categories in table order are `outcome.order`, else the
order of their first rule.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "reference"))
sys.path.insert(0, os.path.join(HERE, "..", "cohorts"))
from exit_cohorts import find_exits  # noqa: E402
from cohort_tables import write_tables  # noqa: E402


def holds(rule, employed, benefits, status, tiltak):
    if "employed" in rule and rule["employed"] != employed:
        return False
    if "benefits" in rule and not benefits & set(rule["benefits"]):
        return False
    if "registered" in rule and status not in rule["registered"]:
        return False
    if "measures" in rule and tiltak not in rule["measures"]:
        return False
    return True


def main():
    input_dir, config_path, out = sys.argv[1:4]
    config = json.load(open(config_path, encoding="utf-8"))
    exit_, outcome, cohorts = config.get("exit", {}), config["outcome"], config.get("cohorts", {})
    rules = outcome["categories"]

    def categorize(employed, benefits, status, tiltak):
        return next(r["name"] for r in rules if holds(r, employed, benefits, status, tiltak))

    Q, H = exit_.get("quietMonths", 2), outcome.get("horizonMonths", 2)
    exits, _, _, first, last = find_exits(
        input_dir, Q, H, exit_.get("nedsLookbackMonths", 5), exit_.get("kind", "register"),
        set(exit_.get("measures", [])), exit_.get("betweenStatuses", False),
        exit_.get("betweenMeasures", False), categorize)
    names = outcome.get("order") or list(dict.fromkeys(r["name"] for r in rules))
    write_tables(exits, range(first, last - max(Q, H) + 1), cohorts, out, names, outcome["classes"])


if __name__ == "__main__":
    main()
