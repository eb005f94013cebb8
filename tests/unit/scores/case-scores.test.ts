import { describe, expect, it } from "vitest";
import { naranjoAnswersOf, scoreCase, type TCaseClinicalFields } from "@/lib/domain/case-scores";
import { TEXTBOOK_NMS, UNKNOWN_CASE } from "./fixtures";

const caseWith = (overrides: Partial<TCaseClinicalFields>): TCaseClinicalFields => ({ ...UNKNOWN_CASE, ...overrides });

describe("scoreCase", () => {
  it("scores a textbook haloperidol NMS case on every scale", () => {
    const scores = scoreCase(
      caseWith({
        ...TEXTBOOK_NMS,
        onsetAfterDrugStart: true,
        drugStopped: true,
        improvedAfterStop: true,
        rapidDoseEscalation: true,
      }),
    );
    expect(scores.consensus).toMatchObject({ score: 100, maxScore: 100, meetsCutoff: true });
    expect(scores.levenson.meets).toBe(true);
    expect(scores.dsm5).toMatchObject({ meets: true, meetsDsmIvTr: true });
    // Q1 +1, Q2 +2, Q3 +1, Q4 0 (no rechallenge), Q5 +2, Q8 +1, Q10 +1 = 8
    expect(scores.naranjo).toMatchObject({ score: 8, category: "probable" });
  });

  it("leaves a case with nothing reported undecided, with Naranjo 0 (doubtful)", () => {
    const scores = scoreCase(UNKNOWN_CASE);
    expect(scores.consensus).toMatchObject({ score: 0, minScore: 0, maxScore: 100, meetsCutoff: null });
    expect(scores.levenson.meets).toBeNull();
    expect(scores.dsm5.meets).toBeNull();
    expect(scores.naranjo).toMatchObject({ score: 0, category: "doubtful" });
  });

  it("ignores fields that are not scorer inputs", () => {
    const row = { ...UNKNOWN_CASE, rigidity: true, eegSlowing: true, id: "c1" };
    expect(scoreCase(row)).toEqual(scoreCase(caseWith({ rigidity: true })));
  });
});

describe("naranjoAnswersOf — case fields to Naranjo answers", () => {
  it.each<[string, Partial<TCaseClinicalFields>, string, string]>([
    ["antidopaminergic exposure → Q1 yes", { dopamineBlockerExposure: true }, "previousReports", "yes"],
    ["no known exposure → Q1 don't know", { dopamineBlockerExposure: false }, "previousReports", "dont_know"],
    ["onset after start → Q2 yes", { onsetAfterDrugStart: true }, "appearedAfterDrug", "yes"],
    ["onset before start → Q2 no", { onsetAfterDrugStart: false }, "appearedAfterDrug", "no"],
    ["stopped and improved → Q3 yes", { drugStopped: true, improvedAfterStop: true }, "improvedOnWithdrawal", "yes"],
    ["stopped, no improvement → Q3 no", { drugStopped: true, improvedAfterStop: false }, "improvedOnWithdrawal", "no"],
    ["improved, never stopped → Q3 don't know", { drugStopped: false, improvedAfterStop: true }, "improvedOnWithdrawal", "dont_know"],
    ["rechallenge, recurred → Q4 yes", { rechallenge: true, rechallengeRecurred: true }, "reappearedOnRechallenge", "yes"],
    ["rechallenge, no recurrence → Q4 no", { rechallenge: true, rechallengeRecurred: false }, "reappearedOnRechallenge", "no"],
    ["no rechallenge → Q4 don't know", { rechallenge: false, rechallengeRecurred: true }, "reappearedOnRechallenge", "dont_know"],
    ["negative work-up → Q5 no alternative cause", { negativeWorkup: true }, "alternativeCauses", "no"],
    ["work-up found a cause → Q5 yes", { negativeWorkup: false }, "alternativeCauses", "yes"],
    ["rapid escalation → Q8 yes", { rapidDoseEscalation: true }, "doseResponse", "yes"],
    ["no rapid escalation → Q8 don't know", { rapidDoseEscalation: false }, "doseResponse", "dont_know"],
    ["CK 4 × ULN → Q10 yes", { ckMax: 800, ckUln: 200 }, "objectiveEvidence", "yes"],
    ["temperature 38.5 °C → Q10 yes", { maxTempC: 38.5 }, "objectiveEvidence", "yes"],
    ["CK 2 × ULN, 37.5 °C → Q10 don't know", { ckMax: 400, ckUln: 200, maxTempC: 37.5 }, "objectiveEvidence", "dont_know"],
  ])("%s", (_name, overrides, key, answer) => {
    expect(naranjoAnswersOf(caseWith(overrides))).toMatchObject({ [key]: answer });
  });

  it("never answers the items a case report cannot inform (Q6, Q7, Q9)", () => {
    const answers = naranjoAnswersOf(caseWith({ ...TEXTBOOK_NMS, rechallenge: true, rechallengeRecurred: true }));
    expect([answers.placeboReaction, answers.toxicConcentration, answers.previousSimilarReaction]).toEqual([
      "dont_know",
      "dont_know",
      "dont_know",
    ]);
  });
});
