// ICH E2D's four minimum criteria of a valid case, and the case status they decide: a case that
// misses one is a `draft` and counts nowhere until completed (docs/case-processing.md). One rule
// for the form, the API and every importer.
import { ATTRIBUTING_ROLES, type DrugRole } from "./vocabulary";

export const CASE_STATUSES = ["draft", "complete", "follow_up_requested"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  draft: "Draft",
  complete: "Complete",
  follow_up_requested: "Follow-up requested",
};

/** The fields the criteria read (a TCaseInput, its raw form or a stored case all fit). */
export type TValidityFields = {
  ageYears?: number | null;
  sex?: string;
  patientInitials?: string | null;
  reporterType?: string;
  country?: string | null;
  drugs?: readonly { role: DrugRole }[];
  onsetDate?: string | null;
  onsetUnknown?: boolean;
};

export type TMissingCriterion = {
  criterion: "patient" | "reporter" | "drug" | "event";
  /** The field to fill (what a 400 and an import reject name). */
  field: string;
  message: string;
};

const CRITERIA: readonly (TMissingCriterion & { met: (c: TValidityFields) => boolean })[] = [
  {
    criterion: "patient",
    field: "sex",
    message: "an identifiable patient is required: give the age, the sex or the patient's initials/identifier",
    met: (c) => c.ageYears != null || (c.sex !== undefined && c.sex !== "unknown") || Boolean(c.patientInitials?.trim()),
  },
  {
    // E2D: a reporter is identifiable by qualification or address; a de-identified report keeps
    // the country of its address.
    criterion: "reporter",
    field: "reporterType",
    message: "an identifiable reporter is required: give the reporter's qualification (reporter type) or country",
    met: (c) => (c.reporterType !== undefined && c.reporterType !== "unknown") || Boolean(c.country),
  },
  {
    criterion: "drug",
    field: "drugs",
    message: "at least one suspect, interacting or withdrawn drug is required",
    met: (c) => (c.drugs ?? []).some((d) => ATTRIBUTING_ROLES.includes(d.role)),
  },
  {
    criterion: "event",
    field: "onsetDate",
    message: 'the event needs its onset date, or "onset unknown" stated',
    met: (c) => Boolean(c.onsetDate) || c.onsetUnknown === true,
  },
];

/** The minimum criteria the case misses, in E2D order; empty when it is a valid case. */
export function missingCriteria(fields: TValidityFields): TMissingCriterion[] {
  return CRITERIA.filter((c) => !c.met(fields)).map(({ criterion, field, message }) => ({ criterion, field, message }));
}

/**
 * The status a case is stored with: the requested one when the criteria allow it. No request →
 * `complete` when valid, else `draft`. A request for `complete` or `follow_up_requested` on an
 * invalid case returns the missing criteria (the caller answers 400 naming them); `draft` may be
 * chosen for any case (work in progress).
 */
export function settleStatus(
  requested: CaseStatus | null | undefined,
  fields: TValidityFields,
): { status: CaseStatus; missing: TMissingCriterion[]; refused: boolean } {
  const missing = missingCriteria(fields);
  if (requested === "draft") return { status: "draft", missing, refused: false };
  if (missing.length === 0) return { status: requested ?? "complete", missing, refused: false };
  return { status: "draft", missing, refused: requested != null };
}
