# Closed-form Cox estimates for Therneau's validation data sets (survival "validate"
# vignette, "Test data 1"), checked against the coxph fixtures written by cox_fixture.R.
# Run from this folder after test1_*/ and test2_*/ exist: Rscript closed_form.R
# Writes test1_closed_form.csv and test2_closed_form.csv (ties,coef,loglik); stops with
# status 1 if coxph's coef, se or loglik differ from the closed form by more than 1e-8.
fmt <- function(x) sprintf("%.17g", x)
fail <- FALSE
check <- function(label, dir, coef, loglik, se) {
  cx <- read.csv(file.path(dir, "cox.csv"), colClasses = c(event = "character", term = "character", flag = "character"))
  ft <- read.csv(file.path(dir, "fit.csv"))
  d <- c(coef = abs(cx$coef - coef), loglik = abs(ft$loglik - loglik), se = abs(cx$se - se))
  cat(sprintf("%-16s coef %.15f  loglik %.15f  se %.15f  max |diff| vs coxph %.2g\n",
              label, coef, loglik, se, max(d)))
  if (!(max(d) <= 1e-8)) { cat("  MISMATCH\n"); fail <<- TRUE }
}
root <- function(U, lo, hi) uniroot(U, c(lo, hi), tol = 1e-15)$root

# ---- test1: time 1,1,6,6,8,9; status 1,0,1,1,0,1; x 1,1,1,0,0,0 ------------------------
# Breslow: LPL = 2b - log(3r+3) - 2 log(r+3), U = (-r^2 + 3r + 6)/((r+1)(r+3)),
#          I = r/(r+1)^2 + 6r/(r+3)^2; root r = (3 + sqrt(33))/2.
# Efron:   LPL = 2b - log(3r+3) - log(r+3) - log((r+5)/2), U = (-r^3 + 23r + 30)/((r+1)(r+3)(r+5)),
#          I = sum over q in {r/(r+1), r/(r+3), r/(r+5)} of q - q^2;
#          root r = 2 sqrt(23/3) cos(phi/3), phi = acos((45/23) sqrt(3/23)).
t1 <- list(
  breslow = list(r = (3 + sqrt(33)) / 2,
                 U = function(r) (-r^2 + 3 * r + 6) / ((r + 1) * (r + 3)),
                 ll = function(r) 2 * log(r) - log(3 * r + 3) - 2 * log(r + 3),
                 I = function(r) r / (r + 1)^2 + 6 * r / (r + 3)^2),
  efron = list(r = 2 * sqrt(23 / 3) * cos(acos((45 / 23) * sqrt(3 / 23)) / 3),
               U = function(r) (-r^3 + 23 * r + 30) / ((r + 1) * (r + 3) * (r + 5)),
               ll = function(r) 2 * log(r) - log(3 * r + 3) - log(r + 3) - log((r + 5) / 2),
               I = function(r) { q <- c(r / (r + 1), r / (r + 3), r / (r + 5)); sum(q - q^2) }))
# ---- test2 (right-censored version: stop times, start ignored; derived here, not in the
# vignette): time 2,3,6,7,8,9,9,9,14,17; status 1,1,1,1,1,1,1,0,0,0; x 1,0,0,1,0,1,1,1,0,0.
# Risk sets at the event times 2,3,6,7,8,9: 5r+5, 4r+5, 4r+4, 4r+3, 3r+3, 3r+2 (deaths x =
# 1,0,0,1,0 and two with x = 1 at 9). Efron's second denominator at 9 is 3r+2 - r = 2r+2.
den_b <- function(r) c(5 * r + 5, 4 * r + 5, 4 * r + 4, 4 * r + 3, 3 * r + 3, 3 * r + 2, 3 * r + 2)
num_b <- function(r) c(5 * r, 4 * r, 4 * r, 4 * r, 3 * r, 3 * r, 3 * r)  # sum of x * exp(b x)
den_e <- function(r) c(5 * r + 5, 4 * r + 5, 4 * r + 4, 4 * r + 3, 3 * r + 3, 3 * r + 2, 2 * r + 2)
num_e <- function(r) c(5 * r, 4 * r, 4 * r, 4 * r, 3 * r, 3 * r, 2 * r)
mk2 <- function(den, num) list(
  U = function(r) 4 - sum(num(r) / den(r)),
  ll = function(r) 4 * log(r) - sum(log(den(r))),
  I = function(r) { q <- num(r) / den(r); sum(q - q^2) })
t2 <- list(breslow = mk2(den_b, num_b), efron = mk2(den_e, num_e))

out <- function(name, sets) {
  rows <- character(0)
  for (ties in c("breslow", "efron")) {
    s <- sets[[ties]]
    r <- root(s$U, 0.01, 100)
    if (!is.null(s$r)) {  # the closed-form root, polished by uniroot
      if (abs(r - s$r) > 1e-12 * s$r) { cat(name, ties, ": closed form and uniroot disagree\n"); fail <<- TRUE }
      r <- s$r
    }
    b <- log(r)
    check(paste(name, ties), paste0(name, "_", ties), b, s$ll(r), 1 / sqrt(s$I(r)))
    rows <- c(rows, paste(ties, fmt(b), fmt(s$ll(r)), sep = ","))
  }
  writeLines(c("ties,coef,loglik", rows), paste0(name, "_closed_form.csv"))
}
out("test1", t1)
out("test2", t2)
if (fail) quit(status = 1)
