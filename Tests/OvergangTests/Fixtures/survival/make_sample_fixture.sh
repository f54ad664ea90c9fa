#!/usr/bin/env bash
# Reference survival tables for sample-data/, computed by R from the spells that the pipeline
# writes (output/survival_spells.csv: event,period,time,end,count, aggregated, no person keys).
#
#   swift run overgang run            # writes output/survival_spells.csv
#   bash Tests/OvergangTests/Fixtures/survival/make_sample_fixture.sh [output/survival_spells.csv]
#
# For every event: sample/<event>_spells.csv (time,event,group,count) and R's lifetables.csv,
# kaplan_meier.csv, logrank.csv and quantiles.csv in sample/<event>/; for the unit's competing ends:
# sample/unit_end_spells.csv (time,cause,group,count) and sample/unit_end/cumulative_incidence.csv.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
spells=${1:-output/survival_spells.csv}
max_months=${MAX_MONTHS:-12}
rm -rf "$here/sample"
mkdir -p "$here/sample"
for event in $(tail -n +2 "$spells" | cut -d, -f1 | sort -u); do
    if [ "$event" = unit_end ]; then
        { echo "time,cause,group,count"; awk -F, -v e="$event" '$1 == e { print $3 "," $4 "," $2 "," $5 }' "$spells"; } > "$here/sample/${event}_spells.csv"
        Rscript "$here/survival_fixture.R" competing "$here/sample/${event}_spells.csv" "$here/sample/$event" transferred deregistered "$max_months"
    else
        { echo "time,event,group,count"; awk -F, -v e="$event" '$1 == e { print $3 "," $4 "," $2 "," $5 }' "$spells"; } > "$here/sample/${event}_spells.csv"
        Rscript "$here/survival_fixture.R" spells "$here/sample/${event}_spells.csv" "$here/sample/$event" "$event" "$max_months"
        Rscript "$here/quantile_fixture.R" "$here/sample/${event}_spells.csv" "$here/sample/$event" "$event" "$max_months"
    fi
done
