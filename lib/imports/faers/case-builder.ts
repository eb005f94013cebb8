// One FAERS report's rows (DEMO + DRUG + THER + OUTC + REAC + INDI, already joined on the
// report id) → a case input. Every code is checked against its table; a bad value throws a
// record-level ImportError naming that row's file, line and column.
import type { TCaseDrugInput, TCaseInputRaw } from "@/lib/domain/case-schema";
import type { TNormalise } from "../types";
import { recordError } from "../errors";
import { fieldsFromReactions, reactionsNarrative } from "../shared/nms-term";
import { roleFromAction } from "../shared/withdrawal-role";
import { AGE_UNITS, CHALLENGE_CODES, OCCUPATIONS, OUTCOME_CODES, ROLES, SEX_CODES, WEIGHT_UNITS } from "./codes";
import { formulationOf, lookup, scaled } from "../shared/code-lookup";
import { compactDate } from "../shared/compact-date";
import { seriousnessFromFaersOutcomes } from "../shared/seriousness";
import type { FaersRow } from "./tables";

export type TFaersReport = {
  caseId: string;
  version: number;
  demo: FaersRow;
  drugs: FaersRow[];
  therapies: FaersRow[];
  outcomes: FaersRow[];
  reactions: string[];
  indications: string[];
};
export type TTableFiles = { DEMO: string; DRUG: string; THER: string; OUTC: string };

/** Runs `parse` on a row's field; its Error becomes an ImportError at that row and column. */
function at<T>(row: FaersRow, file: string, field: string, parse: (value: string) => T): T {
  try {
    return parse(row.get(field));
  } catch (error) {
    throw recordError({ file, line: row.line }, row.columnOf(field), (error as Error).message);
  }
}

const country = (code: string) => (/^[A-Za-z]{2}$/.test(code) ? code.toUpperCase() : null);
const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

/** Earliest start and latest stop per drug sequence number, over all therapy rows. */
function therapyDates(rows: readonly FaersRow[], file: string) {
  const bySeq = new Map<string, { startDate: string | null; stopDate: string | null }>();
  for (const row of rows) {
    const start = at(row, file, "start", (v) => compactDate(v, "start"));
    const stop = at(row, file, "end", (v) => compactDate(v, "end"));
    const seen = bySeq.get(row.get("seq")) ?? { startDate: null, stopDate: null };
    if (start && (!seen.startDate || start < seen.startDate)) seen.startDate = start;
    if (stop && (!seen.stopDate || stop > seen.stopDate)) seen.stopDate = stop;
    bySeq.set(row.get("seq"), seen);
  }
  return bySeq;
}

/**
 * The name kept on the case: the brand/verbatim drugname when the catalogue knows it, else the
 * active ingredient (prod_ai) when that is what the catalogue knows, else drugname as given.
 */
function drugName(row: FaersRow, normalise: TNormalise): string {
  const name = row.get("name");
  const ingredient = row.get("activeIngredient");
  if (name && normalise(name)) return name;
  if (ingredient && normalise(ingredient)) return ingredient;
  return name || ingredient;
}

function buildDrug(row: FaersRow, file: string, therapy: ReturnType<typeof therapyDates>, normalise: TNormalise) {
  const name = drugName(row, normalise);
  if (!name) throw recordError({ file, line: row.line }, row.columnOf("name"), "is empty");
  const role = at(row, file, "role", (v) => lookup(ROLES, v, "role code"));
  const dechal = at(row, file, "dechal", (v) => lookup(CHALLENGE_CODES, v, "dechallenge code"));
  const rechal = at(row, file, "rechal", (v) => lookup(CHALLENGE_CODES, v, "rechallenge code"));
  const route = /^unknown$/i.test(row.get("route")) ? "" : row.get("route");
  const dose = row.get("doseText") || [row.get("doseAmount"), row.get("doseUnit")].filter(Boolean).join(" ");
  const drug: TCaseDrugInput = {
    name: clip(name, 200),
    // A dechallenge (Y/N) means the drug was stopped or reduced (lib/imports/shared/withdrawal-role.ts).
    role: roleFromAction(role, normalise(name), dechal === "Y" || dechal === "N"),
    dose: dose ? clip(dose, 100) : null,
    route: route ? clip(route, 60) : null,
    formulation: formulationOf(row.get("doseForm"), route),
    ...(therapy.get(row.get("seq")) ?? {}),
  };
  return { drug, dechal, rechal };
}

export function buildFaersCase(report: TFaersReport, files: TTableFiles, normalise: TNormalise): TCaseInputRaw {
  const { demo } = report;
  const therapy = therapyDates(report.therapies, files.THER);
  const built = report.drugs.map((row) => buildDrug(row, files.DRUG, therapy, normalise));
  const attributing = built.filter((b) => b.drug.role !== "concomitant");
  const rechal = new Set(attributing.map((b) => b.rechal));
  const outcomes = report.outcomes.map((row) => at(row, files.OUTC, "code", (v) => lookup(OUTCOME_CODES, v, "outcome code")));
  const ageUnit = at(demo, files.DEMO, "ageUnit", (v) => (v ? lookup(AGE_UNITS, v, "age unit") : null));
  const weightUnit = at(demo, files.DEMO, "weightUnit", (v) => (v ? lookup(WEIGHT_UNITS, v, "weight unit") : null));
  // zod caps a case at 100 drugs: keep every attributing drug first, then concomitants.
  const drugs = [...attributing, ...built.filter((b) => b.drug.role === "concomitant")].slice(0, 100).map((b) => b.drug);
  return {
    source: "faers",
    sourceId: report.caseId,
    version: report.version,
    receivedDate: at(demo, files.DEMO, "fdaDate", compactDate) ?? at(demo, files.DEMO, "reportDate", compactDate),
    onsetDate: at(demo, files.DEMO, "eventDate", compactDate),
    country: country(demo.get("occurCountry")) ?? country(demo.get("reporterCountry")),
    reporterType: at(demo, files.DEMO, "occupation", (v) => lookup(OCCUPATIONS, v, "occupation code")),
    sex: at(demo, files.DEMO, "sex", (v) => lookup(SEX_CODES, v, "sex code")),
    // An amount without its unit code is not an age or a weight: left unknown.
    ageYears: ageUnit === null ? null : at(demo, files.DEMO, "age", (v) => scaled(v, ageUnit)),
    weightKg: weightUnit === null ? null : at(demo, files.DEMO, "weight", (v) => scaled(v, weightUnit)),
    ...fieldsFromReactions(report.reactions),
    outcome: outcomes.includes("fatal") ? "fatal" : "unknown",
    ...seriousnessFromFaersOutcomes(report.outcomes.map((row) => row.get("code"))),
    // A dechallenge result (Y/N) means the suspect drug was stopped or reduced.
    drugStopped: attributing.some((b) => b.dechal === "Y" || b.dechal === "N") ? true : null,
    rechallenge: rechal.has("Y") || rechal.has("N") ? true : rechal.has("D") ? false : null,
    rechallengeRecurred: rechal.has("Y") ? true : rechal.has("N") ? false : null,
    narrative: reactionsNarrative(report.reactions, report.indications),
    drugs,
  };
}
