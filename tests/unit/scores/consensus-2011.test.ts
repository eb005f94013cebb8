import { describe, expect, it } from "vitest";
import {
  CONSENSUS_2011_CUTOFF,
  scoreConsensus2011,
  type TConsensus2011CriterionKey,
  type TCriterionStatus,
  type TNmsFindings,
} from "@/lib/stats/case-definition";
import { ABSENT_FINDINGS, TEXTBOOK_NMS, UNKNOWN_FINDINGS, findings } from "./fixtures";

const statusOf = (f: TNmsFindings, key: TConsensus2011CriterionKey): TCriterionStatus | undefined =>
  scoreConsensus2011(f).criteria.find((c) => c.key === key)?.status;

const CORE = { dopamineBlockerExposure: true, maxTempC: 38.5, rigidity: true, mentalStatusChange: true };
const CORE_73 = findings({ ...CORE, tachycardia: true, tachypnoea: true }, ABSENT_FINDINGS);
const CORE_75 = findings({ ...CORE, negativeWorkup: true }, ABSENT_FINDINGS);
const NO_KNOWN_EXPOSURE_73 = findings(
  {
    ...CORE,
    dopamineBlockerExposure: null,
    ckMax: 1000,
    bpLability: true,
    diaphoresis: true,
    tachycardia: true,
    tachypnoea: true,
  },
  ABSENT_FINDINGS,
);

describe("scoreConsensus2011 — hand-worked cases", () => {
  it.each<[string, TNmsFindings, number, number, boolean | null]>([
    // 20 + 18 + 17 + 13 + 10 + 10 + 5 + 7 = 100
    ["textbook NMS, every criterion met", TEXTBOOK_NMS, 100, 100, true],
    // nothing known: 0 met, all 100 points open
    ["everything unknown", UNKNOWN_FINDINGS, 0, 100, null],
    // everything known absent
    ["everything absent", ABSENT_FINDINGS, 0, 0, false],
    // exposure 20 + hyperthermia 18 + rigidity 17 + mental status 13 + hypermetabolism 5 = 73,
    // the rest known absent → 73 < 74 for certain
    ["73 points, rest absent", CORE_73, 73, 73, false],
    // the same 73 with the negative work-up unknown: 73 + 7 = 80 still possible → undecided
    ["73 points, work-up unknown", findings({ negativeWorkup: null }, CORE_73), 73, 80, null],
    // exposure 20 + hyperthermia 18 + rigidity 17 + mental status 13 + work-up 7 = 75 ≥ 74
    ["75 points, rest absent", CORE_75, 75, 75, true],
    // hyperthermia 18 + rigidity 17 + mental status 13 + CK 10 + lability 10 + hypermetabolism 5
    // = 73, exposure unknown (+20) → 93 possible
    ["73 points, exposure unknown", NO_KNOWN_EXPOSURE_73, 73, 93, null],
  ])("%s → score %d, max %d, meets %s", (_name, input, score, maxScore, meets) => {
    const result = scoreConsensus2011(input);
    expect(result.score).toBe(score);
    expect(result.minScore).toBe(score);
    expect(result.maxScore).toBe(maxScore);
    expect(result.meetsCutoff).toBe(meets);
  });

  it("uses the 2017 validated cut-off of 74", () => {
    expect(CONSENSUS_2011_CUTOFF).toBe(74);
  });

  it("lists the eight published criteria in order, their points summing to 100", () => {
    const criteria = scoreConsensus2011(UNKNOWN_FINDINGS).criteria;
    expect(criteria.map((c) => [c.key, c.points])).toEqual([
      ["dopamineExposure", 20],
      ["hyperthermia", 18],
      ["rigidity", 17],
      ["mentalStatusAlteration", 13],
      ["ckElevation", 10],
      ["sympatheticLability", 10],
      ["hypermetabolism", 5],
      ["negativeWorkup", 7],
    ]);
  });

  it("no set of criteria sums to exactly 74, so in practice 75 is the lowest passing score", () => {
    const points = scoreConsensus2011(UNKNOWN_FINDINGS).criteria.map((c) => c.points);
    const sums = new Set<number>([0]);
    for (const p of points) for (const s of [...sums]) sums.add(s + p);
    expect(sums.has(74)).toBe(false);
    expect(sums.has(73) && sums.has(75)).toBe(true);
  });
});

describe("scoreConsensus2011 — single criteria", () => {
  it.each<[string, Partial<TNmsFindings>, TConsensus2011CriterionKey, TCriterionStatus]>([
    ["38.0 °C is not above 38.0", { maxTempC: 38.0 }, "hyperthermia", "not_met"],
    ["38.1 °C is", { maxTempC: 38.1 }, "hyperthermia", "met"],
    ["CK exactly 4 × ULN", { ckMax: 800, ckUln: 200 }, "ckElevation", "met"],
    ["CK just under 4 × ULN", { ckMax: 799, ckUln: 200 }, "ckElevation", "not_met"],
    ["CK without a ULN, ≥ 4 × 400", { ckMax: 1600 }, "ckElevation", "met"],
    ["CK without a ULN, < 4 × 400: cannot tell", { ckMax: 1599 }, "ckElevation", "unknown"],
    ["ULN without a CK", { ckUln: 200 }, "ckElevation", "unknown"],
    ["a ULN of 0 is treated as missing", { ckMax: 900, ckUln: 0 }, "ckElevation", "unknown"],
    // sympathetic lability needs ≥ 2 of BP lability, diaphoresis, incontinence
    ["lability: two signs", { bpLability: true, diaphoresis: true }, "sympatheticLability", "met"],
    ["lability: one sign, others unknown", { diaphoresis: true }, "sympatheticLability", "unknown"],
    ["lability: one sign, others absent", { diaphoresis: true, bpLability: false, incontinence: false }, "sympatheticLability", "not_met"],
    ["lability: two absent, one unknown", { bpLability: false, incontinence: false }, "sympatheticLability", "not_met"],
    ["lability: one absent, two unknown", { bpLability: false }, "sympatheticLability", "unknown"],
    // hypermetabolism needs both
    ["hypermetabolism: both", { tachycardia: true, tachypnoea: true }, "hypermetabolism", "met"],
    ["hypermetabolism: one, other unknown", { tachycardia: true }, "hypermetabolism", "unknown"],
    ["hypermetabolism: one absent", { tachycardia: false }, "hypermetabolism", "not_met"],
  ])("%s", (_name, overrides, key, status) => {
    expect(statusOf(findings(overrides), key)).toBe(status);
  });
});
