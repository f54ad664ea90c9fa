#!/usr/bin/env Rscript
# Independent R reference for the survival tables of definitions.md §5
# (actuarial life table, Kaplan-Meier, log-rank, Aalen-Johansen cumulative incidence).
#
#   Rscript survival_fixture.R spells     IN.csv OUTDIR EVENTNAME MAXMONTHS
#       IN.csv: time,event[,group][,count]   (event 0 = censored, 1 = event)
#       writes OUTDIR/lifetables.csv, OUTDIR/kaplan_meier.csv, OUTDIR/logrank.csv
#   Rscript survival_fixture.R competing  IN.csv OUTDIR CAUSE1NAME CAUSE2NAME MAXMONTHS
#       IN.csv: time,cause[,group][,count]   (cause 0 = censored, 1, 2 = competing causes)
#       writes OUTDIR/cumulative_incidence.csv
#
# Every value that is written comes from the R packages (KMsurv::lifetab, survival::survfit,
# survival::survdiff) and is asserted equal (to 1e-12 relative, 1e-10 for the log-rank
# statistic) to a direct implementation of the §5 formulas in this file.
# Conventions: undefined values are empty fields; numbers are sprintf("%.17g"); no row names;
# LF line ends; groups are sorted in C (byte) order; `count` defaults to 1; a time above
# MAXMONTHS is censored at MAXMONTHS (reported on stderr); without a group column only the
# pooled block (period "all") is written.

suppressPackageStartupMessages({
  library(survival)
  library(KMsurv)
})
invisible(Sys.setlocale("LC_COLLATE", "C"))

Z <- 1.959963984540054
TOL <- 1e-12

die <- function(...) {
  cat("survival_fixture.R: ", ..., "\n", sep = "", file = stderr())
  quit(status = 1)
}
note <- function(...) cat("survival_fixture.R: ", ..., "\n", sep = "", file = stderr())

# ---------------------------------------------------------------------------------------
# Output helpers

fmt_num <- function(x) {
  x <- as.numeric(x)
  out <- character(length(x))
  ok <- !is.na(x) & is.finite(x)
  y <- x[ok]
  y[y == 0] <- 0                      # no "-0"
  out[ok] <- sprintf("%.17g", y)
  out
}

csv_field <- function(s) {
  s <- as.character(s)
  needs <- grepl("[,\"\r\n]", s) | grepl("^\\s|\\s$", s)
  s[needs] <- paste0("\"", gsub("\"", "\"\"", s[needs], fixed = TRUE), "\"")
  s
}

# cols: named list of character vectors (already formatted)
write_table <- function(path, header, cols) {
  n <- if (length(cols)) length(cols[[1]]) else 0
  lines <- header_line <- paste(header, collapse = ",")
  if (n > 0) {
    body <- do.call(paste, c(unname(cols), sep = ","))
    lines <- c(header_line, body)
  }
  con <- file(path, open = "wb")
  on.exit(close(con))
  writeLines(lines, con, sep = "\n", useBytes = TRUE)
}

# ---------------------------------------------------------------------------------------
# Assertions

undefined <- function(x) is.na(x) | !is.finite(x)

assert_close <- function(a, b, what, tol = TOL) {
  a <- as.numeric(a); b <- as.numeric(b)
  if (length(a) != length(b)) die("cross-check ", what, ": lengths ", length(a), " vs ", length(b))
  ua <- undefined(a); ub <- undefined(b)
  if (any(ua != ub)) {
    i <- which(ua != ub)[1]
    die("cross-check ", what, ": defined/undefined mismatch at position ", i, ": ", a[i], " vs ", b[i])
  }
  d <- abs(a[!ua] - b[!ub])
  lim <- tol * pmax(1, abs(a[!ua]), abs(b[!ub]))
  if (any(d > lim)) {
    i <- which(d > lim)[1]
    die("cross-check ", what, ": ", sprintf("%.17g vs %.17g", a[!ua][i], b[!ub][i]))
  }
  invisible(TRUE)
}

# ---------------------------------------------------------------------------------------
# Input

