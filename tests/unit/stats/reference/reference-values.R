# Reference values for tests/unit/stats/*.test.ts, computed with base R only.
# Regenerate: Rscript tests/unit/stats/reference/reference-values.R
# Each block prints TypeScript object-literal rows (12 significant digits) to paste into the
# matching table; an unbounded (R: Inf) limit prints as null, the app's JSON-safe encoding.

g <- function(v) if (is.infinite(v)) "null" else sprintf("%.12g", v)
row <- function(...) {
  args <- list(...)
  cat("  { ", paste(names(args), vapply(args, g, ""), sep = ": ", collapse = ", "), " },\n", sep = "")
}
header <- function(title) cat("\n// ", title, " — ", R.version.string, "\n", sep = "")

# --- proportion.test.ts ---------------------------------------------------------------
proportion_cases <- list(
  c(0, 1, .95), c(1, 1, .95), c(0, 10, .95), c(10, 10, .95), c(1, 10, .95), c(3, 10, .95),
  c(5, 10, .95), c(7, 25, .95), c(14, 100, .95), c(142, 1000, .95), c(0, 10000, .95),
  c(1, 10000, .95), c(5000, 10000, .95), c(9999, 10000, .95), c(81, 263, .90), c(3, 17, .99)
)
header("Wilson: prop.test(x, n, conf.level = level, correct = FALSE)$conf.int")
for (k in proportion_cases) {
  ci <- suppressWarnings(prop.test(k[1], k[2], conf.level = k[3], correct = FALSE))$conf.int
  row(x = k[1], n = k[2], level = k[3], lower = ci[1], upper = ci[2])
}
header("Clopper-Pearson: binom.test(x, n, conf.level = level)$conf.int")
for (k in proportion_cases) {
  ci <- binom.test(k[1], k[2], conf.level = k[3])$conf.int
  row(x = k[1], n = k[2], level = k[3], lower = ci[1], upper = ci[2])
}

# --- poisson.test.ts ------------------------------------------------------------------
header("Garwood: poisson.test(count, 1, conf.level = level)$conf.int")
for (k in list(c(0, .95), c(1, .95), c(2, .95), c(5, .95), c(10, .95), c(50, .95),
               c(1000, .95), c(5000, .95), c(0, .90), c(3, .99), c(25, .80))) {
  ci <- poisson.test(k[1], 1, conf.level = k[2])$conf.int
  row(count = k[1], level = k[2], lower = ci[1], upper = ci[2])
}
header("Incidence per 100,000: poisson.test(events, personYears, conf.level = level)$conf.int * 1e5")
for (k in list(c(15, 100000, .95), c(3, 12345.6, .95), c(0, 5000, .95), c(250, 1.5e6, .95),
               c(1, 0.5, .95), c(42, 987654, .90), c(1500, 1e7, .95))) {
  ci <- poisson.test(k[1], k[2], conf.level = k[3])$conf.int * 1e5
  row(events = k[1], personYears = k[2], level = k[3], per100k = k[1] / k[2] * 1e5,
      lower = ci[1], upper = ci[2])
}

# --- rate-ratio.test.ts ---------------------------------------------------------------
header("Rate ratio: poisson.test(c(events1, events2), c(py1, py2), conf.level = level)")
for (k in list(c(10, 1000, 5, 1500, .95), c(0, 1000, 7, 2000, .95), c(7, 2000, 0, 1000, .95),
               c(30, 12000, 45, 31000, .90), c(1, 1, 1, 1, .95), c(120, 5e5, 80, 6e5, .99))) {
  t <- poisson.test(k[c(1, 3)], k[c(2, 4)], conf.level = k[5])
  row(events1 = k[1], py1 = k[2], events2 = k[3], py2 = k[4], level = k[5],
      estimate = t$estimate, lower = t$conf.int[1], upper = t$conf.int[2])
}

# --- baseline-test.test.ts ------------------------------------------------------------
header("Two-sided exact binomial test: binom.test(x, n, p0)$p.value")
for (k in list(c(3, 10, .1), c(14, 100, .1), c(14, 100, .2), c(0, 20, .1), c(20, 20, .9),
               c(1, 10000, .001), c(50, 10000, .001), c(682, 925, .75), c(5, 10, .5),
               c(0, 1, .5), c(1, 1, .3), c(2, 1000, .1), c(7, 10, 0), c(0, 10, 0),
               c(10, 10, 1), c(9, 37, .15), c(160, 100000, .0015), c(52000, 100000, .5))) {
  row(x = k[1], n = k[2], p0 = k[3], pValue = binom.test(k[1], k[2], k[3])$p.value)
}
header("Two-sided exact Poisson test: poisson.test(x, T, r0)$p.value")
for (k in list(c(10, 1000, .01), c(3, 1000, .01), c(25, 1000, .01), c(0, 100, .05),
               c(137, 24.19893, 1), c(2, 1e5, 15e-5), c(60, 1e5, 15e-5), c(0, 1e6, 15e-5),
               c(1, 3, .2), c(4, 0, 1), c(0, 0, 1), c(1600, 1e7, 15e-5),
               c(1400, 1e7, 15e-5))) {
  row(x = k[1], T = k[2], r0 = k[3], pValue = poisson.test(k[1], k[2], k[3])$p.value)
}

header("compareWithBaseline: binom.test / poisson.test against the nearer bound of the range")
for (k in list(c(31, 100, .2), c(3, 100, .1), c(22, 100, .2), c(0, 2000, .002))) {
  row(observed = k[1], trials = k[2], testedAgainst = k[3], pValue = binom.test(k[1], k[2], k[3])$p.value)
}
for (k in list(c(60, 1e5, 15), c(8, 1e5, 15), c(5, 40000, 15))) {
  row(observed = k[1], exposure = k[2], testedAgainst = k[3],
      pValue = poisson.test(k[1], k[2], k[3] / 1e5)$p.value)
}

