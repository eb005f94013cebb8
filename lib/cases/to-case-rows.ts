// Turns a validated case into stored rows: maps drug names to the catalogue, derives the
// drug-dependent inputs of the scores, and computes the stored case-definition scores.
import { randomUUID } from "node:crypto";
import { BOOLEAN_CASE_FIELDS, type BooleanCaseField, type TCaseInput } from "@/lib/domain/case-schema";
import { scoreCase } from "@/lib/domain/case-scores";
import { normaliseDrugName } from "@/lib/domain/drug-name-normaliser";
import { ATTRIBUTING_ROLES, type DrugClass, type PotencyGrade } from "@/lib/domain/vocabulary";
import type { TCaseRow, TDrugRow } from "./case-row";

/** Catalogue name → database id and class, loaded once per import or seed run. */
export type TCatalogueIndex = ReadonlyMap<string, { id: number; drugClass: DrugClass; potency: PotencyGrade | null }>;

export type TCaseRows = { caseRow: TCaseRow; drugRows: TDrugRow[]; unmappedDrugNames: string[] };

const RECOVERING_OUTCOMES = new Set(["recovered", "recovered_with_sequelae", "recovering"]);

type TAttributing = { name: string; role: string; drugClass: DrugClass; startDate: string | null };

function mapDrugs(input: TCaseInput, catalogue: TCatalogueIndex, caseId: string) {
  const unmappedDrugNames: string[] = [];
  const attributing: TAttributing[] = [];
  const drugRows: TDrugRow[] = input.drugs.map((drug) => {
    const match = normaliseDrugName(drug.name);
    const entry = match ? catalogue.get(match.drug.name) : undefined;
    if (!entry) unmappedDrugNames.push(drug.name);
    else if (ATTRIBUTING_ROLES.includes(drug.role)) {
      attributing.push({ name: match!.drug.name, role: drug.role, drugClass: entry.drugClass, startDate: drug.startDate ?? null });
    }
    return {
      id: randomUUID(),
      caseId,
      catalogueDrugId: entry?.id ?? null,
      reportedName: drug.name,
      role: drug.role,
      dose: drug.dose ?? null,
      route: drug.route ?? null,
      formulation: drug.formulation ?? match?.formulation ?? null,
      startDate: drug.startDate ?? null,
      stopDate: drug.stopDate ?? null,
      doseChange: drug.doseChange ?? null,
      doseChangeDate: drug.doseChangeDate ?? null,
    };
  });
  return { drugRows, unmappedDrugNames, attributing };
}

function scoreWith(input: TCaseInput, attributing: TAttributing[], flags = booleanFields(input)) {
  return scoreCase({
    ...flags,
    maxTempC: input.maxTempC ?? null,
    ckMax: input.ckMax ?? null,
    ckUln: input.ckUln ?? null,
    wbc: input.wbc ?? null,
    dopamineBlockerExposure: exposure(attributing, input.drugs.length),
    onsetAfterDrugStart: onsetAfterStart(attributing, input.onsetDate ?? null),
    improvedAfterStop: input.drugStopped ? RECOVERING_OUTCOMES.has(input.outcome) || (input.outcome === "unknown" ? null : false) : null,
  });
}

/** Every case-definition and causality score of a case, with the criteria behind them. */
export function scoreCaseInput(input: TCaseInput, catalogue: TCatalogueIndex): ReturnType<typeof scoreCase> {
  return scoreWith(input, mapDrugs(input, catalogue, "").attributing);
}

export function toCaseRows(
  input: TCaseInput,
  catalogue: TCatalogueIndex,
  options: { id?: string; importJobId?: string | null } = {},
): TCaseRows {
  const caseId = options.id ?? randomUUID();
  const { drugRows, unmappedDrugNames, attributing } = mapDrugs(input, catalogue, caseId);
  const flags = booleanFields(input);
  const scores = scoreWith(input, attributing, flags);

  const caseRow: TCaseRow = {
    id: caseId,
    source: input.source,
    sourceId: input.sourceId,
    version: input.version ?? 1,
    receivedDate: input.receivedDate ?? null,
    onsetDate: input.onsetDate ?? null,
    country: input.country ?? null,
    reporterType: input.reporterType,
    sex: input.sex,
    ageYears: input.ageYears ?? null,
    weightKg: input.weightKg ?? null,
    maxTempC: input.maxTempC ?? null,
    ckMax: input.ckMax ?? null,
    ckUln: input.ckUln ?? null,
    wbc: input.wbc ?? null,
    outcome: input.outcome,
    durationDays: input.durationDays ?? null,
    narrative: input.narrative ?? null,
    consensusScore: scores.consensus.score,
    consensusMaxScore: scores.consensus.maxScore,
    meetsConsensus: scores.consensus.meetsCutoff,
    naranjoScore: scores.naranjo.score,
    attributingClasses: sortedDistinct(attributing.map((d) => d.drugClass)),
    attributingDrugs: sortedDistinct(attributing.map((d) => d.name)),
    importJobId: options.importJobId ?? null,
    ...flags,
  };
  return { caseRow, drugRows, unmappedDrugNames };
}

/**
 * Exposure criterion: an attributing antidopaminergic drug, or a withdrawn dopaminergic one.
 * Unknown when the case names no drug the catalogue knows.
 */
function exposure(attributing: { role: string; drugClass: DrugClass }[], drugCount: number): boolean | null {
  const exposed = attributing.some((d) =>
    d.drugClass === "dopaminergic_withdrawal" ? d.role === "withdrawn" : true,
  );
  if (exposed) return true;
  return drugCount === 0 || attributing.length === 0 ? null : false;
}

function onsetAfterStart(attributing: { startDate: string | null }[], onsetDate: string | null): boolean | null {
  const starts = attributing.map((d) => d.startDate).filter((d): d is string => d !== null);
  if (!onsetDate || starts.length === 0) return null;
  return starts.some((start) => start <= onsetDate);
}

const sortedDistinct = (values: string[]) => [...new Set(values)].sort();

/** A plain loop: this runs for every imported case, and Object.fromEntries(map) cost twice as much. */
function booleanFields(input: TCaseInput): Record<BooleanCaseField, boolean | null> {
  const flags = {} as Record<BooleanCaseField, boolean | null>;
  for (const field of BOOLEAN_CASE_FIELDS) flags[field] = input[field] ?? null;
  return flags;
}