read_input <- function(path, status_col, allowed, M) {
  if (!file.exists(path)) die(path, ": no such file")
  df <- tryCatch(
    read.csv(path, colClasses = "character", na.strings = character(0), check.names = FALSE,
             fileEncoding = "UTF-8-BOM", strip.white = FALSE, blank.lines.skip = TRUE),
    error = function(e) die(path, ": ", conditionMessage(e)))
  names(df) <- trimws(names(df))
  for (col in c("time", status_col))
    if (!(col %in% names(df))) die(path, ": missing column '", col, "'")
  line <- seq_len(nrow(df)) + 1L
  num <- function(col, what) {
    v <- suppressWarnings(as.numeric(trimws(df[[col]])))
    bad <- is.na(v) | !is.finite(v) | v != round(v) | v < 0
    if (any(bad)) { i <- which(bad)[1]; die(path, " line ", line[i], ": ", col, " '", df[[col]][i], "' is not ", what) }
    v
  }
  time <- num("time", "a whole number >= 0")
  status <- num(status_col, paste("one of", paste(allowed, collapse = "/")))
  if (any(!(status %in% allowed))) {
    i <- which(!(status %in% allowed))[1]
    die(path, " line ", line[i], ": ", status_col, " '", df[[status_col]][i], "' is not one of ", paste(allowed, collapse = "/"))
  }
  count <- if ("count" %in% names(df)) num("count", "a whole number >= 0") else rep(1, nrow(df))
  has_group <- "group" %in% names(df)
  group <- if (has_group) df[["group"]] else rep("all", nrow(df))
  extra <- setdiff(names(df), c("time", status_col, "group", "count"))
  if (length(extra)) note(path, ": ignoring column(s) ", paste(extra, collapse = ", "))
  over <- time > M
  if (any(over)) {
    note(path, ": ", sum(count[over]), " spell(s) longer than ", M, " months censored at ", M)
    time[over] <- M
    status[over] <- 0
  }
  list(time = time, status = status, count = count, group = group, has_group = has_group)
}

sorted_groups <- function(g) sort(unique(g), method = "radix")

# ---------------------------------------------------------------------------------------
# Actuarial life table

lifetable_direct <- function(time, event, count, M) {
  j <- 0:M
  n <- vapply(j, function(t) sum(count[time >= t]), 0)
  w <- vapply(j, function(t) sum(count[time == t & event == 0]), 0)
  d <- vapply(j, function(t) sum(count[time == t & event == 1]), 0)
  np <- n - w / 2
  q <- haz <- s_start <- s_end <- se <- rep(NA_real_, length(j))
  S <- 1; G <- 0
  for (k in seq_along(j)) {
    s_start[k] <- S
    if (n[k] > 0) {
      q[k] <- d[k] / np[k]
      p <- 1 - q[k]
      haz[k] <- d[k] / (np[k] - d[k] / 2)
      S <- S * p
      if (d[k] > 0) G <- G + q[k] / (np[k] * p)   # Inf when p = 0 (then S = 0, SE undefined)
    }
    s_end[k] <- S
    se[k] <- if (S > 0) S * sqrt(G) else NA_real_
  }
  data.frame(interval_start = j, interval_end = j + 1, entering = n, withdrawn = w,
             exposed = np, events = d, cond_prob = q, survival_start = s_start,
             survival_end = s_end, survival_end_se = se, hazard = haz)
}

# KMsurv::lifetab reports, for interval i (row i), surv = survival at the START of the
# interval and se.surv = its SE; the last row's hazard is NA (open last interval).  So the
# table is run on intervals 0..J (J = last interval anyone enters) plus one dummy interval
# [J+1, J+2) with no withdrawals or events: the survival at the END of interval i is surv
# on row i+1.  Intervals nobody enters (a suffix, since n_j never grows) would make lifetab
# divide 0/0, so they are filled by carrying survival and SE forward.
lifetable_lifetab <- function(dt) {
  out <- dt
  entered <- which(dt$entering > 0)
  if (!length(entered)) {
    out$cond_prob <- NA; out$hazard <- NA
    out$survival_start <- 1; out$survival_end <- 1; out$survival_end_se <- 0
    return(out)
  }
  J <- max(entered)                                   # 1-based row of the last entered interval
  if (any(dt$entering[seq_len(J)] <= 0)) die("internal: entered intervals not a prefix")
  lt <- KMsurv::lifetab(tis = 0:(J + 1), ninit = dt$entering[1],
                        nlost = c(dt$withdrawn[seq_len(J)], 0),
                        nevent = c(dt$events[seq_len(J)], 0))
  k <- seq_len(J)
  assert_close(lt$nsubs[k], dt$entering[k], "lifetab nsubs vs entering")
  assert_close(lt$nrisk[k], dt$exposed[k], "lifetab nrisk vs exposed")
  out$cond_prob[k] <- lt$nevent[k] / lt$nrisk[k]
  out$hazard[k] <- lt$hazard[k]                       # interval width 1
  out$survival_start[k] <- lt$surv[k]
  out$survival_end[k] <- lt$surv[k + 1]
  se <- lt$se.surv[k + 1]
  se[!(out$survival_end[k] > 0)] <- NA
  out$survival_end_se[k] <- se
  rest <- setdiff(seq_len(nrow(dt)), k)
  if (length(rest)) {
    out$cond_prob[rest] <- NA; out$hazard[rest] <- NA
    out$survival_start[rest] <- out$survival_end[J]
    out$survival_end[rest] <- out$survival_end[J]
    out$survival_end_se[rest] <- out$survival_end_se[J]
  }
  out
}

