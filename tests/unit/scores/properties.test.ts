// Properties of the case-definition scorers over random findings, unknowns included.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreConsensus2011, scoreDsm5, scoreLevenson1985 } from "@/lib/stats/case-definition";
import { findingsArb, forgetFields, knownFindingsArb } from "./fixtures";

const hideMaskArb = fc.array(fc.boolean(), { minLength: 14, maxLength: 14 });

/** A case with some unknowns, and the same case with a subset of those unknowns now known. */
const refinementArb = fc.tuple(knownFindingsArb, hideMaskArb, hideMaskArb).map(([known, hide, keepHidden]) => ({
  before: forgetFields(known, hide),
  after: forgetFields(
    known,
    hide.map((h, i) => h && (keepHidden[i] ?? false)),
  ),
}));

describe("scoreConsensus2011 — properties", () => {
  it("keeps 0 ≤ minScore = score ≤ maxScore ≤ 100 and score = points of met criteria", () => {
    fc.assert(
      fc.property(findingsArb, (findings) => {
        const r = scoreConsensus2011(findings);
        expect(r.minScore).toBe(r.score);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(r.maxScore);
        expect(r.maxScore).toBeLessThanOrEqual(100);
        expect(r.criteria.filter((c) => c.status === "met").reduce((s, c) => s + c.points, 0)).toBe(r.score);
      }),
    );
  });

  it("once every finding is known, the range closes to a single score", () => {
    fc.assert(
      fc.property(knownFindingsArb, (findings) => {
        const r = scoreConsensus2011(findings);
        expect(r.maxScore).toBe(r.score);
        expect(r.meetsCutoff).not.toBeNull();
      }),
    );
  });

  it("learning an unknown finding keeps the score inside the earlier [min, max]", () => {
    fc.assert(
      fc.property(refinementArb, ({ before, after }) => {
        const was = scoreConsensus2011(before);
        const now = scoreConsensus2011(after);
        expect(now.minScore).toBeGreaterThanOrEqual(was.minScore);
        expect(now.maxScore).toBeLessThanOrEqual(was.maxScore);
        if (was.meetsCutoff !== null) expect(now.meetsCutoff).toBe(was.meetsCutoff);
      }),
    );
  });
});

describe("Levenson and DSM-5 — properties", () => {
  it("a decided verdict never changes when an unknown becomes known", () => {
    fc.assert(
      fc.property(refinementArb, ({ before, after }) => {
        const levenson = scoreLevenson1985(before).meets;
        if (levenson !== null) expect(scoreLevenson1985(after).meets).toBe(levenson);
        const dsm = scoreDsm5(before);
        const dsmAfter = scoreDsm5(after);
        if (dsm.meets !== null) expect(dsmAfter.meets).toBe(dsm.meets);
        if (dsm.meetsDsmIvTr !== null) expect(dsmAfter.meetsDsmIvTr).toBe(dsm.meetsDsmIvTr);
      }),
    );
  });

  it("Levenson's verdict is null exactly when the unknowns could go either way", () => {
    fc.assert(
      fc.property(findingsArb, (findings) => {
        const r = scoreLevenson1985(findings);
        expect(r.met.length + r.notMet.length + r.unknown.length).toBe(9);
        if (r.unknown.length === 0) expect(r.meets).not.toBeNull();
      }),
    );
  });
});
