// Independent checks of a suppressed table, sharing no code with lib/stats/suppression: what an
// attacker who knows every published number can infer about each hidden one.
//   alternativeExists — brute force: for each hidden cell (or hidden total), whether some
//     non-negative integer completion consistent with the published cells and totals gives it
//     another value than its true one (i.e. it takes at least two values);
//   determinedOverReals — linear algebra: a hidden value is fixed by the published totals iff its
//     unit vector lies in the row space of the line equations restricted to the hidden values.

export type TGridMask = { values: number[][]; hidden: boolean[][] };

type TConstraint = { vars: number[]; target: number };

/**
 * Is there a non-negative integer assignment of the unknowns meeting every constraint? A
 * depth-first search over every value, pruned by bounds propagation (each unknown's range
 * narrowed by what the other unknowns of its constraints can still contribute) and taking the
 * unknown with the fewest values left first — exhaustive, but without visiting dead branches.
 */
function feasible(caps: readonly number[], constraints: readonly TConstraint[], budget: { nodes: number }): boolean {
  const propagate = (lo: number[], hi: number[]): boolean => {
    for (let changed = true; changed;) {
      changed = false;
      for (const c of constraints) {
        const sumLo = c.vars.reduce((a, k) => a + lo[k]!, 0);
        const sumHi = c.vars.reduce((a, k) => a + hi[k]!, 0);
        if (sumLo > c.target || sumHi < c.target) return false;
        for (const k of c.vars) {
          const newLo = Math.max(lo[k]!, c.target - (sumHi - hi[k]!));
          const newHi = Math.min(hi[k]!, c.target - (sumLo - lo[k]!));
          if (newLo > newHi) return false;
          if (newLo !== lo[k] || newHi !== hi[k]) {
            [lo[k], hi[k]] = [newLo, newHi];
            changed = true;
          }
        }
      }
    }
    return true;
  };
  const search = (lo: number[], hi: number[]): boolean => {
    if (--budget.nodes < 0) throw new Error("brute force budget exhausted");
    if (!propagate(lo, hi)) return false;
    const open = lo.map((_, k) => k).filter((k) => lo[k] !== hi[k]);
    if (open.length === 0) return true;
    const k = open.reduce((best, x) => (hi[x]! - lo[x]! < hi[best]! - lo[best]! ? x : best));
    for (let v = lo[k]!; v <= hi[k]!; v++) {
      const [nextLo, nextHi] = [[...lo], [...hi]];
      nextLo[k] = nextHi[k] = v;
      if (search(nextLo, nextHi)) return true;
    }
    return false;
  };
  return search(
    caps.map(() => 0),
    [...caps],
  );
}

/**
 * Brute force over non-negative integer completions: for each hidden position of the augmented
 * grid (R×C cells, a totals column and a totals row; every row and column of it sums to its
 * total; hidden positions unknown, the rest published), whether some completion consistent with
 * everything published gives it a value other than its true one. Every value from 0 up to the
 * bound the published totals allow is tried (true ± 1 first), each by exhaustive search.
 */