# ---------------------------------------------------------------------------------------
# Kaplan-Meier

km_direct <- function(time, event, count, M) {
  t <- 0:M
  n <- vapply(t, function(s) sum(count[time >= s]), 0)
  d <- vapply(t, function(s) sum(count[time == s & event == 1]), 0)
  cz <- vapply(t, function(s) sum(count[time == s & event == 0]), 0)
  S <- 1; V <- 0
  surv <- se <- lo <- hi <- numeric(length(t))
  for (k in seq_along(t)) {
    if (d[k] > 0) {
      S <- S * (1 - d[k] / n[k])
      V <- V + if (n[k] > d[k]) d[k] / (n[k] * (n[k] - d[k])) else Inf
    }
    surv[k] <- S
    if (S == 0) { se[k] <- lo[k] <- hi[k] <- NA }
    else if (S == 1) { se[k] <- 0; lo[k] <- 1; hi[k] <- 1 }
    else {
      sigma <- sqrt(V)
      se[k] <- S * sigma
      lo[k] <- S^exp(-Z * sigma / log(S))
      hi[k] <- S^exp(Z * sigma / log(S))
    }
  }
  data.frame(month = t, at_risk = n, events = d, censored = cz, survival = surv, se = se,
             ci_low = lo, ci_high = hi)
}

# survfit's $std.err for a KM curve is the SE of the cumulative hazard -log S
# (sigma = sqrt(sum d/(n(n-d)))), not of S: se(S) = S * std.err.  Values are read at
# whole months by stepping (right-continuous: events at t included), carried forward.
km_survfit <- function(time, event, count, M, dk) {
  out <- dk
  keep <- count > 0
  if (!any(keep)) {
    out$survival <- 1; out$se <- 0; out$ci_low <- 1; out$ci_high <- 1
    return(out)
  }
  dat <- data.frame(time = time[keep], event = event[keep], w = count[keep])
  fit <- survfit(Surv(time, event) ~ 1, data = dat, weights = w, conf.type = "log-log",
                 conf.int = 0.95)
  if (!isTRUE(all.equal(qnorm(0.975), Z, tolerance = 1e-15))) die("internal: z differs from qnorm(0.975)")
  # n.risk at the fit's own times must equal the direct at-risk counts
  ft <- fit$time
  assert_close(fit$n.risk, vapply(ft, function(s) sum(dat$w[dat$time >= s]), 0), "survfit n.risk")
  assert_close(fit$n.event, vapply(ft, function(s) sum(dat$w[dat$time == s & dat$event == 1]), 0), "survfit n.event")
  idx <- findInterval(0:M, ft)
  S <- ifelse(idx == 0, 1, fit$surv[pmax(idx, 1)])
  sig <- ifelse(idx == 0, 0, fit$std.err[pmax(idx, 1)])
  lo <- ifelse(idx == 0, 1, fit$lower[pmax(idx, 1)])
  hi <- ifelse(idx == 0, 1, fit$upper[pmax(idx, 1)])
  out$survival <- S
  out$se <- ifelse(S > 0, S * sig, NA)
  out$ci_low <- ifelse(S == 1, 1, ifelse(S == 0, NA, lo))
  out$ci_high <- ifelse(S == 1, 1, ifelse(S == 0, NA, hi))
  # cross-check with summary(fit, times = , extend = TRUE), whose std.err is on the S scale
  sm <- summary(fit, times = 0:M, extend = TRUE)
  assert_close(sm$surv, S, "summary.survfit surv vs stepping")
  ssd <- ifelse(sm$surv > 0, sm$std.err, NA)
  assert_close(ssd, out$se, "summary.survfit std.err (S scale) vs S*fit$std.err")
  out
}

