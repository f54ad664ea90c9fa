#!/bin/sh
# Regenerates every fixture in this folder from scratch.
# Needs R with the packages survival and KMsurv (Debian: r-base-core r-cran-survival r-cran-kmsurv).
set -eu
cd "$(dirname "$0")"
R=survival_fixture.R

# Hand-checkable spell sets (their expected values are worked out in README.md).
cat > tiny.csv <<'CSV'
time,event,group,count
0,0,baseline,1
1,1,baseline,2
1,0,baseline,1
3,1,baseline,1
4,0,baseline,1
5,1,baseline,1
1,1,comparison,1
2,1,comparison,2
3,1,comparison,1
CSV
cat > tiny_nogroup.csv <<'CSV'
time,event
0,0
2,1
2,1
2,0
3,0
4,1
CSV
cat > tiny_competing.csv <<'CSV'
time,cause,group,count
0,0,baseline,1
1,1,baseline,2
1,2,baseline,1
2,0,baseline,1
3,2,baseline,1
1,1,comparison,1
2,1,comparison,1
2,0,comparison,1
CSV

# Spell files from the data sets of the R package survival.
Rscript make_inputs.R

rm -rf veteran lung mgus2 tiny tiny_nogroup tiny_competing quantile_ties lung_days veteran_days
Rscript $R spells    veteran_months.csv  veteran        lifetable 12
Rscript $R spells    lung_months.csv     lung           lifetable 24
Rscript $R competing mgus2_halfyears.csv mgus2          transferred deregistered 12
Rscript $R spells    tiny.csv            tiny           lifetable 5
Rscript $R spells    tiny_nogroup.csv    tiny_nogroup   lifetable 4
Rscript $R competing tiny_competing.csv  tiny_competing transferred deregistered 4

# Quantiles of duration (definitions.md §7a) on the same sets, the textbook data in days, and
# a hand-checkable set where S equals 1 - p over an interval (README).
cat > quantile_ties.csv <<'CSV'
time,event,group,count
1,1,flat_to_end,1
2,1,flat_to_end,1
4,0,flat_to_end,1
6,0,flat_to_end,1
1,1,flat_then_drop,1
2,1,flat_then_drop,1
5,1,flat_then_drop,1
7,0,flat_then_drop,1
CSV
Q=quantile_fixture.R
Rscript $Q veteran_months.csv veteran       lifetable 12
Rscript $Q lung_months.csv    lung          lifetable 24
Rscript $Q tiny.csv           tiny          lifetable 5
Rscript $Q tiny_nogroup.csv   tiny_nogroup  lifetable 4
Rscript $Q quantile_ties.csv  quantile_ties lifetable 7
Rscript $Q lung_days.csv      lung_days     lifetable 1022
Rscript $Q veteran_days.csv   veteran_days  lifetable 999

Rscript -e 'cat(R.version.string, "\n", "survival ", format(packageVersion("survival")), "\n", "KMsurv ", format(packageVersion("KMsurv")), "\n", sep = "")' > versions.txt
cat versions.txt
