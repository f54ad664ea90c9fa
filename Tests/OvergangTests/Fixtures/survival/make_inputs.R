#!/usr/bin/env Rscript
# Builds the spell files veteran_months.csv, lung_months.csv and mgus2_halfyears.csv from
# data sets shipped with the R package survival.  Run from this folder (make_fixtures.sh does).
suppressPackageStartupMessages(library(survival))
invisible(Sys.setlocale("LC_COLLATE", "C"))

# time (whole units), status column (event indicator or cause), group label -> counts per
# (group, time, status); a time above M becomes M with status 0 (censored at M).
aggregate_spells <- function(time, status, group, M, status_name) {
  stopifnot(all(time >= 0), !anyNA(time), !anyNA(status), !anyNA(group))
  over <- time > M
  time[over] <- M
  status[over] <- 0
  key <- data.frame(group = group, time = time, status = status)
  tab <- aggregate(list(count = rep(1L, nrow(key))), key, length)
  tab <- tab[order(tab$group, tab$time, tab$status, method = "radix"), ]
  out <- data.frame(time = tab$time, status = tab$status, group = tab$group, count = tab$count)
  names(out)[2] <- status_name
  out
}

write_lf <- function(df, path) {
  con <- file(path, open = "wb"); on.exit(close(con))
  write.csv(df, con, row.names = FALSE, quote = FALSE, eol = "\n")
}

# 1. veteran: days -> months = ceiling(days / 30.4375) (30.4375 = 365.25 / 12), status 1 = death,
#    trt 1 = "baseline" (standard), 2 = "comparison" (test); M = 12.
v <- survival::veteran
write_lf(aggregate_spells(ceiling(v$time / 30.4375), v$status,
                          c("1" = "baseline", "2" = "comparison")[as.character(v$trt)], 12, "event"),
         "veteran_months.csv")

# 2. lung: days -> months as above, status 2 = death (1 = censored), sex 1 = "baseline" (male),
#    2 = "comparison" (female); M = 24.
l <- survival::lung
write_lf(aggregate_spells(ceiling(l$time / 30.4375), as.integer(l$status == 2),
                          c("1" = "baseline", "2" = "comparison")[as.character(l$sex)], 24, "event"),
         "lung_months.csv")

# 3. mgus2 competing risks (as in the survival "compete" vignette): etime = ptime if progression
#    to plasma cell malignancy (pstat = 1) else futime (months); cause 1 = PCM ("transferred"),
#    2 = death before PCM ("deregistered"), 0 = censored.  Time unit: half-years,
#    ceiling(etime / 6); sex F = "baseline", M = "comparison"; M = 12 (six years).
m <- survival::mgus2
etime <- ifelse(m$pstat == 0, m$futime, m$ptime)
cause <- ifelse(m$pstat == 0, 2 * m$death, 1)
write_lf(aggregate_spells(ceiling(etime / 6), cause,
                          c(F = "baseline", M = "comparison")[as.character(m$sex)], 12, "cause"),
         "mgus2_halfyears.csv")

# 4. lung and veteran in days, uncapped (M = the longest time), for the quantiles of
#    quantile_fixture.R: lung group = sex (1 "baseline", 2 "comparison"), event = status 2;
#    veteran group = trt (1 "baseline", 2 "comparison").
write_lf(aggregate_spells(l$time, as.integer(l$status == 2),
                          c("1" = "baseline", "2" = "comparison")[as.character(l$sex)], max(l$time), "event"),
         "lung_days.csv")
write_lf(aggregate_spells(v$time, v$status,
                          c("1" = "baseline", "2" = "comparison")[as.character(v$trt)], max(v$time), "event"),
         "veteran_days.csv")
