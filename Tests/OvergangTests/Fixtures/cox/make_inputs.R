# Writes the input CSVs of the Cox fixtures (see README.md) from data sets in the R package
# survival and from seeded simulations. Run from this folder: Rscript make_inputs.R
suppressPackageStartupMessages(library(survival))
wr <- function(d, f) {
  write.table(d, f, sep = ",", quote = FALSE, row.names = FALSE, na = "", eol = "\n")
  cat(sprintf("%s: %d rows\n", f, nrow(d)))
}

# 1. lung: event = status 2 (dead); ph.ecog has one NA -> an empty field (row dropped later).
l <- survival::lung
wr(data.frame(time = l$time, event = as.integer(l$status == 2), age = l$age, sex = l$sex,
              ph.ecog = l$ph.ecog), "lung.csv")

# 2. veteran: celltype as text (levels adeno < large < smallcell < squamous; ref. adeno).
v <- survival::veteran
wr(data.frame(time = v$time, event = v$status, trt = v$trt,
              celltype = as.character(v$celltype), karno = v$karno,
              diagtime = v$diagtime, age = v$age, prior = v$prior), "veteran.csv")

# 3. Therneau's validation data (survival "validate" vignette / tests/book1.R).
#    test1 without its status-NA row; test2 right-censored: its stop times, no start times.
wr(data.frame(time = c(9, 1, 1, 6, 6, 8), event = c(1, 1, 0, 1, 1, 0),
              x = c(0, 1, 1, 1, 0, 0)), "test1.csv")
wr(data.frame(time = c(2, 3, 6, 7, 8, 9, 9, 9, 14, 17),
              event = c(1, 1, 1, 1, 1, 1, 1, 0, 0, 0),
              x = c(1, 0, 0, 1, 0, 1, 1, 1, 0, 0)), "test2.csv")

# 4. Tied-heavy monthly spells, aggregated into a count column.
set.seed(42)
n <- 600
m <- data.frame(time = sample(1:12, n, replace = TRUE),
                event = rbinom(n, 1, 0.6),
                period = rbinom(n, 1, 0.5),
                male = rbinom(n, 1, 0.5),
                age = sample(30:59, n, replace = TRUE),
                edu = sample(c("G", "V", "H4", "H5", "unknown"), n, replace = TRUE,
                             prob = c(0.30, 0.30, 0.20, 0.15, 0.05)),
                stringsAsFactors = FALSE)
key <- do.call(paste, c(m, sep = "\r"))
agg <- m[!duplicated(key), ]
agg$count <- as.vector(table(key)[do.call(paste, c(agg, sep = "\r"))])
agg <- agg[order(agg$time, -agg$event, agg$period, agg$male, agg$age, agg$edu,
                 method = "radix"), ]
stopifnot(sum(agg$count) == n)
cat(sprintf("monthly: %d spells in %d rows, %d rows with count > 1 (max %d)\n", n, nrow(agg),
            sum(agg$count > 1), max(agg$count)))
wr(agg, "monthly.csv")

# 5. Separation: every x = 1 spell ends in an event before any x = 0 time; x = 0 all censored.
set.seed(7)
s <- data.frame(time = c(sample(1:10, 20, replace = TRUE), sample(11:20, 20, replace = TRUE)),
                event = rep(c(1, 0), each = 20),
                x = rep(c(1, 0), each = 20),
                z = round(rnorm(40), 3))
wr(s, "separation.csv")

# 6. (extra) Collinear / constant terms on lung: age_months = 12 * age, const = 1 and
#    grp (a if sex == 1, b if sex == 2, so grp_b = sex - 1) are all reported NA by coxph.
l2 <- l[!is.na(l$ph.ecog), ]
wr(data.frame(time = l2$time, event = as.integer(l2$status == 2), age = l2$age, sex = l2$sex,
              ph.ecog = l2$ph.ecog, age_months = 12 * l2$age, const = 1,
              grp = ifelse(l2$sex == 1, "a", "b")), "collinear.csv")

# 7. (extra) Heavily aggregated monthly cells: 3000 spells, no age, so each row stands for
#    many spells and each month has dozens of tied events (Efron's d = the summed count).
#    Discrete-time hazard with real covariate effects; censored at a random month or at 12.
set.seed(4242)
n <- 3000
period <- rbinom(n, 1, 0.5)
male <- rbinom(n, 1, 0.5)
edu <- sample(c("G", "V", "H4", "H5", "unknown"), n, replace = TRUE,
              prob = c(0.30, 0.30, 0.20, 0.15, 0.05))
lp <- -2.2 + 0.4 * period - 0.25 * male +
  c(G = 0, V = 0.2, H4 = 0.45, H5 = 0.6, unknown = -0.3)[edu]
h <- plogis(lp)
tev <- vapply(h, function(p) { k <- which(runif(12) < p); if (length(k)) k[1] else 99L }, 1L)
cens <- sample(c(1:11, rep(12L, 11)), n, replace = TRUE)
cm <- data.frame(time = pmin(tev, cens), event = as.integer(tev <= cens),
                 period = period, male = male, edu = edu, stringsAsFactors = FALSE)
key <- do.call(paste, c(cm, sep = "\r"))
agg <- cm[!duplicated(key), ]
agg$count <- as.vector(table(key)[do.call(paste, c(agg, sep = "\r"))])
agg <- agg[order(agg$time, -agg$event, agg$period, agg$male, agg$edu, method = "radix"), ]
stopifnot(sum(agg$count) == n)
cat(sprintf("monthly_cells: %d spells (%d events) in %d rows, max count %d\n", n,
            sum(cm$event), nrow(agg), max(agg$count)))
wr(agg, "monthly_cells.csv")
