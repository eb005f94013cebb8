// Small-cell suppression: worked examples, and property tests over random tables showing that
// no hidden value can be recovered from the published cells and totals (issue 7).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suppressLine, suppressTable, type TSuppressedCell, type TTableResult } from "@/lib/stats/suppression";
import { alternativeExists, determinedOverReals, type TGridMask } from "./suppression-oracle";

const hiddenOf = (cells: TSuppressedCell[]) => cells.map((c) => c.suppressed);

/** The result as the augmented grid the oracles read (true values, hidden mask). */
function gridOf(cells: number[][], result: TTableResult): TGridMask {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const rowTotals = cells.map(sum);
  const columnTotals = (cells[0] ?? []).map((_, j) => sum(cells.map((r) => r[j]!)));
  return {
    values: [...cells.map((row, i) => [...row, rowTotals[i]!]), [...columnTotals, sum(rowTotals)]],
    hidden: [
      ...result.cells.map((row, i) => [...hiddenOf(row), result.rowTotals[i]!.suppressed]),
      [...hiddenOf(result.columnTotals), result.total.suppressed],
    ],
  };
}

describe("suppressLine (one dimension with its total)", () => {
  it("hides a small count and, alone, its smallest non-zero neighbour; a true zero stays", () => {
    const { cells, total } = suppressLine([3, 0, 40, 12]);
    expect(cells).toEqual([
      { value: null, suppressed: true },
      { value: 0, suppressed: false },
      { value: 40, suppressed: false },
      { value: null, suppressed: true },
    ]);
    expect(total).toEqual({ value: 55, suppressed: false });
  });

  it("leaves a table without small counts alone, and hides zeros only when asked", () => {
    expect(hiddenOf(suppressLine([5, 0, 9]).cells)).toEqual([false, false, false]);
    expect(hiddenOf(suppressLine([5, 0, 9], { suppressZeros: true }).cells)).toEqual([true, true, false]);
  });

  it("uses the configured threshold and a total that is not the sum (multi-class cases)", () => {
    expect(hiddenOf(suppressLine([9, 20, 30], { threshold: 10 }).cells)).toEqual([true, true, false]);
    const r = suppressLine([2, 3], { total: 4 });
    expect([...hiddenOf(r.cells), r.total.suppressed]).toEqual([true, true, true]);
  });

  it("hides the total when it is the only non-zero partner of a small count", () => {
    const r = suppressLine([7, 0, 0], { total: 7, forced: [true, false, false] });
    expect([...hiddenOf(r.cells), r.total.suppressed]).toEqual([true, false, false, true]);
  });

  it("property: zero or at least two hidden, and every hidden value takes several values", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 6 }), (values) => {
        const r = suppressLine(values);
        const hidden = [...hiddenOf(r.cells), r.total.suppressed];
        expect(hidden.filter(Boolean).length).not.toBe(1);
        // As a 1 × C table whose column totals are not published (= no column equations).
        const total = values.reduce((a, b) => a + b, 0);
        if (r.total.suppressed || !hidden.some(Boolean)) return;
        const hiddenValues = values.filter((_, k) => hidden[k]);
        const known = total - values.filter((_, k) => !hidden[k]).reduce((a, b) => a + b, 0);
        // Two or more unknowns summing to `known` ≥ 1 (each hidden value is ≥ 1 here): each can
        // take any value from 0 to `known`.
        expect(hiddenValues.length).toBeGreaterThanOrEqual(2);
        expect(known).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });
});

