import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  NARANJO_ANSWERS,
  NARANJO_QUESTIONS,
  naranjoCategory,
  naranjoScore,
  type TNaranjoAnswers,
  type TNaranjoCategory,
} from "@/lib/stats/naranjo";

// Points (yes / no / don't know), Naranjo et al. 1981: Q1 +1/0/0, Q2 +2/−1/0, Q3 +1/0/0,
// Q4 +2/−1/0, Q5 −1/+2/0, Q6 −1/+1/0, Q7 +1/0/0, Q8 +1/0/0, Q9 +1/0/0, Q10 +1/0/0.
const ALL_LOWEST: TNaranjoAnswers = {
  previousReports: "no", // 0
  appearedAfterDrug: "no", // −1
  improvedOnWithdrawal: "no", // 0
  reappearedOnRechallenge: "no", // −1
  alternativeCauses: "yes", // −1
  placeboReaction: "yes", // −1
  toxicConcentration: "no", // 0
  doseResponse: "no", // 0
  previousSimilarReaction: "no", // 0
  objectiveEvidence: "no", // 0
};
const ALL_HIGHEST: TNaranjoAnswers = {
  previousReports: "yes", // +1
  appearedAfterDrug: "yes", // +2
  improvedOnWithdrawal: "yes", // +1
  reappearedOnRechallenge: "yes", // +2
  alternativeCauses: "no", // +2
  placeboReaction: "no", // +1
  toxicConcentration: "yes", // +1
  doseResponse: "yes", // +1
  previousSimilarReaction: "yes", // +1
  objectiveEvidence: "yes", // +1
};
// Q1 +1, Q2 +2, Q3 +1, Q5 +2, Q8 +1, Q10 +1 = 8
const TYPICAL_NMS: TNaranjoAnswers = {
  previousReports: "yes",
  appearedAfterDrug: "yes",
  improvedOnWithdrawal: "yes",
  alternativeCauses: "no",
  doseResponse: "yes",
  objectiveEvidence: "yes",
};

describe("naranjoScore — worked examples at each category boundary", () => {
  it.each<[string, TNaranjoAnswers, number, TNaranjoCategory]>([
    ["every answer at its lowest: 0 −1 0 −1 −1 −1 0 0 0 0", ALL_LOWEST, -4, "doubtful"],
    ["all don't know", {}, 0, "doubtful"],
    ["Q2 no (−1) + Q1 yes (+1)", { appearedAfterDrug: "no", previousReports: "yes" }, 0, "doubtful"],
    ["Q1 yes", { previousReports: "yes" }, 1, "possible"],
    ["Q2 yes (+2) + Q5 no (+2)", { appearedAfterDrug: "yes", alternativeCauses: "no" }, 4, "possible"],
    ["Q1 + Q2 + Q5 = 1 + 2 + 2", { previousReports: "yes", appearedAfterDrug: "yes", alternativeCauses: "no" }, 5, "probable"],
    ["typical NMS: 1 + 2 + 1 + 2 + 1 + 1", TYPICAL_NMS, 8, "probable"],
    ["typical NMS + Q9 yes (+1)", { ...TYPICAL_NMS, previousSimilarReaction: "yes" }, 9, "definite"],
    ["typical NMS + rechallenge without recurrence (−1)", { ...TYPICAL_NMS, reappearedOnRechallenge: "no" }, 7, "probable"],
    ["every answer at its highest: 1 2 1 2 2 1 1 1 1 1", ALL_HIGHEST, 13, "definite"],
  ])("%s → %d %s", (_name, answers, score, category) => {
    const result = naranjoScore(answers);
    expect(result.score).toBe(score);
    expect(result.category).toBe(category);
  });

  it("reports every item with its number, answer and points", () => {
    const { items } = naranjoScore({ alternativeCauses: "yes" });
    expect(items).toHaveLength(10);
    expect(items[4]).toMatchObject({ number: 5, key: "alternativeCauses", answer: "yes", points: -1 });
    expect(items[0]).toMatchObject({ number: 1, answer: "dont_know", points: 0 });
  });

  it("matches the published points table", () => {
    expect(NARANJO_QUESTIONS.map((q) => [q.points.yes, q.points.no, q.points.dont_know])).toEqual([
      [1, 0, 0],
      [2, -1, 0],
      [1, 0, 0],
      [2, -1, 0],
      [-1, 2, 0],
      [-1, 1, 0],
      [1, 0, 0],
      [1, 0, 0],
      [1, 0, 0],
      [1, 0, 0],
    ]);
  });
});

describe("naranjoCategory", () => {
  it.each<[number, TNaranjoCategory]>([
    [-4, "doubtful"],
    [0, "doubtful"],
    [1, "possible"],
    [4, "possible"],
    [5, "probable"],
    [8, "probable"],
    [9, "definite"],
    [13, "definite"],
  ])("%d → %s", (score, category) => {
    expect(naranjoCategory(score)).toBe(category);
  });
});

describe("naranjoScore — properties", () => {
  const answersArb = fc.record(
    Object.fromEntries(NARANJO_QUESTIONS.map((q) => [q.key, fc.constantFrom(...NARANJO_ANSWERS)])) as {
      [K in keyof TNaranjoAnswers]-?: fc.Arbitrary<NonNullable<TNaranjoAnswers[K]>>;
    },
    { requiredKeys: [] },
  );

  it("is an integer from −4 to 13, the sum of its items, in the category of its score", () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const result = naranjoScore(answers);
        expect(Number.isInteger(result.score)).toBe(true);
        expect(result.score).toBeGreaterThanOrEqual(-4);
        expect(result.score).toBeLessThanOrEqual(13);
        expect(result.items.reduce((s, i) => s + i.points, 0)).toBe(result.score);
        expect(result.category).toBe(naranjoCategory(result.score));
      }),
    );
  });
});
