#!/usr/bin/env Rscript
# Reference for survival_quantiles.csv (definitions.md §7a): the 25th, 50th and 75th percentile
# of T from the Kaplan-Meier curve with its 95 % interval, as
# quantile(survfit(Surv(time, event) ~ 1, weights = count, conf.type = "log-log")).
#
#   Rscript quantile_fixture.R IN.csv OUTDIR EVENTNAME MAXMONTHS
#       IN.csv: time,event[,group][,count]   (event 0 = censored, 1 = event)
#       writes OUTDIR/quantiles.csv: event,period,quantile,months,ci_low,ci_high
#
# Blocks as survival_fixture.R: `all` first, then each group in C order. A time above
# MAXMONTHS is censored at MAXMONTHS. Empty fields where a curve or band never reaches 1 - p.
# The point estimates are asserted equal to a direct reading of the rule (first time with
# S <= 1 - p; where S equals 1 - p up to the next drop, the midpoint; to the last time when S
# stays at 1 - p), written out below without survival's internals.
suppressPackageStartupMessages(library(survival))
invisible(Sys.setlocale("LC_COLLATE", "C"))
die <- function(...) { cat("quantile_fixture.R: ", ..., "\n", sep = "", file = stderr()); quit(status = 1) }
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 4) die("usage: Rscript quantile_fixture.R IN.csv OUTDIR EVENTNAME MAXMONTHS")
d <- read.csv(args[1], colClasses = "character", check.names = FALSE)
M <- as.numeric(args[4])
time <- as.numeric(d$time); event <- as.numeric(d$event)
count <- if ("count" %in% names(d)) as.numeric(d$count) else rep(1, nrow(d))
group <- if ("group" %in% names(d)) d$group else NULL
over <- time > M; time[over] <- M; event[over] <- 0
P <- c(0.25, 0.5, 0.75)
fmt <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))

# The rule read directly off the step function (tolerance as quantile.survfit's default).
direct <- function(t, s, p, tol = sqrt(.Machine$double.eps)) {
  target <- 1 - p
  hit <- which(s <= target + tol)
  if (length(hit) == 0) return(NA)
  k <- hit[1]
  if (abs(s[k] - target) >= tol) return(t[k])
  below <- which(s < target - tol)
  if (length(below) == 0) return((t[k] + max(t)) / 2)
  (t[k] + t[below[1]]) / 2
}

block <- function(name, keep) {
  w <- count[keep]
  if (sum(w) == 0) return(NULL)
  fit <- survfit(Surv(time[keep], event[keep]) ~ 1, weights = w, conf.type = "log-log")
  q <- quantile(fit, probs = P)
  for (i in seq_along(P)) {
    mine <- direct(fit$time, fit$surv, P[i])
    if (!identical(is.na(mine), is.na(unname(q$quantile[i]))) ||
        (!is.na(mine) && abs(mine - q$quantile[i]) > 1e-12)) {
      die(args[1], " ", name, " p = ", P[i], ": quantile() gives ", q$quantile[i], ", the rule ", mine)
    }
  }
  data.frame(event = args[3], period = name, quantile = sprintf("%g", 100 * P),
             months = fmt(unname(q$quantile)), ci_low = fmt(unname(q$lower)), ci_high = fmt(unname(q$upper)))
}
blocks <- list(block("all", rep(TRUE, length(time))))
if (!is.null(group)) for (g in sort(unique(group), method = "radix")) blocks <- c(blocks, list(block(g, group == g)))
out <- do.call(rbind, blocks)
dir.create(args[2], showWarnings = FALSE, recursive = TRUE)
write.table(out, file.path(args[2], "quantiles.csv"), sep = ",", quote = FALSE, row.names = FALSE, eol = "\n")