# --- distributions.test.ts -----------------------------------------------------------
# The gamma family, including shapes above 1000 where @stdlib's gammainc 0.3.1 goes wrong.
header("Gamma: pgamma(x, shape) both tails and qgamma(p, shape)")
for (k in list(c(0.3, 0.02), c(2.5, 15), c(47, 5.9), c(150, 186.7), c(1001, 1001),
               c(1001, 1063.95), c(5000, 5212.1), c(1e5, 100221.4), c(20000, 25000))) {
  row(shape = k[1], x = k[2], lower = pgamma(k[2], k[1]), upper = pgamma(k[2], k[1], lower.tail = FALSE))
}
for (k in list(c(1e-10, 2.5), c(.025, 10), c(.975, 1001), c(.5, 1001), c(.025, 5000),
               c(1 - 1e-9, 150), c(.975, 0.4))) {
  row(p = k[1], shape = k[2], quantile = qgamma(k[1], k[2]))
}
header("Poisson tails: ppois(k, mean) and ppois(k, mean, lower.tail = FALSE)")
for (k in list(c(0, 150), c(3, 0.2), c(1600, 1500), c(1399, 1500), c(60, 15), c(10, 10))) {
  row(k = k[1], mean = k[2], lower = ppois(k[1], k[2]), upper = ppois(k[1], k[2], lower.tail = FALSE))
}
header("Binomial tails: pbinom(k, n, p) and pbinom(k, n, p, lower.tail = FALSE)")
for (k in list(c(20, 1e5, .001), c(300, 2000, .1), c(4900, 10000, .5), c(0, 10, .3), c(9, 10, .3))) {
  row(k = k[1], n = k[2], p = k[3], lower = pbinom(k[1], k[2], k[3]),
      upper = pbinom(k[1], k[2], k[3], lower.tail = FALSE))
}

# --- standardisation.test.ts ----------------------------------------------------------
# epitools::ageadjust.direct (Fay & Feuer 1997) written out by hand; epitools is not needed.
ageadjust_direct <- function(count, pop, stdpop, conf.level = 0.95) {
  rate <- count / pop
  alpha <- 1 - conf.level
  cruderate <- sum(count) / sum(pop)
  stdwt <- stdpop / sum(stdpop)
  dsr <- sum(stdwt * rate)
  dsr.var <- sum((stdwt^2) * (count / pop^2))
  wm <- max(stdwt / pop)
  gamma.lci <- qgamma(alpha / 2, shape = (dsr^2) / dsr.var, scale = dsr.var / dsr)
  gamma.uci <- qgamma(1 - alpha / 2, shape = ((dsr + wm)^2) / (dsr.var + wm^2),
                      scale = (dsr.var + wm^2) / (dsr + wm))
  c(crude.rate = cruderate, adj.rate = dsr, lci = gamma.lci, uci = gamma.uci)
}
# WHO World Standard Population 2000-2025 (Ahmad et al. 2001), 5-year bands 0-4 ... 100+,
# collapsed to 0-17, 18-39, 40-64, 65+ with the 15-19 band split 3/5 : 2/5.
who <- c(8860, 8690, 8600, 8470, 8220, 7930, 7610, 7150, 6590, 6040, 5370, 4550, 3720,
         2960, 2210, 1520, 910, 440, 150, 40, 5)
who_bands <- c(sum(who[1:3]) + 0.6 * who[4], 0.4 * who[4] + sum(who[5:8]), sum(who[9:13]),
               sum(who[14:21]))
header("WHO standard collapsed to app age bands (weights per 100,035)")
row(band0to17 = who_bands[1], band18to39 = who_bands[2], band40to64 = who_bands[3],
    band65plus = who_bands[4])
header("Direct standardisation per 100,000 (ageadjust.direct formula, qgamma)")
dsr_cases <- list(
  list(id = "typical", count = c(2, 9, 14, 11), pop = c(41000, 120000, 98000, 35000), level = .95),
  list(id = "one-empty-band", count = c(0, 3, 5, 8), pop = c(25000, 60000, 52000, 19000), level = .95),
  list(id = "sparse-90", count = c(1, 0, 2, 1), pop = c(8000, 15000, 9000, 2500), level = .90),
  list(id = "national", count = c(310, 1900, 2400, 1650), pop = c(4.1e6, 6.2e6, 5.9e6, 2.7e6), level = .95)
)
for (k in dsr_cases) {
  r <- ageadjust_direct(k$count, k$pop, who_bands, k$level) * 1e5
  cat("  // ", k$id, ": count ", deparse(k$count), ", pop ", deparse(k$pop), "\n", sep = "")
  row(level = k$level, crudePer100k = r[["crude.rate"]], per100k = r[["adj.rate"]],
      lower = r[["lci"]], upper = r[["uci"]])
}
# All-zero counts: R's lower limit is NaN (0/0 shape); Fay-Feuer define it as 0. Upper is finite.
z <- ageadjust_direct(c(0, 0, 0, 0), c(25000, 60000, 52000, 19000), who_bands) * 1e5
cat("  // zero-events: count c(0, 0, 0, 0), pop c(25000, 60000, 52000, 19000); R lci =", z[["lci"]], "\n")
row(level = .95, crudePer100k = z[["crude.rate"]], per100k = z[["adj.rate"]], lower = 0,
    upper = z[["uci"]])
