// Fixture cases for the export, audit and researcher-access tests: known counts per drug class
// (one of them under the suppression threshold, one class with none), and identifying strings —
// source ids, narratives, unmatched drug names — that must never reach a researcher.
import { createCase } from "@/lib/cases/case-commands";
import { ZCaseInput, type TCaseInput } from "@/lib/domain/case-schema";
import type { DrugClass, Outcome, Sex } from "@/lib/domain/vocabulary";

/** Per class: its suspect drug, how many cases and how many of them fatal. */
export const CLASS_PLAN: Record<DrugClass, { drug: string; cases: number; fatal: number }> = {
  first_generation: { drug: "haloperidol", cases: 12, fatal: 2 },
  second_generation: { drug: "olanzapine", cases: 3, fatal: 1 },
  antiemetic: { drug: "metoclopramide", cases: 8, fatal: 0 },
  dopaminergic_withdrawal: { drug: "levodopa", cases: 0, fatal: 0 },
  other_antidopaminergic: { drug: "tetrabenazine", cases: 6, fatal: 1 },
};
export const FIXTURE_TOTAL = Object.values(CLASS_PLAN).reduce((a, p) => a + p.cases, 0);

/** Text a spreadsheet would run, in every kind of text cell the line listing writes. */
export const FORMULA_NARRATIVE = '=HYPERLINK("http://evil.example","click")';
export const FORMULA_SOURCE_ID = "@SUM(1+1)";
export const FORMULA_DRUG = "+cmd|' /C calc'!A0";

export type TFixtureCase = { id: string; input: TCaseInput };

const SEXES: Sex[] = ["male", "female", "unknown"];

function inputFor(drugClass: DrugClass, n: number, fatal: boolean): TCaseInput {
  const plan = CLASS_PLAN[drugClass];
  const outcome: Outcome = fatal ? "fatal" : n % 4 === 3 ? "unknown" : "recovered";
  const first = drugClass === "first_generation" && n === 0;
  return ZCaseInput.parse({
    sourceId: first ? FORMULA_SOURCE_ID : `LEAK-${drugClass}-${n}`,
    onsetDate: `202${n % 4}-0${1 + (n % 9)}-1${n % 10}`,
    receivedDate: "2024-12-31",
    country: n % 2 ? "GB" : "US",
    sex: SEXES[n % 3],
    ageYears: 20 + n * 3,
    outcome,
    narrative: first ? FORMULA_NARRATIVE : `leak-narrative ${drugClass} ${n}: patient details that must stay private`,
    // Concomitant drugs never count, and these names match nothing in the catalogue; the formula
    // one comes first so the CSV cell starts with it.
    drugs: [
      ...(first ? [{ name: FORMULA_DRUG, role: "concomitant" }] : []),
      { name: plan.drug, role: "suspect" },
      ...(first ? [] : [{ name: `zz-leak-drug-${drugClass}-${n}`, role: "concomitant" }]),
    ],
  });
}

/** Writes the fixture through the case commands (audited like any other change). */
export async function writeFixtureCases(actor = "fixture@nms.test"): Promise<TFixtureCase[]> {
  const written: TFixtureCase[] = [];
  for (const drugClass of Object.keys(CLASS_PLAN) as DrugClass[]) {
    const plan = CLASS_PLAN[drugClass];
    for (let n = 0; n < plan.cases; n++) {
      const input = inputFor(drugClass, n, n < plan.fatal);
      const created = await createCase(input, { name: actor });
      written.push({ id: created.id, input });
    }
  }
  return written;
}

/** Strings that identify a fixture case: its id, source id, narrative and every drug name as reported. */
export function identifyingStrings(cases: readonly TFixtureCase[]): string[] {
  return cases
    .flatMap(({ id, input }) => [
      id,
      input.sourceId,
      input.narrative ?? "",
      ...input.drugs.map((d) => d.name).filter((name) => name.includes("leak") || name === FORMULA_DRUG),
    ])
    .filter(Boolean);
}
