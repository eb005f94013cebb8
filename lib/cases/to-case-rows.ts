// Turns a validated case into stored rows: maps drug names to the catalogue, derives the
// drug-dependent inputs of the scores, and computes the stored case-definition scores.
import { randomUUID } from "node:crypto";
import { BOOLEAN_CASE_FIELDS, type BooleanCaseField, type TCaseInput } from "@/lib/domain/case-schema";
import { scoreCase } from "@/lib/domain/case-scores";
import { resolveDrugName, type TDrugIndex } from "@/lib/domain/drug-index";
import { ATTRIBUTING_ROLES, type DrugClass } from "@/lib/domain/vocabulary";
import type { TCaseRow, TDrugRow } from "@/lib/db/bulk/case-columns";
import { attributesCase, exposureCriterion, type TDrugFacts } from "./drug-attribution";

/** The catalogue and the users' name mappings, loaded once per import, seed run or edit. */
export type TCatalogueIndex = TDrugIndex;

export type TCaseRows = { caseRow: TCaseRow; drugRows: TDrugRow[]; unmappedDrugNames: string[] };

const RECOVERING_OUTCOMES = new Set(["recovered", "recovered_with_sequelae", "recovering"]);

type TAttributing = TDrugFacts & { name: string; drugClass: DrugClass; startDate: string | null };

function mapDrugs(input: TCaseInput, catalogue: TCatalogueIndex, caseId: string) {
  const unmappedDrugNames: string[] = [];
  const attributing: TAttributing[] = [];
  const onsetDate = input.onsetDate ?? null;
  const drugRows: TDrugRow[] = input.drugs.map((drug) => {
    const resolved = resolveDrugName(catalogue, drug.name);
    const match = resolved.kind === "matched" ? resolved : null;
    if (resolved.kind === "unmatched") unmappedDrugNames.push(drug.name);
    if (match && attributesCase(drug, match.entry, onsetDate)) {
      attributing.push({
        name: match.name,
        role: drug.role,
        doseChange: drug.doseChange ?? null,
        drugClass: match.entry.drugClass,
        startDate: drug.startDate ?? null,
      });
    }
    return {
      id: randomUUID(),
      caseId,
      catalogueDrugId: match?.entry.id ?? null,
      reportedName: drug.name,
      role: drug.role,
      dose: drug.dose ?? null,
      route: drug.route ?? null,
      formulation: drug.formulation ?? match?.formulation ?? null,
      startDate: drug.startDate ?? null,
      stopDate: drug.stopDate ?? null,
      doseChange: drug.doseChange ?? null,
      doseChangeDate: drug.doseChangeDate ?? null,
      nameIgnored: resolved.kind === "ignored",
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
    dopamineBlockerExposure: exposureCriterion(attributing, input.drugs.length),
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
    // Settled against the minimum criteria by the entry points (case-commands, imports' finishCase).
    status: input.status ?? "complete",
    followUpDue: input.followUpDue ?? null,
    onsetUnknown: input.onsetUnknown ?? false,
    patientInitials: input.patientInitials ?? null,
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
    unmatchedSuspect: drugRows.some((d) => d.catalogueDrugId === null && !d.nameIgnored && ATTRIBUTING_ROLES.includes(d.role)),
    importJobId: options.importJobId ?? null,
    ...flags,
  };
  return { caseRow, drugRows, unmappedDrugNames };
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
