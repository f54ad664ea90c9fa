# Reference Cox regression for `overgang cox` (definitions.md §5, interface.md).
#
#   Rscript cox_fixture.R IN.csv OUTDIR TIES [TIME_COL EVENT_COL]
#
# IN.csv: comma-separated with a header. TIME_COL (default `time`) and EVENT_COL (default
# `event`, values 0/1), an optional `count` column (frequency: each row is repeated `count`
# times before fitting, so tied events count as separate rows), every other column a
# covariate: numeric if all its non-empty values parse as numbers, else categorical with
# levels in C (byte) sort order, the first level the reference, one term per other level
# named `<column>_<level>`. Rows with any empty field are dropped (the number goes to stderr).
#
# Fits coxph(Surv(time, event) ~ covariates, ties = TIES) with a tight convergence
# control and writes into OUTDIR:
#   cox.csv      event,term,coef,se,z,p,hr,hr_low,hr_high,flag   (event = `cox`, flag empty)
#   fit.csv      n,events,loglik_null,loglik,lr_chisq,lr_df,lr_p,iterations
#   dropped.txt  terms R reports as NA (collinear / no variation), one a line (empty if none)
#   vcov.csv     event,row_term,col_term,covariance   (vcov(fit) of the estimated terms, long)
#   tests.csv    event,factor,terms,chisq,df,p        (Wald b'V^-1 b per factor, below)
# Every fit is re-derived by an independent Newton-Raphson on the Breslow/Efron partial
# likelihood (below); the script stops with status 1 if the two disagree.
#
# If coxph warns that a coefficient may be infinite (monotone likelihood) or does not
# converge, no cox.csv/fit.csv is written; instead a section for this TIES is appended to
# OUTDIR/notes.txt recording the warning and what coxph returned.

suppressPackageStartupMessages(library(survival))
options(warn = 1)

die <- function(...) {
  cat("cox_fixture.R: ", ..., "\n", sep = "", file = stderr())
  quit(status = 1)
}

args <- commandArgs(trailingOnly = TRUE)
if (!(length(args) %in% c(3, 5))) {
  die("usage: Rscript cox_fixture.R IN.csv OUTDIR TIES [TIME_COL EVENT_COL]")
}
infile <- args[1]
outdir <- args[2]
ties <- args[3]
time_col <- if (length(args) == 5) args[4] else "time"
event_col <- if (length(args) == 5) args[5] else "event"
if (!(ties %in% c("efron", "breslow"))) die("TIES must be efron or breslow, not '", ties, "'")

Z975 <- 1.959963984540054
fmt <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))

# ---- read ------------------------------------------------------------------------------
raw <- tryCatch(
  read.csv(infile, colClasses = "character", na.strings = character(0),
           check.names = FALSE, strip.white = FALSE),
  error = function(e) die(infile, ": ", conditionMessage(e)))
cols <- names(raw)
for (c in c(time_col, event_col)) if (!(c %in% cols)) die(infile, ": no column '", c, "'")
if (anyDuplicated(cols)) die(infile, ": duplicate column names")

empty_row <- apply(raw == "", 1, any)
if (any(empty_row)) {
  cat(sprintf("%s: %d row(s) with an empty field left out (lines %s)\n", infile,
              sum(empty_row), paste(which(empty_row) + 1, collapse = ",")), file = stderr())
}
raw <- raw[!empty_row, , drop = FALSE]
if (nrow(raw) == 0) die(infile, ": no rows left")

is_num <- function(x) !any(is.na(suppressWarnings(as.numeric(x))))
for (c in c(time_col, event_col, if ("count" %in% cols) "count")) {
  if (!is_num(raw[[c]])) die(infile, ": column '", c, "' is not numeric")
}
time <- as.numeric(raw[[time_col]])
event <- as.numeric(raw[[event_col]])
if (any(!(event %in% c(0, 1)))) die(infile, ": event must be 0 or 1")
if (any(time < 0)) die(infile, ": negative time")
count <- rep(1, nrow(raw))
if ("count" %in% cols) {
  count <- as.numeric(raw$count)
  if (any(count < 0 | count != round(count))) die(infile, ": count must be a whole number >= 0")
}

