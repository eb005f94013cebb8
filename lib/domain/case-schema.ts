// The one zod schema of a case report, shared by the form, the REST API, every importer and
// the seed. Field names match prisma/schema.prisma's CaseReport and CaseDrug.
import { z } from "zod";
import { CASE_SOURCES, DRUG_ROLES, FORMULATIONS, OUTCOMES, REPORTER_TYPES, SEXES } from "./vocabulary";
import { STORABLE_TEXT_MESSAGE, isStorableText } from "./storable-text";
import { ISO_DATE_PATTERN, isCalendarDate } from "./calendar-date";
import { CASE_STATUSES } from "./case-validity";

/** ISO calendar date `YYYY-MM-DD` that exists (2023-02-30 is rejected), not in the future. */
export const ZIsoDate = z
  .string()
  .regex(ISO_DATE_PATTERN, "must be a date as YYYY-MM-DD")
  .refine(isCalendarDate, "is not a real calendar date")
  .refine((value) => value >= "1950-01-01", "is before 1950")
  .refine((value) => value <= new Date().toISOString().slice(0, 10), "is in the future");

/** A date that may lie ahead (a follow-up due date): a real calendar date up to 2100. */
export const ZDueDate = z
  .string()
  .regex(ISO_DATE_PATTERN, "must be a date as YYYY-MM-DD")
  .refine(isCalendarDate, "is not a real calendar date")
  .refine((value) => value >= "1950-01-01" && value <= "2100-12-31", "must lie between 1950-01-01 and 2100-12-31");

/** Free text as stored: a NUL or a lone surrogate is a 400 naming the field, not a database error. */
const text = () => z.string().refine(isStorableText, STORABLE_TEXT_MESSAGE);

const triState = z.boolean().nullable().optional();
const measure = (min: number, max: number, unit: string) =>
  z.number().finite().min(min, `must be at least ${min} ${unit}`).max(max, `must be at most ${max} ${unit}`).nullable().optional();

export const DOSE_CHANGES = ["started", "increased", "decreased", "stopped", "unchanged"] as const;

export const ZCaseDrugInput = z
  .object({
    name: text().trim().min(1, "is required").max(200),
    role: z.enum(DRUG_ROLES),
    dose: text().trim().max(100).nullable().optional(),
    route: text().trim().max(60).nullable().optional(),
    formulation: z.enum(FORMULATIONS).nullable().optional(),
    startDate: ZIsoDate.nullable().optional(),
    stopDate: ZIsoDate.nullable().optional(),
    doseChange: z.enum(DOSE_CHANGES).nullable().optional(),
    doseChangeDate: ZIsoDate.nullable().optional(),
  })
  .strict()
  .refine((d) => !d.startDate || !d.stopDate || d.startDate <= d.stopDate, {
    message: "must not be before the start date",
    path: ["stopDate"],
  });
export type TCaseDrugInput = z.infer<typeof ZCaseDrugInput>;

export const RISK_FACTOR_FIELDS = [
  "dehydration",
  "agitation",
  "catatonia",
  "lewyBodyDementia",
  "postpartum",
  "lithiumCoMedication",
  "depotFormulation",
  "rapidDoseEscalation",
  "highPotencyAgent",
] as const;
export const CLINICAL_FLAG_FIELDS = [
  "rigidity",
  "mentalStatusChange",
  "bpLability",
  "tachycardia",
  "tachypnoea",
  "diaphoresis",
  "incontinence",
  "tremor",
  "eegSlowing",
  "negativeWorkup",
] as const;
export const COMPLICATION_FIELDS = ["rhabdomyolysis", "hyperkalaemia", "acuteKidneyInjury", "seizures"] as const;
export const TREATMENT_FIELDS = [
  "drugStopped",
  "cooling",
  "dantrolene",
  "bromocriptine",
  "amantadine",
  "benzodiazepine",
  "ect",
  "icu",
] as const;
/** ICH E2A seriousness criteria (death … other medically important condition). */
export const SERIOUSNESS_FIELDS = [
  "seriousDeath",
  "seriousLifeThreatening",
  "seriousHospitalisation",
  "seriousDisability",
  "seriousCongenitalAnomaly",
  "seriousOther",
] as const;
/** Every tri-state (yes / no / unknown) field of a case, in form order. */
export const BOOLEAN_CASE_FIELDS = [
  ...SERIOUSNESS_FIELDS,
  ...RISK_FACTOR_FIELDS,
  ...CLINICAL_FLAG_FIELDS,
  ...COMPLICATION_FIELDS,
  ...TREATMENT_FIELDS,
  "rechallenge",
  "rechallengeRecurred",
] as const;
export type BooleanCaseField = (typeof BOOLEAN_CASE_FIELDS)[number];