# ---------------------------------------------------------------------------------------
# Log-rank

logrank_direct <- function(time, event, count, g, levels) {
  k <- length(levels)
  gi <- match(g, levels)
  O <- E <- numeric(k); V <- matrix(0, k, k)
  for (t in sort(unique(time[event == 1 & count > 0]))) {
    atrisk <- time >= t
    nt <- sum(count[atrisk]); dt <- sum(count[time == t & event == 1])
    ng <- vapply(seq_len(k), function(i) sum(count[atrisk & gi == i]), 0)
    dg <- vapply(seq_len(k), function(i) sum(count[time == t & event == 1 & gi == i]), 0)
    O <- O + dg
    E <- E + dt * ng / nt
    if (nt > 1) {
      f <- dt * (nt - dt) / (nt - 1)
      V <- V + f * (diag(ng / nt, k) - outer(ng, ng) / nt^2)
    }
  }
  r <- seq_len(k - 1)
  Vr <- V[r, r, drop = FALSE]
  chisq <- if (qr(Vr)$rank < k - 1) NA_real_ else drop(t(O - E)[, r, drop = FALSE] %*% solve(Vr, (O - E)[r]))
  list(O = O, E = E, V = V, chisq = chisq)
}

logrank <- function(time, event, count, group) {
  empty <- list(chisq = NA, df = NA, p = NA)
  if (!length(count)) return(empty)
  tot <- tapply(count, group, sum)
  with_spells <- sort(names(tot)[tot > 0], method = "radix")
  if (length(with_spells) < 2 || sum(count[event == 1]) == 0) return(empty)
  keep <- count > 0 & group %in% with_spells
  idx <- rep(which(keep), count[keep])                   # expand frequency counts
  ex <- data.frame(time = time[idx], event = event[idx],
                   g = factor(group[idx], levels = with_spells))
  sd <- survdiff(Surv(time, event) ~ g, data = ex)
  dir <- logrank_direct(time[keep], event[keep], count[keep], group[keep], with_spells)
  assert_close(sd$obs, dir$O, "survdiff observed")
  assert_close(sd$exp, dir$E, "survdiff expected", 1e-10)
  assert_close(sd$var, dir$V, "survdiff variance", 1e-10)
  df <- length(with_spells) - 1
  if (undefined(dir$chisq)) {
    note("log-rank: variance of O-E is singular; chisq left empty (survdiff gave ", sd$chisq, ")")
    return(empty)
  }
  assert_close(sd$chisq, dir$chisq, "survdiff chisq", 1e-10)
  list(chisq = sd$chisq, df = df, p = pchisq(sd$chisq, df, lower.tail = FALSE))
}

# ---------------------------------------------------------------------------------------
# Cumulative incidence (Aalen-Johansen)

cif_direct <- function(time, cause, count, M) {
  S <- 1; C1 <- 0; C2 <- 0
  res <- matrix(NA_real_, M + 1, 2)
  for (t in 0:M) {
    n <- sum(count[time >= t])
    d1 <- sum(count[time == t & cause == 1]); d2 <- sum(count[time == t & cause == 2])
    if (d1 + d2 > 0) {
      C1 <- C1 + S * d1 / n
      C2 <- C2 + S * d2 / n
      S <- S * (1 - (d1 + d2) / n)
    }
    res[t + 1, ] <- c(C1, C2)
  }
  res
}

cif_survfit <- function(time, cause, count, M, names) {
  keep <- count > 0
  if (sum(count[keep & cause > 0]) == 0) return(matrix(0, M + 1, 2))
  dat <- data.frame(time = time[keep], w = count[keep],
                    st = factor(cause[keep], levels = 0:2, labels = c("censor", names)))
  fit <- survfit(Surv(time, st) ~ 1, data = dat, weights = w)
  cols <- match(names, fit$states)
  if (anyNA(cols)) die("internal: survfit states ", paste(fit$states, collapse = "/"), " lack a cause")
  idx <- findInterval(0:M, fit$time)
  res <- matrix(0, M + 1, 2)
  res[idx > 0, ] <- fit$pstate[idx[idx > 0], cols, drop = FALSE]
  res
}

# ---------------------------------------------------------------------------------------
# Modes

blocks_of <- function(inp) {
  b <- list(all = rep(TRUE, length(inp$time)))
  if (inp$has_group)
    for (g in sorted_groups(inp$group)) b[[length(b) + 1]] <- inp$group == g
  labels <- c("all", if (inp$has_group) sorted_groups(inp$group))
  list(labels = labels, sel = b)
}

