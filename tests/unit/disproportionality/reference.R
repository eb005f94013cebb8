# Reference values for tests/unit/disproportionality/*.test.ts, computed with R 4.2.2
# (Rscript tests/unit/disproportionality/reference.R). Every value printed here is an
# "R reference": independent code (R's chisq.test, mantelhaen.test, qgamma, pgamma, digamma,
# dnbinom, uniroot, nlminb), with the PRR/ROR/MH-PRR intervals written out by formula.
# Published figures are cited separately in the tests.
options(digits = 12)
f <- function(x) if (is.null(x) || is.na(x)) "null" else formatC(x, digits = 12, format = "g")

cat("// --- PRR / ROR / Yates chi-square (chisq.test(correct = TRUE)) ---\n")
tables <- list(c(10, 90, 20, 880), c(3, 97, 100, 99800), c(25, 1200, 340, 250000),
               c(1, 5, 3, 40), c(150, 10000, 2000, 3000000), c(5, 5, 5, 6),
               c(8, 98, 5, 115), c(22, 76, 16, 69), c(4, 0, 7, 300))
for (level in c(0.95, 0.9)) for (t in tables) {
  a <- t[1]; b <- t[2]; c <- t[3]; d <- t[4]; z <- qnorm(1 - (1 - level) / 2)
  prr <- (a / (a + b)) / (c / (c + d)); se <- sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d))
  ror <- (a * d) / (b * c); seo <- sqrt(1 / a + 1 / b + 1 / c + 1 / d)
  ch <- suppressWarnings(chisq.test(matrix(t, 2, byrow = TRUE), correct = TRUE))
  cat(sprintf("{ a: %d, b: %d, c: %d, d: %d, level: %s, prr: %s, prrLower: %s, prrUpper: %s, chi: %s, p: %s, ror: %s, rorLower: %s, rorUpper: %s },\n",
    a, b, c, d, level, f(prr), f(exp(log(prr) - z * se)), f(exp(log(prr) + z * se)),
    f(unname(ch$statistic)), f(ch$p.value), f(ror),
    if (b * c > 0 && a * d > 0) f(exp(log(ror) - z * seo)) else "null",
    if (b * c > 0 && a * d > 0) f(exp(log(ror) + z * seo)) else "null"))
}
cat("// Haldane +0.5 on (0, 50, 10, 1000)\n")
h <- c(0, 50, 10, 1000) + 0.5; a <- h[1]; b <- h[2]; c <- h[3]; d <- h[4]; z <- qnorm(0.975)
prr <- (a / (a + b)) / (c / (c + d)); se <- sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d))
ror <- (a * d) / (b * c); seo <- sqrt(1 / a + 1 / b + 1 / c + 1 / d)
cat(f(prr), f(exp(log(prr) - z * se)), f(exp(log(prr) + z * se)), f(ror), f(exp(log(ror) - z * seo)), f(exp(log(ror) + z * seo)), "\n")

cat("// --- IC: log2((O+.5)/(E+.5)), log2(qgamma(q, O+.5, E+.5)) ---\n")
for (oe in list(c(0, 0.1), c(1, 0.05), c(3, 0.5), c(10, 2.3), c(50, 49), c(1000, 800), c(5000, 4000), c(0, 0))) {
  o <- oe[1]; e <- oe[2]
  cat(sprintf("{ o: %d, e: %s, ic: %s, ic025: %s, ic975: %s, ic05: %s, ic95: %s },\n", o, f(e),
    f(log2((o + .5) / (e + .5))), f(log2(qgamma(.025, o + .5, e + .5))), f(log2(qgamma(.975, o + .5, e + .5))),
    f(log2(qgamma(.05, o + .5, e + .5))), f(log2(qgamma(.95, o + .5, e + .5)))))
}

