// The flat row shapes stored for a case and its drugs, built from a validated TCaseInput.
// Every write path (form, API, imports, seed) goes through toCaseRows so the drug mapping
// and the stored case-definition scores are computed one way.
import type { TCaseInput } from "@/lib/domain/case-schema";
import { BOOLEAN_CASE_FIELDS, type BooleanCaseField } from "@/lib/domain/case-schema";
import type { CaseStatus } from "@/lib/domain/case-validity";

export type TCaseRow = {
  id: string;
  source: TCaseInput["source"];
  sourceId: string;
  version: number;
  receivedDate: string | null;
  onsetDate: string | null;
  country: string | null;
  reporterType: TCaseInput["reporterType"];
  /** Settled against the minimum criteria (lib/domain/case-validity.ts): drafts count nowhere. */
  status: CaseStatus;
  followUpDue: string | null;
  onsetUnknown: boolean;
  patientInitials: string | null;
  sex: TCaseInput["sex"];
  ageYears: number | null;
  weightKg: number | null;
  maxTempC: number | null;
  ckMax: number | null;
  ckUln: number | null;
  wbc: number | null;
  outcome: TCaseInput["outcome"];
  durationDays: number | null;
  narrative: string | null;
  consensusScore: number | null;
  consensusMaxScore: number | null;
  meetsConsensus: boolean | null;
  naranjoScore: number | null;
  /** Sorted, distinct classes and catalogue names of the attributing drugs (the rollups' keys). */
  attributingClasses: string[];
  attributingDrugs: string[];
  importJobId: string | null;
} & Record<BooleanCaseField, boolean | null>;

export type TDrugRow = {
  id: string;
  caseId: string;
  catalogueDrugId: number | null;
  reportedName: string;
  role: TCaseInput["drugs"][number]["role"];
  dose: string | null;
  route: string | null;
  formulation: "oral" | "depot" | "parenteral" | "other" | null;
  startDate: string | null;
  stopDate: string | null;
  doseChange: "started" | "increased" | "decreased" | "stopped" | "unchanged" | null;
  doseChangeDate: string | null;
  /** A drug-name mapping marked the name "not an antidopaminergic agent". */
  nameIgnored: boolean;
};

export { BOOLEAN_CASE_FIELDS };
