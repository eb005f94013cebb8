// Pure: which counts of an aggregates answer to hide, per measure, on the grid with totals
// (rows of cells plus their total; for a cross-tab a last row of column totals and the grand
// total). A one-dimension answer is a single row: its groups, then the total.
import { suppressLine, suppressTable, type TSuppressedCell, type TSuppressionOptions } from "@/lib/stats/suppression";

export const MEASURES = ["cases", "fatal", "knownOutcome"] as const;
export type TMeasure = (typeof MEASURES)[number];
export type TGridMask = boolean[][];
export type TMasks = Record<TMeasure, TGridMask>;

/** A measure's values on the grid with totals (same layout as the masks). */
export type TGridValues = Record<TMeasure, number[][]>;

const flags = (cells: readonly TSuppressedCell[]) => cells.map((c) => c.suppressed);

/**
 * Cases first; fatal and knownOutcome are tables of their own with their own totals (a hidden
 * death count must not follow from the total deaths), each hiding at least what cases hide.
 */
export function independentMasks(values: TGridValues, crossTab: boolean, options: TSuppressionOptions): TMasks {
  if (!crossTab) {
    const line = (m: TMeasure, forced?: boolean[]) => {
      const row = values[m][0]!;
      const r = suppressLine(row.slice(0, -1), { ...options, total: row.at(-1)!, forced });
      return [[...flags(r.cells), r.total.suppressed]];
    };
    const cases = line("cases");
    return { cases, fatal: line("fatal", cases[0]), knownOutcome: line("knownOutcome", cases[0]) };
  }
  const table = (m: TMeasure, forced?: TGridMask) => {
    const grid = values[m];
    const rows = grid.slice(0, -1);
    const r = suppressTable(
      {
        cells: rows.map((row) => row.slice(0, -1)),
        rowTotals: rows.map((row) => row.at(-1)!),
        columnTotals: grid.at(-1)!.slice(0, -1),
        total: grid.at(-1)!.at(-1)!,
        forced,
      },
      options,
    );
    return [...r.cells.map((row, i) => [...flags(row), r.rowTotals[i]!.suppressed]), [...flags(r.columnTotals), r.total.suppressed]];
  };
  const cases = table("cases");
  return { cases, fatal: table("fatal", cases), knownOutcome: table("knownOutcome", cases) };
}

const transpose = (grid: TGridMask): TGridMask => grid[0]!.map((_, j) => grid.map((row) => row[j]!));

/**
 * When outcome is a dimension, fatal and knownOutcome are functions of the case counts: in a
 * cell, fatal = cases (fatal column) or 0 and knownOutcome = cases (or 0 for unknown); in a
 * total, fatal = that line's fatal cell and knownOutcome = total − its unknown cell. Hiding
 * them independently would let one be worked out from the other (a hidden case count read off
 * a published knownOutcome). So they are hidden exactly where the case counts they equal are.
 * `outcomeKeys` are the outcome categories in column order; `alongRows`: outcome is `by`.
 */
export function outcomeMasks(cases: TGridMask, outcomeKeys: readonly string[], alongRows: boolean): TMasks {
  const grid = alongRows ? transpose(cases) : cases;
  const fatal = outcomeKeys.indexOf("fatal");
  const unknown = outcomeKeys.indexOf("unknown");
  const total = outcomeKeys.length;
  const derive = (ofTotal: (row: boolean[]) => boolean) => grid.map((row) => [...row.slice(0, total), ofTotal(row)]);
  const fatalMask = derive((row) => row[fatal] ?? true);
  const knownMask = derive((row) => (row[unknown] ?? true) || row[total]!);
  const back = (mask: TGridMask) => (alongRows ? transpose(mask) : mask);
  return { cases, fatal: back(fatalMask), knownOutcome: back(knownMask) };
}
