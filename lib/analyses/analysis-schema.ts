// What a saved analysis is made of, and the bodies the analyses API takes: a view (dashboard,
// signals or export) with its URL query, a name and description, private or shared with a role,
// and whether to freeze its numbers (docs/analyses.md).
import { z } from "zod";
import { ROLES } from "@/lib/domain/vocabulary";

const ANALYSIS_KINDS = ["dashboard", "signals", "export"] as const;
export type TAnalysisKind = (typeof ANALYSIS_KINDS)[number];

/** The page each kind of view lives on: opening an analysis navigates there with its query. */
export const VIEW_PATHS: Record<TAnalysisKind, string> = { dashboard: "/", signals: "/signals", export: "/exports" };

export const KIND_LABELS: Record<TAnalysisKind, string> = { dashboard: "Dashboard", signals: "Signals", export: "Export" };

const name = z.string({ error: "must be text" }).trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const description = z.string({ error: "must be text" }).trim().max(2000, "must be at most 2000 characters");
/** null: private to its owner; a role: everyone with that role may open it. */
const sharedWith = z.enum(ROLES, { error: `must be null (private) or one of ${ROLES.join(", ")}` }).nullable();

export const ZAnalysisCreate = z
  .object({
    kind: z.enum(ANALYSIS_KINDS, { error: `must be one of ${ANALYSIS_KINDS.join(", ")}` }),
    name,
    description: description.default(""),
    /** The view's URL query, with or without its leading "?"; it is parsed and normalised as the page would. */
    query: z.string({ error: "must be the view's URL query as text" }).max(4000, "must be at most 4000 characters").default(""),
    sharedWith: sharedWith.default(null),
    /** Store the whole answer as it is now, to be reopened exactly later. */
    freeze: z.boolean({ error: "must be true or false" }).default(false),
  })
  .strict();
export type TAnalysisCreate = z.output<typeof ZAnalysisCreate>;

export const ZAnalysisPatch = z
  .object({ name: name.optional(), description: description.optional(), sharedWith: sharedWith.optional() })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: "must change name, description or sharedWith", path: ["(body)"] });
export type TAnalysisPatch = z.output<typeof ZAnalysisPatch>;

export const ZAnalysisList = z
  .object({ view: z.enum(["all", "mine", "shared"], { error: "must be all, mine or shared" }).default("all") })
  .strict();

/** The frozen export routes: which of a dashboard's breakdowns (an export view has one). */
export const ZFrozenExportQuery = z.object({ section: z.string().max(40, "must be at most 40 characters").optional() }).strict();
