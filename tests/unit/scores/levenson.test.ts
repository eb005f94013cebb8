import { describe, expect, it } from "vitest";
import { scoreLevenson1985, type TNmsFindings } from "@/lib/stats/case-definition";
import { ABSENT_FINDINGS, TEXTBOOK_NMS, UNKNOWN_FINDINGS, findings } from "./fixtures";

// Major: fever ≥ 38.0 °C, rigidity, CK > ULN. Minor: tachycardia, abnormal BP, tachypnoea,
// altered consciousness, diaphoresis, WBC > 11. Probable: 3 major, or 2 major + 4 minor.
const THREE_MAJOR = { maxTempC: 38.0, rigidity: true, ckMax: 250, ckUln: 200 };
const TWO_MAJOR = { maxTempC: 39.1, rigidity: true, ckMax: 150, ckUln: 200 };
const TWO_MAJOR_THREE_MINOR = { ...TWO_MAJOR, tachycardia: true, bpLability: true, tachypnoea: true };

describe("scoreLevenson1985", () => {
  it.each<[string, TNmsFindings, number, number, boolean | null]>([
    ["textbook: 3 major + 6 minor", TEXTBOOK_NMS, 3, 6, true],
    ["3 major, no minor", findings(THREE_MAJOR, ABSENT_FINDINGS), 3, 0, true],
    // fever + rigidity (CK 150 ≤ 200) + tachycardia, BP, tachypnoea, WBC 12.5 → 2 + 4
    ["2 major + 4 minor", findings({ ...TWO_MAJOR_THREE_MINOR, wbc: 12.5 }, ABSENT_FINDINGS), 2, 4, true],
    // 2 + 3 with every other minor absent: cannot reach 4 minor
    ["2 major + 3 minor, rest absent", findings(TWO_MAJOR_THREE_MINOR, ABSENT_FINDINGS), 2, 3, false],
    // 2 + 3 with consciousness and diaphoresis unknown: either one would make it 2 + 4
    [
      "2 major + 3 minor + unknowns",
      findings({ ...TWO_MAJOR_THREE_MINOR, mentalStatusChange: null, diaphoresis: null }, ABSENT_FINDINGS),
      2,
      3,
      null,
    ],
    // 1 major known, the other two unknown: all three could still be present
    ["1 major + 2 unknown major", findings({ rigidity: true }), 1, 0, null],
    // CK unknown but 2 major known absent: at most 1 major
    ["2 major absent", findings({ maxTempC: 37, rigidity: false }), 0, 0, false],
    ["everything unknown", UNKNOWN_FINDINGS, 0, 0, null],
    ["everything absent", ABSENT_FINDINGS, 0, 0, false],
  ])("%s → %d major, %d minor, meets %s", (_name, input, major, minor, meets) => {
    const result = scoreLevenson1985(input);
    expect(result.majorMet).toBe(major);
    expect(result.minorMet).toBe(minor);
    expect(result.meets).toBe(meets);
  });

  it("splits the nine criteria into met, not met and unknown", () => {
    const result = scoreLevenson1985(findings({ maxTempC: 37.9, rigidity: true, wbc: 11.0 }));
    expect(result.met).toEqual(["rigidity"]);
    expect(result.notMet).toEqual(["fever", "leukocytosis"]); // 37.9 < 38.0; 11.0 is not > 11.0
    expect(result.unknown).toEqual([
      "elevatedCk",
      "tachycardia",
      "abnormalBloodPressure",
      "tachypnoea",
      "alteredConsciousness",
      "diaphoresis",
    ]);
  });

  it.each([
    [{ ckMax: 201, ckUln: 200 }, "met"],
    [{ ckMax: 200, ckUln: 200 }, "not_met"],
    [{ ckMax: 401 }, "met"], // above any ULN we assume when it is missing
    [{ ckMax: 400 }, "unknown"],
  ] as const)("elevated CK %o → %s", (overrides, status) => {
    const ck = scoreLevenson1985(findings(overrides)).criteria.find((c) => c.key === "elevatedCk");
    expect(ck?.status).toBe(status);
  });
});
