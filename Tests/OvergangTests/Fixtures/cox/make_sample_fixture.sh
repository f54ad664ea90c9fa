#!/usr/bin/env bash
# Cox fixtures for sample-data/: export the spells the pipeline fits (aggregated, no person
# keys), then fit them with R's coxph. Run from the repository root after regenerating
# sample-data/:
#   bash Tests/OvergangTests/Fixtures/cox/make_sample_fixture.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
OVERGANG_WRITE_FIXTURES=1 swift test --filter FixtureExport
for e in deregistered transferred job measure situational; do
    rm -rf "$here/sample/${e}_efron"
    Rscript "$here/cox_fixture.R" "$here/sample/$e.csv" "$here/sample/${e}_efron" efron
done
