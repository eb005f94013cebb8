// Small-cell suppression for published tables: counts under a threshold are hidden,
// then more cells are hidden until no hidden value can be recovered from the published totals.
//
// Model. A table with its row totals, column totals and grand total is an (R+1)×(C+1) grid
// whose every row and column obeys one linear equation (cells sum to the total). Read it as a
// bipartite graph — a node per row line and per column line, an edge per grid cell. A hidden
// cell is fixed by the equations exactly when its edge is a bridge of the hidden subgraph (on
// no cycle of hidden cells); alone in its line is the simplest case. If every cell of a cycle
// is at least 1, moving ±1 alternately round it gives another non-negative integer completion,
// so each of its cells takes at least two values. A hidden zero can only move up, so the
// rules use the graph of hidden NON-ZERO cells: (1) no line has exactly one of them, (2) none
// is a bridge, (3) a hidden zero's row and column are joined through them. Complements are
// therefore non-zero cells: inner cells before totals, the smallest first. Repeat until stable.
// Optimal (fewest-cells) suppression is NP-hard; this greedy rule may hide more than needed.
//
// Zeros. A true zero is published by default: it describes nobody, so it cannot single anyone
// out, and hiding it would hide the most useful fact of a sparse table ("no fatal cases") while
// marking it like a small count. Where a zero itself is disclosive (a group known to contain
// someone, and a row that is all zeros but one cell), pass `suppressZeros: true`. Zeros in a
// line that is zero throughout stay recognisable: the line's published zeros show them.
import { findBridge, reachable } from "./suppression-graph";

export type TSuppressedCell = { value: number; suppressed: false } | { value: null; suppressed: true };

export type TSuppressionOptions = {
  /** Counts 1 … threshold−1 are suppressed (default 5). */
  threshold?: number;
  /** Treat true zeros as primary suppressions too (default false; see the module comment). */
  suppressZeros?: boolean;
};

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/** values/hidden: the cells plus a totals column (index `columns`) and a totals row (index `rows`). */
type TGrid = { values: number[][]; hidden: boolean[][]; rows: number; columns: number; hasTotalsRow: boolean };

const shown = (value: number): TSuppressedCell => ({ value, suppressed: false });
const HIDDEN: TSuppressedCell = { value: null, suppressed: true };
const cellOf = (value: number, hidden: boolean): TSuppressedCell => (hidden ? HIDDEN : shown(value));

function isPrimary(value: number, options: TSuppressionOptions): boolean {
  const threshold = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`suppression needs non-negative integer counts, got ${value}`);
  return value === 0 ? options.suppressZeros === true : value < threshold;
}

/** Complement choice: inner cells before totals (a hidden total hides a whole line), then the smallest. */
function cheapest(grid: TGrid, candidates: [number, number][]): [number, number] | undefined {
  const rank = ([i, j]: [number, number]) => {
    const margin = (grid.hasTotalsRow && i === grid.rows) || j === grid.columns;
    return [margin ? 1 : 0, grid.values[i]![j]!];
  };
  const open = candidates.filter(([i, j]) => !grid.hidden[i]![j]);
  open.sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0]! - y[0]! || x[1]! - y[1]!;
  });
  return open[0];
}

/** Cells of row line i or column line j of the grid. */
const rowLine = (grid: TGrid, i: number) => Array.from({ length: grid.columns + 1 }, (_, j): [number, number] => [i, j]);
const columnLine = (grid: TGrid, j: number) => Array.from({ length: grid.rows + 1 }, (_, i): [number, number] => [i, j]);
const isStrong = (grid: TGrid, [i, j]: [number, number]) => grid.hidden[i]![j]! && grid.values[i]![j]! > 0;

/** Hides the cheapest non-zero open cell among the candidates; false when there is none. */
function hideOne(grid: TGrid, candidates: [number, number][]): boolean {
  const pick = cheapest(
    grid,
    candidates.filter(([i, j]) => grid.values[i]![j]! > 0),
  );
  if (pick) grid.hidden[pick[0]]![pick[1]] = true;
  return pick !== undefined;
}

/**
 * Step 1: a line with exactly one hidden non-zero cell gets a second (else the line's equation
 * gives it away), and a line whose hidden cells are all zeros gets a non-zero partner for them.
 */
function fixLonelyCells(grid: TGrid): boolean {
  const lines = [
    ...Array.from({ length: grid.rows + 1 }, (_, i) => rowLine(grid, i)),
    ...Array.from({ length: grid.columns + 1 }, (_, j) => columnLine(grid, j)),
  ];
  let changed = false;
  for (const line of lines) {
    const strong = line.filter((cell) => isStrong(grid, cell)).length;
    const hidden = line.filter(([i, j]) => grid.hidden[i]![j]).length;
    if (strong === 1 || (strong === 0 && hidden > 0)) changed = hideOne(grid, line) || changed;
  }
  return changed;
}

/** Node ids: rows 0..R (R = the totals row), then columns as R+1+j; edges = hidden non-zero cells. */
function strongGraph(grid: TGrid): number[][] {
  const adjacency: number[][] = Array.from({ length: grid.rows + grid.columns + 2 }, () => []);
  for (let i = 0; i <= grid.rows; i++) {
    for (let j = 0; j <= grid.columns; j++) {
      if (!isStrong(grid, [i, j])) continue;
      adjacency[i]!.push(grid.rows + 1 + j);
      adjacency[grid.rows + 1 + j]!.push(i);
    }
  }
  return adjacency;
}

