// What makes an imported report an NMS case (its MedDRA PT), and which co-reported PTs
// document a clinical feature of the case. Used by every format that carries reactions.
import type { BooleanCaseField } from "@/lib/domain/case-schema";

/** The MedDRA preferred term, compared trimmed and case-insensitively. */
export const NMS_PREFERRED_TERM = "Neuroleptic malignant syndrome";
/** MedDRA code of that PT (its LLT of the same name shares the code); E2B(R3) sends codes. */
export const NMS_MEDDRA_CODE = "10029282";

const normaliseTerm = (term: string) => term.trim().replace(/\s+/g, " ").toLowerCase();
const NMS_TERM_KEY = normaliseTerm(NMS_PREFERRED_TERM);

/** Is this reaction Neuroleptic Malignant Syndrome — by PT text, or by MedDRA code when given? */
export function isNmsReaction(pt: string, meddraCode?: string): boolean {
  if (meddraCode !== undefined && meddraCode.trim() === NMS_MEDDRA_CODE) return true;
  return normaliseTerm(pt) === NMS_TERM_KEY;
}

/**
 * Co-reported MedDRA PTs that establish a clinical feature, complication or risk factor.
 * A PT's presence sets the field to true; its absence says nothing (spontaneous reports list
 * what was observed, not what was ruled out), so absent fields stay unknown.
 */
const PT_FIELDS: Readonly<Record<string, BooleanCaseField>> = {
  "muscle rigidity": "rigidity",
  "cogwheel rigidity": "rigidity",
  "mental status changes": "mentalStatusChange",
  "altered state of consciousness": "mentalStatusChange",
  "depressed level of consciousness": "mentalStatusChange",
  "confusional state": "mentalStatusChange",
  delirium: "mentalStatusChange",
  stupor: "mentalStatusChange",
  coma: "mentalStatusChange",
  tachycardia: "tachycardia",
  "sinus tachycardia": "tachycardia",
  tachypnoea: "tachypnoea",
  hyperhidrosis: "diaphoresis",
  "urinary incontinence": "incontinence",
  incontinence: "incontinence",
  tremor: "tremor",
  "blood pressure fluctuation": "bpLability",
  "labile blood pressure": "bpLability",
  "autonomic nervous system imbalance": "bpLability",
  "electroencephalogram abnormal": "eegSlowing",
  rhabdomyolysis: "rhabdomyolysis",
  hyperkalaemia: "hyperkalaemia",
  "acute kidney injury": "acuteKidneyInjury",
  "renal failure acute": "acuteKidneyInjury",
  seizure: "seizures",
  "generalised tonic-clonic seizure": "seizures",
  dehydration: "dehydration",
  agitation: "agitation",
  catatonia: "catatonia",
  "dementia with lewy bodies": "lewyBodyDementia",
};

/** The case fields that the report's PTs establish as present. */
export function fieldsFromReactions(pts: readonly string[]): Partial<Record<BooleanCaseField, true>> {
  const fields: Partial<Record<BooleanCaseField, true>> = {};
  for (const pt of pts) {
    const field = PT_FIELDS[normaliseTerm(pt)];
    if (field) fields[field] = true;
  }
  return fields;
}

/**
 * Structured sources (FAERS, openFDA) carry no free-text narrative; listing the co-reported
 * PTs and indications gives the reviewer the report's clinical picture on the case page.
 */
export function reactionsNarrative(pts: readonly string[], indications: readonly string[] = []): string | null {
  const unique = (items: readonly string[]) => [...new Set(items.map((s) => s.trim()).filter(Boolean))];
  const parts: string[] = [];
  const reactions = unique(pts);
  const reasons = unique(indications);
  if (reactions.length) parts.push(`Reported reactions (MedDRA PT): ${reactions.join("; ")}.`);
  if (reasons.length) parts.push(`Indications: ${reasons.join("; ")}.`);
  return parts.length ? parts.join(" ").slice(0, 20_000) : null;
}
