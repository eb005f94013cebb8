// The signal review workflow's inputs (docs/signals.md), validated once for the API and the pages:
// a topic raised from an alert or by hand for a drug or class; a change (status, assignee, due
// date, comment — any together); a case linked from the drill-down; the inbox view.
import { z } from "zod";
import { catalogueDrugByName } from "@/lib/domain/drug-catalogue";
import { DRUG_CLASSES } from "@/lib/domain/vocabulary";
import { BACKGROUND_SOURCES } from "@/lib/queries/signals/signal-query";

export const TOPIC_STATUSES = ["new", "under_evaluation", "validated", "refuted", "closed"] as const;
export type TTopicStatus = (typeof TOPIC_STATUSES)[number];
export const TOPIC_STATUS_LABELS: Record<TTopicStatus, string> = {
  new: "New",
  under_evaluation: "Under evaluation",
  validated: "Validated",
  refuted: "Refuted",
  closed: "Closed",
};
export const INBOX_VIEWS = ["mine", "all", "overdue"] as const;

const ZDate = z.iso.date({ error: "must be a date YYYY-MM-DD" });
const ZAssignee = z.email({ error: "must be the email of a safety officer or administrator" }).transform((v) => v.toLowerCase());

export const ZTopicCreate = z
  .object({
    alertId: z.uuid({ error: "must be an alert id" }).optional(),
    subjectKind: z.enum(["drug", "class"], { error: "must be drug or class" }).optional(),
    subjectKey: z.string().trim().toLowerCase().min(1).max(100).optional(),
    source: z.enum(BACKGROUND_SOURCES, { error: `must be one of ${BACKGROUND_SOURCES.join(", ")}` }).default("faers"),
    title: z.string().trim().min(1).max(200).optional(),
    assignee: ZAssignee.optional(),
    dueDate: ZDate.optional(),
  })
  .strict()
  .refine((v) => v.alertId !== undefined || (v.subjectKind !== undefined && v.subjectKey !== undefined), {
    message: "give alertId, or subjectKind and subjectKey",
    path: ["subjectKey"],
  })
  .refine((v) => v.subjectKind !== "drug" || v.subjectKey === undefined || catalogueDrugByName(v.subjectKey) !== undefined, {
    message: "must be a catalogue drug name (INN)",
    path: ["subjectKey"],
  })
  .refine((v) => v.subjectKind !== "class" || v.subjectKey === undefined || (DRUG_CLASSES as readonly string[]).includes(v.subjectKey), {
    message: `must be one of ${DRUG_CLASSES.join(", ")}`,
    path: ["subjectKey"],
  });
export type TTopicCreate = z.output<typeof ZTopicCreate>;

export const ZTopicChange = z
  .object({
    status: z.enum(TOPIC_STATUSES, { error: `must be one of ${TOPIC_STATUSES.join(", ")}` }).optional(),
    assignee: ZAssignee.nullable().optional(),
    dueDate: ZDate.nullable().optional(),
    comment: z.string().trim().min(1, "must not be empty").max(5000).optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "give status, assignee, dueDate or comment", path: ["status"] });
export type TTopicChange = z.output<typeof ZTopicChange>;

/** Most cases linked in one request: a case-list page at its largest size. */
export const MAX_LINKED_AT_ONCE = 200;

/** One case ({"caseId"}: 409 when already linked), or the cases of a drill-down ({"caseIds"}: those already linked are skipped). */
export const ZTopicCaseLink = z
  .object({
    caseId: z.uuid({ error: "must be a case id" }).optional(),
    caseIds: z
      .array(z.uuid({ error: "must be a case id" }))
      .min(1, "must name at least one case")
      .max(MAX_LINKED_AT_ONCE, `must name at most ${MAX_LINKED_AT_ONCE} cases`)
      .optional(),
  })
  .strict()
  .refine((v) => (v.caseId === undefined) !== (v.caseIds === undefined), {
    message: "give caseId or caseIds (one of them)",
    path: ["caseId"],
  });
export const ZTopicInbox = z
  .object({ view: z.enum(INBOX_VIEWS, { error: `must be one of ${INBOX_VIEWS.join(", ")}` }).default("all") })
  .strict();