/**
 * Hides a non-zero cell joining node sets a and b (closing a cycle through them); if all such
 * cells are zero, one leading out of them (a row or column total), so a later pass can close it.
 */
function join(grid: TGrid, a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  const between: [number, number][] = [];
  const outward: [number, number][] = [];
  for (let i = 0; i <= grid.rows; i++) {
    for (let j = 0; j <= grid.columns; j++) {
      const column = grid.rows + 1 + j;
      if ((a.has(i) && b.has(column)) || (b.has(i) && a.has(column))) between.push([i, j]);
      else if ((a.has(i) || b.has(i)) !== (a.has(column) || b.has(column))) outward.push([i, j]);
    }
  }
  return hideOne(grid, between) || hideOne(grid, outward);
}

/** Step 2: a hidden non-zero cell that is a bridge (recoverable) gets a cycle through it. */
function fixBridge(grid: TGrid): boolean {
  const adjacency = strongGraph(grid);
  const bridge = findBridge(adjacency);
  return bridge !== undefined && join(grid, reachable(adjacency, bridge[0], bridge), reachable(adjacency, bridge[1], bridge));
}

/**
 * Step 3: a hidden zero can only move up, so it needs a cycle whose other cells are non-zero:
 * its row and column must be connected through hidden non-zero cells. A zero in a line that is
 * zero throughout is left: that line's published zeros show it anyway.
 */
function fixHiddenZeros(grid: TGrid): boolean {
  const adjacency = strongGraph(grid);
  for (let i = 0; i <= grid.rows; i++) {
    for (let j = 0; j <= grid.columns; j++) {
      if (!grid.hidden[i]![j] || grid.values[i]![j]! > 0) continue;
      const allZero = (line: [number, number][]) => line.every(([x, y]) => grid.values[x]![y] === 0);
      if (allZero(rowLine(grid, i)) || allZero(columnLine(grid, j))) continue;
      const fromRow = reachable(adjacency, i);
      if (fromRow.has(grid.rows + 1 + j)) continue;
      if (join(grid, fromRow, reachable(adjacency, grid.rows + 1 + j))) return true;
    }
  }
  return false;
}

export type TTableInput = {
  /** R rows × C columns of counts. */
  cells: readonly (readonly number[])[];
  /** Published margins; default the sums (pass them when a case may count in several columns). */
  rowTotals?: readonly number[];
  columnTotals?: readonly number[];
  total?: number;
  /**
   * Positions to hide whatever their value (e.g. the fatal counts of groups whose case counts
   * are hidden), on the grid with totals: row i's entry C is its total; row R holds the column
   * totals and, at C, the grand total. Missing entries are false.
   */
  forced?: readonly (readonly boolean[])[];
};

export type TTableResult = {
  cells: TSuppressedCell[][];
  rowTotals: TSuppressedCell[];
  columnTotals: TSuppressedCell[];
  total: TSuppressedCell;
};

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Two-way table with row, column and grand totals published. */
export function suppressTable(input: TTableInput, options: TSuppressionOptions = {}): TTableResult {
  const rows = input.cells.length;
  const columns = input.cells[0]?.length ?? 0;
  const rowTotals = input.rowTotals ?? input.cells.map(sum);
  const columnTotals = input.columnTotals ?? Array.from({ length: columns }, (_, j) => sum(input.cells.map((row) => row[j]!)));
  const total = input.total ?? sum(rowTotals);
  const values = [...input.cells.map((row, i) => [...row, rowTotals[i]!]), [...columnTotals, total]];
  const hidden = values.map((row, i) => row.map((value, j) => isPrimary(value, options) || input.forced?.[i]?.[j] === true));
  const grid: TGrid = { values, hidden, rows, columns, hasTotalsRow: true };
  // Each pass hides one more cell or stops, so this ends after at most (R+1)(C+1) passes.
  let changed = true;
  while (changed) changed = fixLonelyCells(grid) || fixBridge(grid) || fixHiddenZeros(grid);
  return {
    cells: input.cells.map((row, i) => row.map((value, j) => cellOf(value, hidden[i]![j]!))),
    rowTotals: rowTotals.map((value, i) => cellOf(value, hidden[i]![columns]!)),
    columnTotals: columnTotals.map((value, j) => cellOf(value, hidden[rows]![j]!)),
    total: cellOf(total, hidden[rows]![columns]!),
  };
}

export type TLineResult = { cells: TSuppressedCell[]; total: TSuppressedCell };

/**
 * One dimension with its published total: after suppression, two or more hidden, or none.
 * `forced` indexes the values, then the total at index values.length.
 */
export function suppressLine(
  values: readonly number[],
  options: TSuppressionOptions & { total?: number; forced?: readonly boolean[] } = {},
): TLineResult {
  const total = options.total ?? sum(values);
  const all = [...values, total];
  const hidden = all.map((value, k) => isPrimary(value, options) || options.forced?.[k] === true);
  // The same rule as a table's line: a hidden non-zero value needs a hidden partner, and hidden
  // zeros need a non-zero one (two hidden zeros summing to a known 0 are both known).
  const grid: TGrid = { values: [all], hidden: [hidden], rows: 0, columns: values.length, hasTotalsRow: false };
  const count = (keep: (k: number) => boolean) => all.filter((_, k) => hidden[k] && keep(k)).length;
  while (count(() => true) > 0 && (count(() => true) === 1 || count((k) => all[k]! > 0) === 0)) {
    if (!hideOne(grid, rowLine(grid, 0))) break;
  }
  return { cells: values.map((value, k) => cellOf(value, hidden[k]!)), total: cellOf(total, hidden[values.length]!) };
}
