// A small Nelder–Mead simplex minimiser (Nelder & Mead 1965, with the standard coefficients
// of Lagarias et al. 1998), used to fit the EBGM prior; restarts guard against early collapse.

export interface NelderMeadOptions {
  /** Size of the initial simplex along each axis; default 0.5 (on transformed parameters). */
  step?: number;
  /** Stop when the simplex's function values span less than this; default 1e-10. */
  valueTolerance?: number;
  /** …and its vertices lie within this distance of the best one; default 1e-8. */
  pointTolerance?: number;
  /** Budget of function evaluations over all restarts; default 20,000. */
  maxEvaluations?: number;
  /** Fresh simplices built around the best point after convergence; default 3. */
  restarts?: number;
}

export interface NelderMeadResult {
  x: number[];
  value: number;
  evaluations: number;
  /** False when the evaluation budget ran out before the tolerances were met. */
  converged: boolean;
}

interface Vertex {
  x: number[];
  value: number;
}

/**
 * Minimises f from x0. Non-finite values of f are treated as +Infinity, so f may simply
 * fail (NaN) where its parameters make no sense. Deterministic: no random restarts.
 */
export function minimiseNelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const budget = options.maxEvaluations ?? 20_000;
  let evaluations = 0;
  const evaluate = (x: number[]): Vertex => {
    evaluations++;
    const value = f(x);
    return { x, value: Number.isFinite(value) ? value : Infinity };
  };
  const settings = {
    step: options.step ?? 0.5,
    valueTolerance: options.valueTolerance ?? 1e-10,
    pointTolerance: options.pointTolerance ?? 1e-8,
  };
  let best = evaluate([...x0]);
  let converged = false;
  for (let round = 0; round <= (options.restarts ?? 3); round++) {
    const run = simplexRun(evaluate, best, settings, () => evaluations < budget);
    const improvement = best.value - run.best.value;
    best = run.best.value <= best.value ? run.best : best;
    converged = run.converged;
    if (!converged || (round > 0 && improvement < settings.valueTolerance)) break;
  }
  return { x: best.x, value: best.value, evaluations, converged };
}

function simplexRun(
  evaluate: (x: number[]) => Vertex,
  start: Vertex,
  tol: { step: number; valueTolerance: number; pointTolerance: number },
  withinBudget: () => boolean,
): { best: Vertex; converged: boolean } {
  const n = start.x.length;
  const simplex: Vertex[] = [start];
  for (let i = 0; i < n; i++) simplex.push(evaluate(start.x.map((v, j) => (j === i ? v + tol.step : v))));
  const along = (from: number[], to: number[], t: number) => from.map((v, j) => v + t * ((to[j] ?? 0) - v));
  while (withinBudget()) {
    simplex.sort((p, q) => p.value - q.value);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    const spread = worst.value - best.value;
    const size = Math.max(...simplex.map((v) => Math.max(...v.x.map((xj, j) => Math.abs(xj - (best.x[j] ?? 0))))));
    if (spread <= tol.valueTolerance && size <= tol.pointTolerance) return { best, converged: true };
    const centroid = best.x.map((_, j) => simplex.slice(0, n).reduce((s, v) => s + (v.x[j] ?? 0), 0) / n);
    const reflected = evaluate(along(centroid, worst.x, -1));
    if (reflected.value < best.value) {
      const expanded = evaluate(along(centroid, worst.x, -2));
      simplex[n] = expanded.value < reflected.value ? expanded : reflected;
      continue;
    }
    if (reflected.value < simplex[n - 1]!.value) {
      simplex[n] = reflected;
      continue;
    }
    const outside = reflected.value < worst.value;
    const contracted = evaluate(along(centroid, outside ? reflected.x : worst.x, 0.5));
    if (outside ? contracted.value <= reflected.value : contracted.value < worst.value) {
      simplex[n] = contracted;
      continue;
    }
    for (let i = 1; i <= n; i++) simplex[i] = evaluate(along(best.x, simplex[i]!.x, 0.5));
  }
  simplex.sort((p, q) => p.value - q.value);
  return { best: simplex[0]!, converged: false };
}
