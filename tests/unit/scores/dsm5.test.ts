import { describe, expect, it } from "vitest";
import { scoreDsm5, type TNmsFindings } from "@/lib/stats/case-definition";
import { ABSENT_FINDINGS, TEXTBOOK_NMS, UNKNOWN_FINDINGS, findings } from "./fixtures";

const ESSENTIALS = { dopamineBlockerExposure: true, rigidity: true, maxTempC: 38.6 };

describe("scoreDsm5", () => {
  it.each<[string, TNmsFindings, boolean | null, boolean | null, number, number]>([
    // associated met: diaphoresis, tremor, incontinence, consciousness, tachycardia, BP,
    // leukocytosis, muscle injury = 8; dysphagia and mutism are never captured = 2 unknown
    ["textbook NMS", TEXTBOOK_NMS, true, true, 8, 2],
    ["everything unknown", UNKNOWN_FINDINGS, null, null, 0, 10],
    ["everything absent", ABSENT_FINDINGS, false, false, 0, 2],
    // essentials present, 1 associated feature known, the uncaptured 2 keep ≥ 2 possible
    ["essentials + 1 associated", findings({ ...ESSENTIALS, tremor: true }, ABSENT_FINDINGS), true, null, 1, 2],
    ["essentials + 2 associated", findings({ ...ESSENTIALS, tremor: true, wbc: 14 }, ABSENT_FINDINGS), true, true, 2, 2],
    ["rigidity absent", findings({ ...TEXTBOOK_NMS, rigidity: false }), false, false, 8, 2],
    ["exposure unknown", findings({ ...TEXTBOOK_NMS, dopamineBlockerExposure: null }), null, null, 8, 2],
    ["38.0 °C is not elevated", findings({ ...TEXTBOOK_NMS, maxTempC: 38.0 }), false, false, 8, 2],
  ])("%s → meets %s, DSM-IV-TR %s, %d associated, %d unknown", (_name, input, meets, meetsIvTr, count, unknown) => {
    const result = scoreDsm5(input);
    expect(result.meets).toBe(meets);
    expect(result.meetsDsmIvTr).toBe(meetsIvTr);
    expect(result.associatedCount).toBe(count);
    expect(result.associatedUnknown).toBe(unknown);
  });

  it("keeps uncaptured features unknown and shows the exclusion criterion apart", () => {
    const result = scoreDsm5(ABSENT_FINDINGS);
    const unknown = result.associated.filter((a) => a.status === "unknown").map((a) => a.key);
    expect(unknown).toEqual(["dysphagia", "mutism"]);
    expect(result.otherCausesExcluded).toBe("not_met");
    expect(result.essential.map((e) => e.key)).toEqual(["dopamineExposure", "severeRigidity", "elevatedTemperature"]);
  });
});