export function alternativeExists(grid: TGridMask, budget = { nodes: 5_000_000 }): boolean[][] {
  const R = grid.values.length - 1;
  const C = grid.values[0]!.length - 1;
  const unknowns: [number, number][] = [];
  for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) if (grid.hidden[i]![j]) unknowns.push([i, j]);
  const varOf = (i: number, j: number) => unknowns.findIndex(([a, b]) => a === i && b === j);
  const known = (cells: [number, number][]) =>
    cells.filter(([i, j]) => !grid.hidden[i]![j]).reduce((a, [i, j]) => a + grid.values[i]![j]!, 0);
  const vars = (cells: [number, number][]) => cells.map(([i, j]) => varOf(i, j)).filter((k) => k >= 0);
  // Every line's inner cells, and the total it sums to (hidden or not).
  const lines: { cells: [number, number][]; total: [number, number] }[] = [
    ...Array.from({ length: R }, (_, i) => ({
      cells: Array.from({ length: C }, (_, j): [number, number] => [i, j]),
      total: [i, C] as [number, number],
    })),
    ...Array.from({ length: C }, (_, j) => ({
      cells: Array.from({ length: R }, (_, i): [number, number] => [i, j]),
      total: [R, j] as [number, number],
    })),
    { cells: Array.from({ length: R * C }, (_, n): [number, number] => [Math.floor(n / C), n % C]), total: [R, C] },
  ];
  const lineConstraint = (line: (typeof lines)[number], target: number): TConstraint => ({
    vars: vars(line.cells),
    target: target - known(line.cells),
  });
  const published = lines
    .filter((l) => !grid.hidden[l.total[0]]![l.total[1]])
    .map((l) => lineConstraint(l, grid.values[l.total[0]]![l.total[1]]!));
  const bound = (k: number) => Math.min(...published.filter((c) => c.vars.includes(k)).map((c) => c.target));
  const trueValue = grid.values;
  const tryValues = (truth: number, cap: number) =>
    [truth - 1, truth + 1, ...Array.from({ length: cap + 1 }, (_, v) => v)].filter(
      (v, n, all) => v >= 0 && v <= cap && v !== truth && all.indexOf(v) === n,
    );
  return grid.hidden.map((row, i) =>
    row.map((hidden, j) => {
      if (!hidden) return false;
      const k = varOf(i, j);
      // An unknown no published total bounds takes any value: cap it one above the truth.
      const caps = unknowns.map((_, x) => (Number.isFinite(bound(x)) ? bound(x) : trueValue[unknowns[x]![0]]![unknowns[x]![1]]! + 1));
      if (k >= 0) {
        return tryValues(trueValue[i]![j]!, caps[k]!).some((v) =>
          feasible(
            caps.map((c, x) => (x === k ? v : c)),
            [...published, { vars: [k], target: v }],
            budget,
          ),
        );
      }
      // A hidden total: its line's inner cells must sum to a different value.
      const line = lines.find((l) => l.total[0] === i && l.total[1] === j)!;
      const most = known(line.cells) + vars(line.cells).reduce((a, x) => a + caps[x]!, 0);
      return tryValues(trueValue[i]![j]!, most).some((v) => feasible(caps, [...published, lineConstraint(line, v)], budget));
    }),
  );
}

/** Rank of a small dense matrix by Gaussian elimination with partial pivoting. */
function rank(rows: number[][]): number {
  const m = rows.map((r) => [...r]);
  let r = 0;
  const width = m[0]?.length ?? 0;
  for (let c = 0; c < width && r < m.length; c++) {
    let pivot = r;
    for (let k = r + 1; k < m.length; k++) if (Math.abs(m[k]![c]!) > Math.abs(m[pivot]![c]!)) pivot = k;
    if (Math.abs(m[pivot]![c]!) < 1e-9) continue;
    [m[r], m[pivot]] = [m[pivot]!, m[r]!];
    for (let k = 0; k < m.length; k++) {
      if (k === r) continue;
      const f = m[k]![c]! / m[r]![c]!;
      for (let x = c; x < width; x++) m[k]![x]! -= f * m[r]![x]!;
    }
    r++;
  }
  return r;
}

/** For each grid position: true when hidden and nevertheless fixed by the published numbers. */
export function determinedOverReals(grid: TGridMask): boolean[][] {
  const R = grid.values.length - 1;
  const C = grid.values[0]!.length - 1;
  const hiddenCells: [number, number][] = [];
  for (let i = 0; i <= R; i++) for (let j = 0; j <= C; j++) if (grid.hidden[i]![j]) hiddenCells.push([i, j]);
  const col = new Map(hiddenCells.map(([i, j], k) => [`${i},${j}`, k]));
  // Line equation (inner cells − total = 0), with published values moved to the right-hand side
  // (which does not matter for determinacy): keep only the hidden coefficients.
  const equations: number[][] = [];
  const line = (cells: [number, number][], total: [number, number]) => {
    const row = new Array<number>(hiddenCells.length).fill(0);
    for (const [i, j] of cells) if (col.has(`${i},${j}`)) row[col.get(`${i},${j}`)!] = 1;
    if (col.has(`${total[0]},${total[1]}`)) row[col.get(`${total[0]},${total[1]}`)!] = -1;
    equations.push(row);
  };
  for (let i = 0; i <= R; i++)
    line(
      Array.from({ length: C }, (_, j) => [i, j]),
      [i, C],
    );
  for (let j = 0; j <= C; j++)
    line(
      Array.from({ length: R }, (_, i) => [i, j]),
      [R, j],
    );
  const base = rank(equations);
  return grid.values.map((row, i) =>
    row.map((_, j) => {
      const k = col.get(`${i},${j}`);
      if (k === undefined) return false;
      const unit = new Array<number>(hiddenCells.length).fill(0);
      unit[k] = 1;
      return rank([...equations, unit]) === base;
    }),
  );
}