parse_M <- function(s) {
  M <- suppressWarnings(as.numeric(s))
  if (is.na(M) || M != round(M) || M < 0) die("MAXMONTHS '", s, "' is not a whole number >= 0")
  M
}

run_spells <- function(inpath, outdir, eventname, M) {
  inp <- read_input(inpath, "event", c(0, 1), M)
  dir.create(outdir, recursive = TRUE, showWarnings = FALSE)
  bl <- blocks_of(inp)
  lt_rows <- list(); km_rows <- list()
  for (b in seq_along(bl$labels)) {
    s <- bl$sel[[b]]
    tm <- inp$time[s]; ev <- inp$status[s]; ct <- inp$count[s]
    dt <- lifetable_direct(tm, ev, ct, M)
    lt <- lifetable_lifetab(dt)
    for (col in names(dt)) assert_close(lt[[col]], dt[[col]], paste0("life table ", bl$labels[b], " ", col))
    lt_rows[[b]] <- cbind(event = eventname, period = bl$labels[b], lt)
    dk <- km_direct(tm, ev, ct, M)
    km <- km_survfit(tm, ev, ct, M, dk)
    for (col in names(dk)) assert_close(km[[col]], dk[[col]], paste0("Kaplan-Meier ", bl$labels[b], " ", col))
    km_rows[[b]] <- cbind(event = eventname, period = bl$labels[b], km)
  }
  lt <- do.call(rbind, lt_rows); km <- do.call(rbind, km_rows)
  txt <- c("event", "period")
  write_table(file.path(outdir, "lifetables.csv"), names(lt),
              lapply(names(lt), function(c) if (c %in% txt) csv_field(lt[[c]]) else fmt_num(lt[[c]])))
  write_table(file.path(outdir, "kaplan_meier.csv"), names(km),
              lapply(names(km), function(c) if (c %in% txt) csv_field(km[[c]]) else fmt_num(km[[c]])))
  lr <- if (inp$has_group) logrank(inp$time, inp$status, inp$count, inp$group) else list(chisq = NA, df = NA, p = NA)
  write_table(file.path(outdir, "logrank.csv"), c("event", "chisq", "df", "p"),
              list(csv_field(eventname), fmt_num(lr$chisq), fmt_num(lr$df), fmt_num(lr$p)))
}

run_competing <- function(inpath, outdir, names, M) {
  if (anyDuplicated(c("censor", names))) die("cause names must differ from each other and from 'censor'")
  inp <- read_input(inpath, "cause", c(0, 1, 2), M)
  dir.create(outdir, recursive = TRUE, showWarnings = FALSE)
  labels <- if (inp$has_group) sorted_groups(inp$group) else "all"
  period <- month <- cause <- character(0); inc <- numeric(0)
  for (g in labels) {
    s <- if (inp$has_group) inp$group == g else rep(TRUE, length(inp$time))
    dd <- cif_direct(inp$time[s], inp$status[s], inp$count[s], M)
    sf <- cif_survfit(inp$time[s], inp$status[s], inp$count[s], M, names)
    assert_close(sf, dd, paste0("cumulative incidence ", g))
    period <- c(period, rep(g, 2 * (M + 1)))
    month <- c(month, rep(0:M, each = 2))
    cause <- c(cause, rep(names, M + 1))
    inc <- c(inc, as.vector(t(sf)))
  }
  write_table(file.path(outdir, "cumulative_incidence.csv"), c("period", "month", "cause", "incidence"),
              list(csv_field(period), fmt_num(as.numeric(month)), csv_field(cause), fmt_num(inc)))
}

args <- commandArgs(trailingOnly = TRUE)
usage <- paste("usage: survival_fixture.R spells IN.csv OUTDIR EVENTNAME MAXMONTHS",
               "       survival_fixture.R competing IN.csv OUTDIR CAUSE1NAME CAUSE2NAME MAXMONTHS", sep = "\n")
if (length(args) >= 1 && args[1] == "spells" && length(args) == 5) {
  run_spells(args[2], args[3], args[4], parse_M(args[5]))
} else if (length(args) >= 1 && args[1] == "competing" && length(args) == 6) {
  run_competing(args[2], args[3], args[4:5], parse_M(args[6]))
} else {
  cat(usage, "\n", file = stderr()); quit(status = 2)
}