describe("suppressTable (rows × columns with row, column and grand totals)", () => {
  it("hides a small cell and enough partners that neither its row nor its column gives it away", () => {
    const r = suppressTable({
      cells: [
        [2, 30, 40],
        [25, 35, 45],
        [20, 22, 60],
      ],
    });
    const mask = r.cells.map(hiddenOf);
    expect(mask.flat().filter(Boolean).length).toBe(4); // the smallest rectangle through (0,0)
    expect(mask[0]).toEqual([true, true, false]);
    expect(mask[2]).toEqual([true, true, false]);
    expect(r.total).toEqual({ value: 279, suppressed: false });
  });

  it("closes a cycle through a cell that every line-by-line rule would leave recoverable", () => {
    // Two 2×2 blocks of hidden cells joined through one more hidden cell: every line has two or
    // more hidden cells, yet the joining cell is a bridge and its value follows from the totals.
    const cells = [
      [3, 3, 50, 60],
      [3, 3, 1, 70],
      [80, 90, 3, 3],
      [85, 95, 3, 3],
    ];
    const r = suppressTable({ cells });
    const grid = gridOf(cells, r);
    expect(determinedOverReals(grid).flat().some(Boolean)).toBe(false);
  });

  it("hides the cells of a row whose total is small, and the total itself", () => {
    const r = suppressTable({
      cells: [
        [1, 2, 0],
        [30, 40, 50],
      ],
    });
    expect(r.rowTotals[0]!.suppressed).toBe(true);
    expect(r.cells[0]![2]).toEqual({ value: 0, suppressed: false });
  });

  const smallTable = fc
    .record({ rows: fc.integer({ min: 1, max: 4 }), columns: fc.integer({ min: 1, max: 4 }) })
    .chain(({ rows, columns }) =>
      fc.array(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 12 })), { minLength: columns, maxLength: columns }),
        {
          minLength: rows,
          maxLength: rows,
        },
      ),
    );

  it("the oracles catch a hidden cell alone in its line, and a bridge between two hidden blocks", () => {
    const lone = gridOf(
      [
        [3, 9],
        [8, 9],
      ],
      {
        ...suppressTable({
          cells: [
            [3, 9],
            [8, 9],
          ],
        }),
      },
    );
    lone.hidden = [
      [true, false, false],
      [false, false, false],
      [false, false, false],
    ];
    expect(alternativeExists(lone)[0]![0]).toBe(false);
    expect(determinedOverReals(lone)[0]![0]).toBe(true);
    const cells = [
      [3, 3, 0, 0],
      [3, 3, 1, 0],
      [0, 0, 3, 3],
      [0, 0, 3, 3],
    ];
    const bridged = gridOf(cells, suppressTable({ cells }));
    bridged.hidden = [...cells.map((row) => [...row.map((v) => v > 0), false]), [false, false, false, false, false]];
    expect(alternativeExists(bridged)[1]![2]).toBe(false);
    expect(determinedOverReals(bridged)[1]![2]).toBe(true);
    expect(alternativeExists(bridged)[0]![0]).toBe(true);
  });

  it("property (brute force, ≤ 4×4, counts ≤ 12): every hidden value takes at least two values", () => {
    fc.assert(
      fc.property(smallTable, fc.integer({ min: 2, max: 6 }), fc.boolean(), (cells, threshold, suppressZeros) => {
        const grid = gridOf(cells, suppressTable({ cells }, { threshold, suppressZeros }));
        const other = alternativeExists(grid);
        // A hidden zero in a line that is zero throughout is known to be zero (module comment).
        const excused = (i: number, j: number) => grid.values[i]!.every((v) => v === 0) || grid.values.every((r) => r[j] === 0);
        grid.hidden.forEach((row, i) =>
          row.forEach((hidden, j) => {
            if (hidden && !excused(i, j)) expect(other[i]![j], `cell ${i},${j} takes one value only`).toBe(true);
          }),
        );
      }),
      { numRuns: 1000 },
    );
  });

  const largeTable = fc
    .record({ rows: fc.integer({ min: 1, max: 9 }), columns: fc.integer({ min: 1, max: 9 }) })
    .chain(({ rows, columns }) =>
      fc.array(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 200 })), { minLength: columns, maxLength: columns }),
        {
          minLength: rows,
          maxLength: rows,
        },
      ),
    );

  it("property (up to 9×9): no line has exactly one hidden cell, and no hidden value is fixed by the totals", () => {
    fc.assert(
      fc.property(largeTable, fc.boolean(), (cells, suppressZeros) => {
        const grid = gridOf(cells, suppressTable({ cells }, { suppressZeros }));
        const lines = [...grid.hidden, ...grid.hidden[0]!.map((_, j) => grid.hidden.map((row) => row[j]!))];
        for (const line of lines) expect(line.filter(Boolean).length).not.toBe(1);
        expect(determinedOverReals(grid).flat().some(Boolean)).toBe(false);
        // Primary suppression: every small count is hidden; a zero only when asked.
        grid.values.forEach((row, i) =>
          row.forEach((v, j) => {
            if (v > 0 && v < 5) expect(grid.hidden[i]![j]).toBe(true);
          }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("property: forced cells (hidden because a related count is) stay protected too", () => {
    fc.assert(
      fc.property(smallTable, fc.integer({ min: 0, max: 2 ** 16 }), fc.boolean(), (cells, bits, suppressZeros) => {
        const forced = cells.map((row, i) => row.map((_, j) => ((bits >> ((i * 4 + j) % 16)) & 1) === 1));
        const grid = gridOf(cells, suppressTable({ cells, forced }, { suppressZeros }));
        // A hidden zero in a line that is zero throughout is known to be zero, whatever is hidden.
        const excused = (i: number, j: number) => grid.values[i]!.every((v) => v === 0) || grid.values.every((r) => r[j] === 0);
        const other = alternativeExists(grid);
        grid.hidden.forEach((row, i) =>
          row.forEach((hidden, j) => {
            if (hidden && !excused(i, j)) expect(other[i]![j], `cell ${i},${j} takes one value only`).toBe(true);
          }),
        );
      }),
      { numRuns: 1000 },
    );
  });
});
