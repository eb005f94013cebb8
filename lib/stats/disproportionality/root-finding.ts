// One-dimensional root finder for the quantile inversions (gamma and gamma-mixture CDFs):
// bracket by doubling steps, then Newton steps guarded by bisection so it cannot diverge.

/**
 * Finds t with g(t) = 0 for an increasing g with derivative dg, starting from t0. Works on
 * any scale; the callers use t = ln x, so `tolerance` is a relative tolerance on x.
 * Newton steps that leave the current bracket, meet a zero/non-finite derivative (e.g. in an
 * underflowed tail) or converge too slowly are replaced by bisection, so it always converges.
 */
export function solveIncreasing(g: (t: number) => number, dg: (t: number) => number, t0: number, tolerance = 1e-13): number {
  let { lo, hi } = bracket(g, t0);
  let t = Math.min(Math.max(t0, lo), hi);
  let previousStep = hi - lo;
  for (let iteration = 0; iteration < 300; iteration++) {
    const value = g(t);
    if (value === 0) return t;
    if (value < 0) lo = t;
    else hi = t;
    const newton = t - value / dg(t);
    // Bisect when Newton leaves the bracket or is not at least halving the step (rtsafe rule).
    const useNewton = Number.isFinite(newton) && newton > lo && newton < hi && Math.abs(newton - t) < previousStep / 2;
    const next = useNewton ? newton : (lo + hi) / 2;
    previousStep = Math.abs(next - t);
    if (previousStep <= tolerance * Math.max(1, Math.abs(t)) || hi - lo <= tolerance) return next;
    t = next;
  }
  return t;
}

/** Expands from t0 in doubling steps until g changes sign; g(lo) < 0 ≤ g(hi). */
function bracket(g: (t: number) => number, t0: number): { lo: number; hi: number } {
  let step = 1;
  if (g(t0) < 0) {
    let lo = t0;
    let hi = t0 + step;
    while (g(hi) < 0 && step < 2 ** 12) {
      lo = hi;
      step *= 2;
      hi += step;
    }
    return { lo, hi };
  }
  let hi = t0;
  let lo = t0 - step;
  while (g(lo) >= 0 && step < 2 ** 12) {
    hi = lo;
    step *= 2;
    lo -= step;
  }
  return { lo, hi };
}