cat("// --- special functions ---\n")
for (x in c(1e-3, 0.5, 1, 2.5, 5.99, 6, 17.25, 1000.5)) cat(sprintf("{ x: %s, digamma: %s },\n", f(x), f(digamma(x))))
for (ax in list(c(0.5, 0.01), c(0.5, 8), c(3, 2), c(16.5, 5), c(16.5, 40), c(1001, 1001), c(1001, 900), c(1e5, 1.001e5), c(2.5, 60)))
  cat(sprintf("{ a: %s, x: %s, lower: %s, upper: %s },\n", f(ax[1]), f(ax[2]), f(pgamma(ax[2], ax[1])), f(pgamma(ax[2], ax[1], lower.tail = FALSE))))
for (pa in list(c(0.025, 0.5), c(0.975, 0.5), c(0.05, 16.5), c(0.5, 1001), c(0.025, 2000.5), c(1e-10, 3), c(0.999999, 7.25)))
  cat(sprintf("{ p: %s, shape: %s, quantile: %s },\n", f(pa[1]), f(pa[2]), f(qgamma(pa[1], pa[2]))))
for (x in c(0, 0.5, 3.84, 4, 30)) cat(sprintf("{ x: %s, p: %s },\n", f(x), f(pchisq(x, 1, lower.tail = FALSE))))

cat("// --- Mantel-Haenszel: UGDP tolbutamide by age (Rothman, Greenland, Lash 2008) and others ---\n")
mh <- function(strata, level = 0.95) {
  z <- qnorm(1 - (1 - level) / 2); a <- strata[, 1]; b <- strata[, 2]; c <- strata[, 3]; d <- strata[, 4]
  n <- a + b + c + d; keep <- n > 0; a <- a[keep]; b <- b[keep]; c <- c[keep]; d <- d[keep]; n <- n[keep]
  top <- sum(a * (c + d) / n); bot <- sum(c * (a + b) / n); rr <- top / bot
  v <- sum(((a + c) * (a + b) * (c + d) - a * c * n) / n^2) / (top * bot)
  arr <- array(t(cbind(a, b, c, d)), dim = c(2, 2, length(a)))
  arr <- aperm(array(c(rbind(a, c, b, d)), dim = c(2, 2, length(a))), c(1, 2, 3))
  m <- mantelhaen.test(arr, correct = FALSE, conf.level = level)
  cat(sprintf("{ level: %s, prr: %s, prrLower: %s, prrUpper: %s, ror: %s, rorLower: %s, rorUpper: %s },\n",
    level, f(rr), f(exp(log(rr) - z * sqrt(v))), f(exp(log(rr) + z * sqrt(v))),
    f(unname(m$estimate)), f(m$conf.int[1]), f(m$conf.int[2])))
}
ugdp <- rbind(c(8, 98, 5, 115), c(22, 76, 16, 69))
mh(ugdp); mh(ugdp, 0.9)
three <- rbind(c(12, 300, 40, 5000), c(3, 150, 9, 4200), c(0, 80, 5, 2600), c(0, 0, 0, 0))
mh(three)
cat("// stratified IC for `three`: O, E\n")
e <- with(data.frame(three), sum(ifelse(X1 + X2 + X3 + X4 > 0, (X1 + X2) * (X1 + X3) / (X1 + X2 + X3 + X4), 0)))
cat(f(e), f(log2((15 + .5) / (e + .5))), f(log2(qgamma(.025, 15.5, e + .5))), "\n")

cat("// --- EBGM posterior under the openEBGM vignette prior ---\n")
th <- c(3.25379356, 0.39988854, 2.02612692, 1.90807970, 0.06534557)
post <- function(N, E) {
  f1 <- dnbinom(N, size = th[1], prob = th[2] / (th[2] + E)); f2 <- dnbinom(N, size = th[3], prob = th[4] / (th[4] + E))
  Q <- th[5] * f1 / (th[5] * f1 + (1 - th[5]) * f2)
  el <- Q * (digamma(th[1] + N) - log(th[2] + E)) + (1 - Q) * (digamma(th[3] + N) - log(th[4] + E))
  cdf <- function(x) Q * pgamma(x, th[1] + N, th[2] + E) + (1 - Q) * pgamma(x, th[3] + N, th[4] + E)
  q <- function(p) uniroot(function(x) cdf(x) - p, c(1e-8, 1e4), tol = 1e-14)$root
  cat(sprintf("{ n: %d, e: %s, qn: %s, ebgm: %s, eb05: %s, eb95: %s },\n", N, f(E), f(Q), f(2^(el / log(2))), f(q(.05)), f(q(.95))))
}
for (ne in list(c(16, 0.40643623), c(1, 0.001), c(1, 1), c(3, 0.2), c(0, 0.5), c(2, 7.5), c(40, 3.1), c(250, 180)))
  post(ne[1], ne[2])