covs <- setdiff(cols, c(time_col, event_col, "count"))
if (length(covs) == 0) die(infile, ": no covariates")

# Build the design with safe internal names V1..Vk; remember the public term names.
dat <- data.frame(time = time, event = event)
term_r <- character(0)   # names coxph will give the coefficients
term_pub <- character(0) # names written to cox.csv
kinds <- character(0)
for (i in seq_along(covs)) {
  c <- covs[i]
  v <- paste0("V", i, "_")
  x <- raw[[c]]
  if (is_num(x)) {
    dat[[v]] <- as.numeric(x)
    term_r <- c(term_r, v)
    term_pub <- c(term_pub, c)
    kinds <- c(kinds, sprintf("%s numeric", c))
  } else {
    lev <- sort(unique(x), method = "radix")
    if (length(lev) == 1) {
      kinds <- c(kinds, sprintf("%s categorical with the single value '%s': no terms", c, lev))
      next
    }
    dat[[v]] <- factor(x, levels = lev)
    term_r <- c(term_r, paste0(v, lev[-1]))
    term_pub <- c(term_pub, paste0(c, "_", lev[-1]))
    kinds <- c(kinds, sprintf("%s categorical, reference '%s', levels %s", c, lev[1],
                              paste(lev, collapse = "|")))
  }
}
cat(sprintf("%s: %s\n", infile, paste(kinds, collapse = "; ")), file = stderr())

# Frequency expansion: every spell becomes its own row (Efron's d counts them separately).
dat <- dat[rep(seq_len(nrow(dat)), times = count), , drop = FALSE]
rownames(dat) <- NULL
vars <- setdiff(names(dat), c("time", "event"))
if (length(vars) == 0) die(infile, ": no covariate with terms")
form <- as.formula(paste("Surv(time, event) ~", paste(vars, collapse = " + ")))

# ---- fit -------------------------------------------------------------------------------
ctl <- coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-14)
warns <- character(0)
fit <- withCallingHandlers(
  coxph(form, data = dat, ties = ties, control = ctl),
  warning = function(w) {
    warns <<- c(warns, conditionMessage(w))
    invokeRestart("muffleWarning")
  })
for (w in warns) cat("coxph warning: ", w, "\n", sep = "", file = stderr())
coefs <- coef(fit)
if (!identical(names(coefs), term_r)) {
  die("unexpected coefficient names: ", paste(names(coefs), collapse = ","))
}
pub_of <- function(r) term_pub[match(r, term_r)]
dir.create(outdir, showWarnings = FALSE, recursive = TRUE)

diverged <- length(warns) > 0 &&
  any(grepl("infinite|did not converge|Ran out of iterations", warns))
if (diverged) {
  nf <- file.path(outdir, "notes.txt")
  se_all <- rep(NA_real_, length(coefs))
  se_all[!is.na(coefs)] <- sqrt(diag(fit$var)[!is.na(coefs)])
  tab <- data.frame(term = pub_of(names(coefs)), coef = fmt(coefs), se = fmt(se_all),
                    z = fmt(coefs / se_all), hr = fmt(exp(coefs)))
  lines <- c(
    sprintf("## ties = %s", ties),
    "",
    sprintf("coxph(Surv(%s, %s) ~ ., ties = \"%s\", control = coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-14))",
            time_col, event_col, ties),
    sprintf("input: %s, n = %d, events = %d", basename(infile), fit$n, fit$nevent),
    "",
    "warning(s) from coxph:",
    paste0("    ", warns),
    sprintf("(coxph numbers the variables in term order: %s)",
            paste(sprintf("%d = %s", seq_along(term_pub), term_pub), collapse = ", ")),
    "",
    sprintf("iterations = %d, loglik_null = %s, loglik = %s", fit$iter,
            fmt(fit$loglik[1]), fmt(fit$loglik[2])),
    "",
    "term,coef,se,z,hr",
    paste(tab$term, tab$coef, tab$se, tab$z, tab$hr, sep = ","),
    "", "")
  cat(lines, file = nf, sep = "\n", append = file.exists(nf))
  unlink(file.path(outdir, c("cox.csv", "fit.csv", "dropped.txt", "vcov.csv", "tests.csv")))
  cat(sprintf("%s: diverged (ties = %s); notes appended to %s\n", infile, ties, nf),
      file = stderr())
  quit(status = 0)
}
if (length(warns) > 0) die("unexpected warning(s) from coxph; refusing to write a fixture")

