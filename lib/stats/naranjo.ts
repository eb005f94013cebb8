// The Naranjo adverse drug reaction probability scale: ten questions answered yes / no /
// don't know, summed to a score from −4 to 13 and a causality category.
//
// Naranjo CA, Busto U, Sellers EM, et al. A method for estimating the probability of
// adverse drug reactions. Clin Pharmacol Ther 1981;30(2):239–245.

export const NARANJO_ANSWERS = ["yes", "no", "dont_know"] as const;
export type TNaranjoAnswer = (typeof NARANJO_ANSWERS)[number];

export const NARANJO_CATEGORIES = ["definite", "probable", "possible", "doubtful"] as const;
export type TNaranjoCategory = (typeof NARANJO_CATEGORIES)[number];

/** Every item scores "don't know" as 0; only yes and no carry points. */
function question<K extends string>(key: K, text: string, yes: number, no: number) {
  return { key, question: text, points: { yes, no, dont_know: 0 } satisfies Record<TNaranjoAnswer, number> };
}

/** The published questionnaire, in its order, with the points of a yes and of a no. */
export const NARANJO_QUESTIONS = [
  question("previousReports", "Are there previous conclusive reports on this reaction?", 1, 0),
  question("appearedAfterDrug", "Did the adverse event appear after the suspected drug was administered?", 2, -1),
  question(
    "improvedOnWithdrawal",
    "Did the adverse reaction improve when the drug was discontinued or a specific antagonist was administered?",
    1,
    0,
  ),
  question("reappearedOnRechallenge", "Did the adverse reaction reappear when the drug was readministered?", 2, -1),
  // The one reversed item: an alternative cause counts against the drug, its absence for it.
  question(
    "alternativeCauses",
    "Are there alternative causes (other than the drug) that could on their own have caused the reaction?",
    -1,
    2,
  ),
  question("placeboReaction", "Did the reaction reappear when a placebo was given?", -1, 1),
  question("toxicConcentration", "Was the drug detected in the blood (or other fluids) in concentrations known to be toxic?", 1, 0),
  question("doseResponse", "Was the reaction more severe when the dose was increased, or less severe when the dose was decreased?", 1, 0),
  question(
    "previousSimilarReaction",
    "Did the patient have a similar reaction to the same or similar drugs in any previous exposure?",
    1,
    0,
  ),
  question("objectiveEvidence", "Was the adverse event confirmed by any objective evidence?", 1, 0),
] as const;

export type TNaranjoQuestionKey = (typeof NARANJO_QUESTIONS)[number]["key"];

/** Answers by question; a question left out is "don't know", as the scale itself scores it. */
export type TNaranjoAnswers = Partial<Record<TNaranjoQuestionKey, TNaranjoAnswer>>;

export type TNaranjoItem = {
  key: TNaranjoQuestionKey;
  number: number;
  question: string;
  answer: TNaranjoAnswer;
  points: number;
};

export type TNaranjoResult = {
  /** Integer from −4 (every answer at its lowest) to 13 (every answer at its highest). */
  score: number;
  category: TNaranjoCategory;
  items: TNaranjoItem[];
};

/** Published bands: ≥ 9 definite, 5–8 probable, 1–4 possible, ≤ 0 doubtful. */
export function naranjoCategory(score: number): TNaranjoCategory {
  if (score >= 9) return "definite";
  if (score >= 5) return "probable";
  if (score >= 1) return "possible";
  return "doubtful";
}

export function naranjoScore(answers: TNaranjoAnswers): TNaranjoResult {
  const items = NARANJO_QUESTIONS.map(({ key, question, points }, index) => {
    const answer = answers[key] ?? "dont_know";
    return { key, number: index + 1, question, answer, points: points[answer] };
  });
  const score = items.reduce((sum, item) => sum + item.points, 0);
  return { score, category: naranjoCategory(score), items };
}
