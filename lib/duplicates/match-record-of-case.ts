// A case as entered or imported → the fields the duplicate matcher compares. Drugs go through the
// catalogue normaliser, so "Haldol" and "haloperidol" are one drug; the SQL loader
// (load-match-records.ts) derives the same fields from stored rows.
import type { TCaseInput } from "@/lib/domain/case-schema";
import { normaliseDrugName } from "@/lib/domain/drug-name-normaliser";
import { ATTRIBUTING_ROLES } from "@/lib/domain/vocabulary";
import { MATCH_FLAGS, type TMatchFlag, type TMatchRecord } from "@/lib/stats/record-linkage";

export const dayOf = (iso: string | null | undefined): number | null => (iso ? Date.parse(`${iso}T00:00:00Z`) / 86_400_000 : null);

/** Dose and route compared as one normalised text; absent when neither is given. */
export function doseKey(dose: string | null | undefined, route: string | null | undefined): string | null {
  const norm = (v: string | null | undefined) => (v ?? "").toLowerCase().replace(/\s+/g, "");
  return dose || route ? `${norm(dose)}|${norm(route)}` : null;
}

export function matchRecordOfCase(id: string, input: TCaseInput): TMatchRecord {
  const drugs: string[] = [];
  const doses: Record<string, string> = {};
  for (const drug of input.drugs) {
    if (!ATTRIBUTING_ROLES.includes(drug.role)) continue;
    const match = normaliseDrugName(drug.name);
    if (!match) continue;
    drugs.push(match.drug.name);
    const key = doseKey(drug.dose, drug.route);
    if (key) doses[match.drug.name] = key;
  }
  const flags: Partial<Record<TMatchFlag, boolean | null>> = {};
  for (const flag of MATCH_FLAGS) flags[flag] = input[flag] ?? null;
  return {
    id,
    onsetDay: dayOf(input.onsetDate),
    receivedDay: dayOf(input.receivedDate),
    ageYears: input.ageYears ?? null,
    sex: input.sex === "unknown" ? null : input.sex,
    country: input.country ?? null,
    outcome: input.outcome === "unknown" ? null : input.outcome,
    reporterType: input.reporterType === "unknown" ? null : input.reporterType,
    drugs,
    doses,
    maxTempC: input.maxTempC ?? null,
    ckMax: input.ckMax ?? null,
    flags,
  };
}
