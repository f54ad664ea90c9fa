#!/usr/bin/env bash
# Cox fixtures for the survival options on sample-data/ (survival.ties, survival.covariates,
# survival.pooled): export each event's spells of the two-period and the pooled model with
# their entry month (FixtureExport, no person keys), join vacancies.csv to them in R
# (options_join.R), fit with coxph under both ties (cox_fixture.R). Run from the repository root:
#   bash Tests/OvergangTests/Fixtures/cox/make_options_fixture.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/sample-options"
mkdir -p "$out"
# The covariate: a made-up monthly series ("vacancies in thousands") from 2020-09 to 2023-09,
# so spells that enter in 2023-10 or 2023-11 have no value and are left out.
Rscript -e 'm <- seq(as.Date("2020-09-01"), as.Date("2023-09-01"), by = "month"); i <- seq_along(m) - 1
            v <- round(60 + 8 * sin(i / 4) + 0.35 * i, 1)
            writeLines(c("month,value", sprintf("%s,%s", format(m, "%Y-%m"), format(v, nsmall = 1, trim = TRUE))), "'"$out"'/vacancies.csv")'
OVERGANG_WRITE_FIXTURES=1 swift test --filter FixtureExport/testWriteSampleCoxOptionSpells
for e in deregistered transferred job measure situational; do
    for model in periods pooled; do
        name="${e}_${model}"
        Rscript "$here/options_join.R" "$out/$name.csv" "$out/vacancies.csv" vacancies "$out/${name}_joined.csv" "$out/${name}_left_out.txt"
        for ties in efron breslow; do
            rm -rf "$out/${name}_${ties}"
            Rscript "$here/cox_fixture.R" "$out/${name}_joined.csv" "$out/${name}_${ties}" "$ties"
        done
    done
done
