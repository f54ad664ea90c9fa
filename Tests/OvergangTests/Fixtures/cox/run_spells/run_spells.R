# `overgang cox survival_spells.csv` (a run's own spell file) against R's coxph: per event
# (not unit_end), the spells of the baseline and comparison periods, each row repeated
# `count` times (frequencies: coxph's case weights tie differently under Efron), one
# term comparison_period (1 in the comparison period), Efron ties.
# Run from this folder: Rscript run_spells.R  (writes cox.csv)
library(survival)
spells <- read.csv("survival_spells.csv", stringsAsFactors = FALSE)
spells <- spells[spells$event != "unit_end" & spells$period %in% c("baseline", "comparison") & spells$count > 0, ]
spells$comparison_period <- as.integer(spells$period == "comparison")
rows <- list()
for (ev in unique(spells$event)) {
  d <- spells[spells$event == ev, ]
  d <- d[rep(seq_len(nrow(d)), d$count), ]
  if (length(unique(d$comparison_period)) < 2) next  # no variation: the term is left out
  fit <- coxph(Surv(time, end) ~ comparison_period, data = d, ties = "efron")
  s <- summary(fit)$coefficients
  ci <- exp(confint(fit))
  rows[[ev]] <- data.frame(event = ev, term = "comparison_period", coef = s[1, "coef"], se = s[1, "se(coef)"],
                           z = s[1, "z"], p = s[1, "Pr(>|z|)"], hr = s[1, "exp(coef)"],
                           hr_low = ci[1, 1], hr_high = ci[1, 2])
}
out <- do.call(rbind, rows)
out[] <- lapply(out, function(x) if (is.numeric(x)) sprintf("%.15g", x) else x)
write.csv(out, "cox.csv", row.names = FALSE, quote = FALSE)
cat(R.version.string, "survival", as.character(packageVersion("survival")), "\n", file = "versions.txt")
