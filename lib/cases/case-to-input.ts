// A stored case (Prisma row with its drugs) as the case schema's input shape: what the form
// edits, what PATCH merges into, and what the scores are computed from on read.
import { BOOLEAN_CASE_FIELDS, type BooleanCaseField, type TCaseInput } from "@/lib/domain/case-schema";
import type { CaseDrug, CaseReport } from "@/lib/generated/prisma/client";

const isoDate = (date: Date | null): string | null => (date ? date.toISOString().slice(0, 10) : null);

export type TStoredCase = CaseReport & { drugs: CaseDrug[] };

export function caseToInput(stored: TStoredCase): TCaseInput {
  const flags = Object.fromEntries(BOOLEAN_CASE_FIELDS.map((f) => [f, stored[f]])) as Record<BooleanCaseField, boolean | null>;
  return {
    source: stored.source,
    sourceId: stored.sourceId,
    version: stored.version,
    receivedDate: isoDate(stored.receivedDate),
    onsetDate: isoDate(stored.onsetDate),
    country: stored.country,
    reporterType: stored.reporterType,
    status: stored.status,
    followUpDue: isoDate(stored.followUpDue),
    onsetUnknown: stored.onsetUnknown,
    patientInitials: stored.patientInitials,
    sex: stored.sex,
    ageYears: stored.ageYears,
    weightKg: stored.weightKg,
    maxTempC: stored.maxTempC,
    ckMax: stored.ckMax,
    ckUln: stored.ckUln,
    wbc: stored.wbc,
    ...flags,
    outcome: stored.outcome,
    durationDays: stored.durationDays,
    narrative: stored.narrative,
    drugs: stored.drugs.map((d) => ({
      name: d.reportedName,
      role: d.role,
      dose: d.dose,
      route: d.route,
      formulation: d.formulation,
      startDate: isoDate(d.startDate),
      stopDate: isoDate(d.stopDate),
      doseChange: d.doseChange,
      doseChangeDate: isoDate(d.doseChangeDate),
    })),
  };
}
