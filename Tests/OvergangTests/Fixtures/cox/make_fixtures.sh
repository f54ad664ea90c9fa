#!/bin/sh
# Regenerates every Cox fixture in this folder from scratch (inputs from the R package
# survival and seeded simulations; outputs from survival::coxph).
# Needs Rscript with the package survival (Debian: apt-get install r-base-core r-cran-survival).
set -eu
cd "$(dirname "$0")"
R=cox_fixture.R

Rscript make_inputs.R

for name in lung veteran test1 test2 monthly monthly_cells collinear; do
  for ties in efron breslow; do
    rm -rf "${name}_${ties}"
    Rscript "$R" "$name.csv" "${name}_${ties}" "$ties"
  done
done

# Monotone likelihood: coxph warns and the coefficient runs off; only notes.txt is written.
rm -rf separation
for ties in efron breslow; do
  Rscript "$R" separation.csv separation "$ties"
done
test -f separation/notes.txt && ! test -e separation/cox.csv

Rscript closed_form.R

{
  Rscript -e 'cat(R.version.string, "\n", sep = "")'
  Rscript -e 'cat("survival ", as.character(packageVersion("survival")), "\n", sep = "")'
} > versions.txt
cat versions.txt