# ---- independent check: Newton-Raphson on the Breslow / Efron partial likelihood -------
pl <- function(beta, X, time, status, ties) {
  p <- ncol(X)
  eta <- drop(X %*% beta)
  w <- exp(eta)
  ll <- 0; u <- numeric(p); imat <- matrix(0, p, p)
  for (t in sort(unique(time[status == 1]))) {
    R <- time >= t
    D <- R & time == t & status == 1
    d <- sum(D)
    s0 <- sum(w[R]); s1 <- colSums(w[R] * X[R, , drop = FALSE])
    s2 <- crossprod(X[R, , drop = FALSE] * sqrt(w[R]))
    d0 <- sum(w[D]); d1 <- colSums(w[D] * X[D, , drop = FALSE])
    d2 <- crossprod(X[D, , drop = FALSE] * sqrt(w[D]))
    ll <- ll + sum(eta[D]); u <- u + colSums(X[D, , drop = FALSE])
    for (k in 0:(d - 1)) {
      f <- if (ties == "efron") k / d else 0
      a0 <- s0 - f * d0; a1 <- s1 - f * d1; a2 <- s2 - f * d2
      ll <- ll - log(a0)
      u <- u - a1 / a0
      imat <- imat + a2 / a0 - tcrossprod(a1 / a0)
    }
  }
  list(loglik = ll, u = u, imat = imat)
}
ok <- !is.na(coefs)
X <- model.matrix(fit)[, ok, drop = FALSE]
beta <- rep(0, ncol(X))
cur <- pl(beta, X, dat$time, dat$event, ties)
ll0 <- cur$loglik
for (it in 1:200) {
  step <- solve(cur$imat, cur$u)
  nb <- beta + step
  nxt <- pl(nb, X, dat$time, dat$event, ties)
  h <- 0
  while (nxt$loglik < cur$loglik - 1e-12 * abs(cur$loglik) && h < 30) {
    step <- step / 2; nb <- beta + step; nxt <- pl(nb, X, dat$time, dat$event, ties); h <- h + 1
  }
  done <- max(abs(step)) < 1e-13 * max(1, max(abs(nb)))
  beta <- nb; cur <- nxt
  if (done) break
}
myvar <- solve(cur$imat)
chk <- function(what, a, b, tol) {
  err <- max(abs(a - b) / pmax(1, abs(b)))
  if (!is.finite(err) || err > tol) die(sprintf("check failed: %s differs by %.3g", what, err))
  err
}
errs <- c(
  coef = chk("coef", unname(coefs[ok]), beta, 1e-8),
  se = chk("se", sqrt(diag(fit$var)[ok]), sqrt(diag(myvar)), 1e-8),
  loglik = chk("loglik", fit$loglik[2], cur$loglik, 1e-10),
  loglik_null = chk("loglik_null", fit$loglik[1], ll0, 1e-10))
cat(sprintf("%s (%s): independent Newton-Raphson agrees (max rel. diff coef %.2g, se %.2g, loglik %.2g)\n",
            infile, ties, errs["coef"], errs["se"], errs["loglik"]), file = stderr())