cat("// --- truncated mixture negative log-likelihood (openEBGM negLL) ---\n")
negLL <- function(theta, N, E) {
  p1 <- theta[2] / (theta[2] + E); p2 <- theta[4] / (theta[4] + E)
  f1 <- dnbinom(N, size = theta[1], prob = p1) / (1 - dnbinom(0, size = theta[1], prob = p1))
  f2 <- dnbinom(N, size = theta[3], prob = p2) / (1 - dnbinom(0, size = theta[3], prob = p2))
  sum(-log(theta[5] * f1 + (1 - theta[5]) * f2))
}
N <- c(1, 1, 2, 1, 5, 3, 1, 12, 1, 2, 7, 1, 1, 4, 30, 1, 2, 1, 9, 1)
E <- c(0.2, 0.05, 0.6, 1.3, 0.9, 2.2, 0.01, 1.1, 0.4, 0.4, 6.5, 0.08, 0.7, 0.3, 2.5, 3.3, 1.9, 0.15, 0.5, 0.02)
cat(f(negLL(th, N, E)), f(negLL(c(0.2, 0.1, 2, 4, 1 / 3), N, E)), "\n")
best <- Inf
for (s in list(c(0.2, 0.1, 2, 4, 1 / 3), c(1, 0.1, 1, 1, 0.1), c(3, 0.5, 2, 2, 0.1))) {
  o <- nlminb(log(c(s[1:4], s[5] / (1 - s[5]))), function(v) negLL(c(exp(v[1:4]), plogis(v[5])), N, E),
              control = list(iter.max = 5000, eval.max = 10000, rel.tol = 1e-15))
  best <- min(best, o$objective)
}
cat("synthetic-fit minimum:", f(best), "\n")
# The synthetic data's supremum lies at α → ∞ (both gammas collapse to points): the
# per-component-truncated two-Poisson mixture, maximised directly.
negLLpois <- function(v) {
  l1 <- exp(v[1]); l2 <- exp(v[2]); p <- plogis(v[3])
  f1 <- dpois(N, l1 * E) / (1 - exp(-l1 * E)); f2 <- dpois(N, l2 * E) / (1 - exp(-l2 * E))
  sum(-log(p * f1 + (1 - p) * f2))
}
o <- optim(c(log(10), 0, 0), negLLpois, method = "BFGS", control = list(reltol = 1e-15, maxit = 1000))
o <- optim(o$par, negLLpois, control = list(reltol = 1e-15, maxit = 5000))
cat("two-Poisson supremum:", f(o$value), "at", f(exp(o$par[1])), f(exp(o$par[2])), f(plogis(o$par[3])), "\n")
cat("// lnGammaRatio: lgamma(x + n) - lgamma(x), or sum(log(x + 0:(n - 1))) where lgamma cancels\n")
for (xn in list(c(1e12, 3), c(15.5, 200), c(2.5, 100), c(1e8, 1000), c(0.3, 7), c(12, 60.5)))
  cat(sprintf("{ x: %s, n: %s, value: %s },\n", f(xn[1]), f(xn[2]), f(if (xn[1] > 1e6) sum(log(xn[1] + 0:(xn[2] - 1))) else lgamma(xn[1] + xn[2]) - lgamma(xn[1]))))
cat("// pgamma for huge shapes (Temme branch): x = a + k*sqrt(a)\n")
for (a in c(2e5, 1e12, 1e23)) for (k in c(-8, -5, -1, 0, 0.3, 2, 6)) {
  x <- a + k * sqrt(a)
  cat(sprintf("{ a: %s, x: %s, lower: %s, upper: %s },\n", f(a), formatC(x, digits = 17, format = "g"),
    f(pgamma(x, a)), f(pgamma(x, a, lower.tail = FALSE))))
}
