# Joins a monthly covariate to Cox spells by entry month (definitions.md §5,
# survival.covariates), independently of the pipeline's own join.
#
#   Rscript options_join.R SPELLS.csv VALUES.csv NAME OUT.csv LEFT_OUT.txt
#
# SPELLS.csv: time,event,<terms>,entry_month,count (from FixtureExport). VALUES.csv: month,value.
# OUT.csv: the spells whose entry month has a value, with a column NAME (the value) before
# `count` and without entry_month, for cox_fixture.R. LEFT_OUT.txt: the number of spells
# (sum of count) whose entry month has no value; the pipeline must leave out as many.
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 5) stop("usage: Rscript options_join.R SPELLS.csv VALUES.csv NAME OUT.csv LEFT_OUT.txt")
spells <- read.csv(args[1], colClasses = "character", check.names = FALSE)
values <- read.csv(args[2], colClasses = "character", check.names = FALSE)
stopifnot(identical(names(values), c("month", "value")), !anyDuplicated(values$month))
value <- as.numeric(values$value[match(spells$entry_month, values$month)])
has <- !is.na(value)
writeLines(as.character(sum(as.integer(spells$count[!has]))), args[5])
out <- spells[has, setdiff(names(spells), c("entry_month", "count")), drop = FALSE]
out[[args[3]]] <- sprintf("%.17g", value[has])
out$count <- spells$count[has]
write.csv(out, args[4], row.names = FALSE, quote = FALSE)