# ---- write -----------------------------------------------------------------------------
b <- unname(coefs[ok])
se <- sqrt(diag(fit$var)[ok])
z <- b / se
p <- 2 * pnorm(-abs(z))
sm <- summary(fit)$coefficients[ok, , drop = FALSE]
invisible(chk("summary z", sm[, "z"], z, 1e-12))
invisible(chk("summary p", sm[, "Pr(>|z|)"], p, 1e-12))
cox <- data.frame(event = "cox", term = pub_of(names(coefs)[ok]), coef = fmt(b), se = fmt(se),
                  z = fmt(z), p = fmt(p), hr = fmt(exp(b)),
                  hr_low = fmt(exp(b - Z975 * se)), hr_high = fmt(exp(b + Z975 * se)),
                  flag = "")
write.table(cox, file.path(outdir, "cox.csv"), sep = ",", quote = FALSE, row.names = FALSE,
            eol = "\n")
lr <- 2 * (fit$loglik[2] - fit$loglik[1])
df <- sum(ok)
fitrow <- data.frame(n = fmt(fit$n), events = fmt(fit$nevent), loglik_null = fmt(fit$loglik[1]),
                     loglik = fmt(fit$loglik[2]), lr_chisq = fmt(lr), lr_df = fmt(df),
                     lr_p = fmt(pchisq(lr, df, lower.tail = FALSE)), iterations = fmt(fit$iter))
write.table(fitrow, file.path(outdir, "fit.csv"), sep = ",", quote = FALSE, row.names = FALSE,
            eol = "\n")

# vcov.csv: the covariance matrix of the estimated terms (vcov(fit)), long format, row-major.
V <- vcov(fit)[ok, ok, drop = FALSE]
invisible(chk("vcov", V, myvar, 1e-8))
pub <- pub_of(names(coefs)[ok])
vc <- data.frame(event = "cox", row_term = rep(pub, each = length(pub)), col_term = rep(pub, times = length(pub)),
                 covariance = fmt(as.vector(t(V))))
write.table(vc, file.path(outdir, "vcov.csv"), sep = ",", quote = FALSE, row.names = FALSE, eol = "\n")

# tests.csv: the Wald test that all terms of a factor are zero, b' V^-1 b with V = vcov(fit).
# A factor is a categorical column (its terms `<column>_<level>`), or the 0/1 columns of the
# pipeline's education and immigrant terms (`edu_*`, `immigrant_*`, definitions.md 7a);
# every other term is a factor of its own (df 1). Factors in the order of their first term.
factor_of <- function(term) {
  for (c in covs) if (!is_num(raw[[c]]) && startsWith(term, paste0(c, "_"))) return(c)
  for (f in c("edu", "immigrant")) if (startsWith(term, paste0(f, "_"))) return(f)
  term
}
factors <- vapply(pub, factor_of, "")
tests <- do.call(rbind, lapply(unique(factors), function(f) {
  idx <- which(factors == f)
  bb <- b[idx]
  chisq <- drop(t(bb) %*% solve(V[idx, idx, drop = FALSE], bb))
  # Checked against the covariance of the separate Newton-Raphson above, inverted explicitly.
  alt <- drop(t(bb) %*% solve(myvar[idx, idx, drop = FALSE]) %*% bb)
  invisible(chk(paste("wald", f), chisq, alt, 1e-8))
  if (length(idx) == 1) invisible(chk(paste("wald z^2", f), chisq, z[idx]^2, 1e-10))
  data.frame(event = "cox", factor = f, terms = paste(pub[idx], collapse = " "), chisq = fmt(chisq),
             df = length(idx), p = fmt(pchisq(chisq, length(idx), lower.tail = FALSE)))
}))
write.table(tests, file.path(outdir, "tests.csv"), sep = ",", quote = FALSE, row.names = FALSE, eol = "\n")

dropped <- pub_of(names(coefs)[!ok])
writeLines(dropped, file.path(outdir, "dropped.txt"))
if (length(dropped) > 0) {
  cat(sprintf("%s (%s): dropped (NA in coxph): %s\n", infile, ties,
              paste(dropped, collapse = ", ")), file = stderr())
}
unlink(file.path(outdir, "notes.txt"))