const booleanFields = Object.fromEntries(BOOLEAN_CASE_FIELDS.map((f) => [f, triState])) as Record<BooleanCaseField, typeof triState>;

/** The fields of a case, without the cross-field rules (PATCH validates a partial of these). */
export const ZCaseFields = z
  .object({
    source: z.enum(CASE_SOURCES).default("manual"),
    sourceId: text().trim().min(1, "is required").max(100),
    version: z.number().int().min(1).max(100000).optional(),
    receivedDate: ZIsoDate.nullable().optional(),
    onsetDate: ZIsoDate.nullable().optional(),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "must be a two-letter ISO 3166 country code")
      .nullable()
      .optional(),
    reporterType: z.enum(REPORTER_TYPES).default("unknown"),
    /** Requested status; settled against the minimum criteria on every write (lib/domain/case-validity.ts). */
    status: z.enum(CASE_STATUSES).optional(),
    followUpDue: ZDueDate.nullable().optional(),
    onsetUnknown: z.boolean().default(false),
    patientInitials: text().trim().max(20).nullable().optional(),
    sex: z.enum(SEXES).default("unknown"),
    ageYears: measure(0, 120, "years"),
    weightKg: measure(0.3, 400, "kg"),
    maxTempC: measure(30, 46, "°C"),
    ckMax: measure(0, 2_000_000, "U/L"),
    ckUln: measure(20, 1000, "U/L"),
    wbc: measure(0, 500, "×10⁹/L"),
    ...booleanFields,
    outcome: z.enum(OUTCOMES).default("unknown"),
    durationDays: measure(0, 3650, "days"),
    narrative: text().max(20_000).nullable().optional(),
    drugs: z.array(ZCaseDrugInput).max(100).default([]),
  })
  .strict();

export const ZCaseInput = ZCaseFields.refine((c) => !c.onsetDate || !c.receivedDate || c.onsetDate <= c.receivedDate, {
  message: "must not be after the received date",
  path: ["onsetDate"],
})
  .refine((c) => c.rechallengeRecurred == null || c.rechallenge === true, {
    message: "can only be given when a rechallenge took place",
    path: ["rechallengeRecurred"],
  })
  .refine((c) => !c.onsetUnknown || !c.onsetDate, {
    message: "cannot be stated together with an onset date",
    path: ["onsetUnknown"],
  })
  .refine((c) => c.status !== "follow_up_requested" || Boolean(c.followUpDue), {
    message: "is required when follow-up is requested",
    path: ["followUpDue"],
  });
export type TCaseInput = z.infer<typeof ZCaseInput>;
/** What a client may send (defaults not yet applied). */
export type TCaseInputRaw = z.input<typeof ZCaseInput>;

/**
 * PATCH body: any subset of the editable fields plus the revision the client last read
 * (optimistic concurrency). A case's identity (source, sourceId, version) is not editable.
 */
export const ZCasePatch = ZCaseFields.omit({ source: true, sourceId: true, version: true })
  .partial()
  .extend({ expectedRevision: z.number({ message: "is required: the revision you last read" }).int().min(1) })
  .strict();
export type TCasePatch = z.infer<typeof ZCasePatch>;

/** Parses a PATCH body, keeping only the fields the client sent (no defaults filled in). */
export function parseCasePatch(body: unknown): TCasePatch {
  const parsed = ZCasePatch.parse(body);
  const sent = new Set(body && typeof body === "object" ? Object.keys(body) : []);
  return Object.fromEntries(Object.entries(parsed).filter(([key]) => sent.has(key))) as TCasePatch;
}
