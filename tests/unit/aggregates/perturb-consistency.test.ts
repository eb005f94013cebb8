// Perturbed counts stay consistent whatever the cell keys: fatal ≤ known ≤ cases within a record,
// and no group or cell exceeds its whole — else a proportion (case fatality, share) of x > n.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { perturbCountTable } from "@/lib/queries/aggregates/protect-answer";
import type { TCounts } from "@/lib/queries/aggregates/types";

const key = fc.integer({ min: 0, max: 2 ** 32 - 1 });
/** A record where every measure is at most `n` (fatal ≤ known ≤ cases; in-period and undated ≤ cases). */
const record = (n: number) =>
  fc
    .record({ fatal: fc.integer({ min: 0, max: n }), inPeriod: fc.integer({ min: 0, max: n }), keys: fc.tuple(key, key, key, key, key) })
    .map(({ fatal, inPeriod, keys }): TCounts => ({
      cases: n,
      knownOutcome: n,
      fatal,
      inPeriod,
      undated: n - inPeriod,
      keys: { cases: keys[0], fatal: keys[1], knownOutcome: keys[2], inPeriod: keys[3], undated: keys[4] },
    }));

const consistent = (c: TCounts, whole?: TCounts) =>
  c.fatal <= c.knownOutcome &&
  c.knownOutcome <= c.cases &&
  c.inPeriod <= c.cases &&
  c.undated <= c.cases &&
  (!whole || (c.cases <= whole.cases && c.fatal <= whole.fatal && c.knownOutcome <= whole.knownOutcome));

describe("perturbCountTable", () => {
  it("never makes a part larger than its whole, or fatal larger than known or cases", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(record(n), record(n), record(n))),
        ([total, group, cell]) => {
          const table = perturbCountTable({ total, groups: new Map([["g", group]]), cells: new Map([["g", new Map([["c", cell]])]]) });
          const g = table.groups.get("g")!;
          expect(consistent(table.total)).toBe(true);
          expect(consistent(g, table.total)).toBe(true);
          expect(consistent(table.cells.get("g")!.get("c")!, g)).toBe(true);
          expect(table.total.cases).toBeGreaterThan(0); // a non-zero count never becomes 0
        },
      ),
      { numRuns: 2000 },
    );
  });
});
