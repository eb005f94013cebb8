// The OpenAPI 3.1 document of /api: a hand-written table of every route (method, parameters,
// body, responses, who may call it) over schemas generated from the zod schemas the routes
// validate with. A test walks app/api and fails when a route handler is missing here.
import type { z } from "zod";
import { ADMINS, AGGREGATE_READERS, CASE_READERS, CASE_WRITERS } from "@/lib/auth/principal";
import { CSRF_HEADER } from "@/lib/auth/guard";
import { SESSION_COOKIE } from "@/lib/auth/sessions";
import { ZBaselineCreate, ZBaselinePatch } from "@/lib/domain/baseline-schema";
import { REPORTING_RATE_SENTENCE } from "@/lib/domain/rate-wording";
import type { Role } from "@/lib/domain/vocabulary";
import { APP_VERSION } from "@/lib/app-version";
import { ZAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import { ZAuditQuery } from "@/lib/queries/find-audit-events";
import { ZCaseListQuery } from "@/lib/queries/find-cases";
import { ZImportJobListQuery } from "@/lib/queries/find-import-jobs";
import { ZSignalQuery } from "@/lib/queries/signals/signal-query";
import { ZAlertQuery } from "@/lib/queries/find-alerts";
import { ZAlertChange } from "@/lib/signals/alerts/alert-schema";
import { ZReportQuery } from "@/lib/report/report-query";
import { ZTopicCaseLink, ZTopicChange, ZTopicCreate, ZTopicInbox } from "@/lib/signals/topics/topic-schema";
import { ZExportOptions } from "@/lib/exports/export-options";
import { ZAnalysisCreate, ZAnalysisList, ZAnalysisPatch, ZFrozenExportQuery } from "@/lib/analyses/analysis-schema";
import { ZImportUploadFields } from "@/lib/imports/upload/upload-fields";
import { FORMAT_CHOICES } from "@/lib/imports/shared/format-list";
import { EXPOSURE_COLUMNS } from "@/lib/imports/exposure/exposure-row";
import { ZDrugNameMapping } from "@/lib/domain/drug-name-mapping-schema";
import { ZUnmatchedQuery } from "@/lib/queries/find-unmatched-drug-names";
import { ZMappingsQuery } from "@/lib/queries/find-drug-name-mappings";
import { ZDuplicatePairQuery } from "@/lib/queries/find-duplicate-pairs";
import { ZDuplicateDecision } from "@/lib/duplicates/decide-pair";
import { ZAccountCreate, ZAccountPatch, ZTokenCreate } from "@/lib/auth/account-admin";
import { ZRestoreCase } from "@/lib/cases/case-actions-schema";
import {
  componentSchemas,
  jsonSchemaOf,
  queryParameters,
  ref,
  type TJsonSchema,
  type TParameter,
  type TSchemaName,
} from "./openapi-schemas";

type TMethod = "get" | "post" | "patch" | "delete";
type TResponse = { status: number; description: string; type?: "json" | "csv" | "none"; schema?: TJsonSchema };
export type TOperation = {
  path: string;
  method: TMethod;
  summary: string;
  tag: string;
  /** Who may call it: "public", or the roles the route's guard allows. */
  access: "public" | readonly Role[];
  query?: z.ZodType[];
  parameters?: TParameter[];
  body?: { schema: TSchemaName | TJsonSchema; type?: "json" | "multipart" };
  responses: TResponse[];
};

const ID: TParameter = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const param = (name: string, schema: TJsonSchema, description: string, required = false): TParameter => ({
  name,
  in: "query",
  required,
  schema,
  description,
});
const ok = (description: string, type: TResponse["type"] = "json"): TResponse => ({ status: 200, description, type });
const AGGREGATE_ANSWER = `{ query, total, groups[] }: counts, case fatality and share with intervals, rate ({ kind: reporting_rate | incidence, per100kPersonYears, lower, upper, method, cases, undated, personYears, exposureSources } or null with rateReason), baseline comparisons (verdict above | consistent | below | not_comparable with reason). ${REPORTING_RATE_SENTENCE}`;

export const OPERATIONS: TOperation[] = [
  {
    path: "/api/health",
    method: "get",
    summary: "Liveness and database reachability (the case count only for staff)",
    tag: "System",
    access: "public",
    responses: [ok("{ status, database, cases? }")],
  },
  {
    path: "/api/auth/login",
    method: "post",
    summary: "Sign in: sets the session cookie, returns the CSRF token",
    tag: "Access",
    access: "public",
    body: { schema: "Login" },
    responses: [ok("{ csrfToken, expiresAt }"), { status: 429, description: "Account locked after repeated failures" }],
  },
  {
    path: "/api/auth/logout",
    method: "post",
    summary: "Sign out: ends the session",
    tag: "Access",
    access: "public",
    responses: [{ status: 204, description: "Signed out", type: "none" }],
  },
  {
    path: "/api/auth/session",
    method: "get",
    summary: "Who is signed in, their role and the session's CSRF token",
    tag: "Access",
    access: "public",
    responses: [ok("{ actor, role, kind, csrfToken }")],
  },
  {
    path: "/api/v1/cases",
    method: "get",
    summary: "The line listing: filtered, searched, sorted, paginated",
    tag: "Cases",
    access: CASE_READERS,
    query: [ZCaseListQuery],
    responses: [ok("{ page, pageSize, total, cases[] }")],
  },
  {
    path: "/api/v1/cases",
    method: "post",
    summary: "Create a case (audited)",
    tag: "Cases",
    access: CASE_WRITERS,
    body: { schema: "CaseInput" },
    responses: [{ status: 201, description: "The case with its scores", type: "json" }],
  },
  {
    path: "/api/v1/cases/{id}",
    method: "get",
    summary: "One case with its scores and criteria",
    tag: "Cases",
    access: CASE_READERS,
    parameters: [ID],
    responses: [ok("The case")],
  },
  {
    path: "/api/v1/cases/{id}",
    method: "patch",
    summary: "Edit a case at the revision read (409 when stale; audited)",
    tag: "Cases",
    access: CASE_WRITERS,
    parameters: [ID],
    body: { schema: "CasePatch" },
    responses: [ok("The edited case")],
  },
  {
    path: "/api/v1/cases/{id}",
    method: "delete",
    summary: "Nullify a case at the revision read, with the reason: it stays readable and counts nowhere (audited)",
    tag: "Cases",
    access: CASE_WRITERS,
    parameters: [
      ID,
      param("revision", { type: "integer", minimum: 1 }, "The revision you last read", true),
      param("reason", { type: "string", minLength: 3, maxLength: 500 }, "Why the case is nullified", true),
    ],
    responses: [{ status: 204, description: "Nullified", type: "none" }],
  },
  {
    path: "/api/v1/cases/{id}/restore",
    method: "post",
    summary: "Reverse a nullification at the revision read (audited)",
    tag: "Cases",
    access: ADMINS,
    parameters: [ID],
    body: { schema: jsonSchemaOf(ZRestoreCase) },
    responses: [ok("The restored case")],
  },
  {
    path: "/api/v1/duplicates",
    method: "get",
    summary: "The duplicate review queue: scored pairs of one status (candidate, duplicate, distinct), highest score first",
    tag: "Cases",
    access: CASE_READERS,
    query: [ZDuplicatePairQuery],
    responses: [ok("{ pairs[]: { id, score, status, master, later, cases[2]: { id, source, sourceId } } }")],
  },
  {
    path: "/api/v1/duplicates/{id}",
    method: "get",
    summary: "One scored pair",
    tag: "Cases",
    access: CASE_READERS,
    parameters: [ID],
    responses: [ok("The pair")],
  },
  {
    path: "/api/v1/duplicates/{id}",
    method: "post",
    summary:
      "Decide a pair: duplicate (with the master), distinct, or candidate to undo (audited; 409 when its cases changed since scoring or it was decided meanwhile; 400 for a master outside the pair)",
    tag: "Cases",
    access: CASE_WRITERS,
    parameters: [ID],
    body: { schema: jsonSchemaOf(ZDuplicateDecision) },
    responses: [ok("The pair as decided")],
  },
  {
    path: "/api/v1/aggregates",
    method: "get",
    summary: "Counts, case fatality, shares, incidence and baseline comparisons by one or two dimensions",
    tag: "Analytics",
    access: AGGREGATE_READERS,
    query: [ZAggregateQuery],
    responses: [ok(AGGREGATE_ANSWER)],
  },
  {
    path: "/api/v1/baselines",
    method: "get",
    summary: "The published baselines with their citations",
    tag: "Analytics",
    access: AGGREGATE_READERS,
    parameters: [
      { ...param("metric", { type: "array", items: { type: "string" } }, "Repeatable: only these metrics"), style: "form", explode: true },
    ],
    responses: [ok("{ baselines[] }")],
  },
  {
    path: "/api/v1/baselines",
    method: "post",
    summary: "Add a baseline with its primary citation and comparability fields (audited)",
    tag: "Analytics",
    access: ADMINS,
    body: { schema: jsonSchemaOf(ZBaselineCreate) },
    responses: [{ status: 201, description: "The stored baseline", type: "json" }],
  },
  {
    path: "/api/v1/baselines/{key}",
    method: "patch",
    summary: "Correct a baseline (audited; the result must still fit its statement)",
    tag: "Analytics",
    access: ADMINS,
    parameters: [{ name: "key", in: "path", required: true, schema: { type: "string" } }],
    body: { schema: jsonSchemaOf(ZBaselinePatch) },
    responses: [ok("The stored baseline")],
  },
  {
    path: "/api/v1/baselines/{key}",
    method: "delete",
    summary: "Remove a baseline (audited)",
    tag: "Analytics",
    access: ADMINS,
    parameters: [{ name: "key", in: "path", required: true, schema: { type: "string" } }],
    responses: [ok("{ key }")],
  },
  {
    path: "/api/v1/exposure",
    method: "get",
    summary: `Exposure datasets rates divide by: source, years, strata, person-years, countries, settings, flags, who loaded them. ${REPORTING_RATE_SENTENCE}`,
    tag: "Analytics",
    access: AGGREGATE_READERS,
    responses: [ok("{ datasets[], reportingRate }")],
  },
  {
    path: "/api/v1/exposure/{source}",
    method: "delete",
    summary: "Delete one exposure dataset and its strata (audited)",
    tag: "Analytics",
    access: ADMINS,
    parameters: [{ name: "source", in: "path", required: true, schema: { type: "string" } }],
    responses: [ok("{ source, strata }")],
  },
  {
    path: "/api/v1/signals",
    method: "get",
    summary:
      "PRR, ROR, IC and EBGM per drug and class from background counts, with signal flags; for staff each row's crude estimates come with stratified ones (Mantel–Haenszel PRR and ROR, IC and EBGM on a stratified expected count) over strata=period (default), sex, ageBand or a comma-separated combination — unknown sex or age is a stratum of its own",
    tag: "Analytics",
    access: AGGREGATE_READERS,
    query: [ZSignalQuery],
    responses: [ok("Signal tables, and a trend for drug= or drugClass=")],
  },
  {
    path: "/api/v1/reports/safety",
    method: "get",
    summary:
      "The periodic NMS safety report for an onset-date period: cases by class, sex, age, outcome and source with intervals, cumulative figures, rates, baseline comparisons with citations, disproportionality, signals under review and methods — as PDF (format=pdf, printed by Chromium) or the same page as HTML (docs/report.md)",
    tag: "Analytics",
    access: CASE_READERS,
    query: [ZReportQuery],
    responses: [ok("application/pdf (A4, paginated) or text/html", "none")],
  },
  {
    path: "/api/v1/alerts",
    method: "get",
    summary:
      "Signal alerts raised after imports and checks: first threshold crossings, strengthening lower bounds, baseline drift — one open per subject and rule, with the numbers before and after and the cases behind it",
    tag: "Analytics",
    access: CASE_READERS,
    query: [ZAlertQuery],
    responses: [
      ok(
        "{ alerts[]: { id, source, subjectKind, subjectKey, rule, methods, status, before, after, message, closedAt, closedBy, dismissReason, history[], casesUrl, signalsUrl } }",
      ),
    ],
  },
  {
    path: "/api/v1/alerts/{id}",
    method: "patch",
    summary:
      "Dismiss an open alert without raising a topic, or take a dismissal back (status dismissed | open, reason required; audited, in the alert's history; 409 when the alert is not in the state the change starts from)",
    tag: "Analytics",
    access: CASE_WRITERS,
    parameters: [ID],
    body: { schema: jsonSchemaOf(ZAlertChange) },
    responses: [ok("The alert with its history")],
  },
  {
    path: "/api/v1/signals/topics",
    method: "get",
    summary: "The signal review inbox: topics assigned to me (open), all, or overdue",
    tag: "Analytics",
    access: CASE_READERS,
    query: [ZTopicInbox],
    responses: [ok("{ view, topics[]: { id, title, subjectKind, subjectKey, status, assignee, dueDate, overdue, cases } }")],
  },
  {
    path: "/api/v1/signals/topics",
    method: "post",
    summary:
      "Raise a signal topic from an alert (closing it) or by hand for a drug or class; the numbers and saved query are frozen (audited)",
    tag: "Analytics",
    access: CASE_WRITERS,
    body: { schema: jsonSchemaOf(ZTopicCreate) },
    responses: [{ status: 201, description: "The topic with its history", type: "json" }],
  },
  {
    path: "/api/v1/signals/topics/{id}",
    method: "get",
    summary: "One topic with its full history (status changes with frozen numbers, assignments, due dates, comments, linked cases)",
    tag: "Analytics",
    access: CASE_READERS,
    parameters: [ID],
    responses: [ok("The topic")],
  },
  {
    path: "/api/v1/signals/topics/{id}",
    method: "patch",
    summary:
      "Change a topic: status (freezes the numbers; 409 if unchanged or changed meanwhile), assignee, due date, and/or a comment (audited)",
    tag: "Analytics",
    access: CASE_WRITERS,
    parameters: [ID],
    body: { schema: jsonSchemaOf(ZTopicChange) },
    responses: [ok("The topic")],
  },
  {
    path: "/api/v1/signals/topics/{id}/cases",
    method: "post",
    summary:
      "Link a case ({caseId}: 409 when already linked) or the cases of a drill-down ({caseIds}, at most 200: those already linked are skipped, the answer counts linked and alreadyLinked) to a topic (audited)",
    tag: "Analytics",
    access: CASE_WRITERS,
    parameters: [ID],
    body: { schema: jsonSchemaOf(ZTopicCaseLink) },
    responses: [{ status: 201, description: "The topic", type: "json" }],
  },
  {
    path: "/api/v1/catalogue",
    method: "get",
    summary: "Catalogue drugs matching a typed name (case form autocomplete)",
    tag: "Cases",
    access: CASE_READERS,
    parameters: [
      param("q", { type: "string", maxLength: 200 }, "Name, synonym or brand"),
      param("limit", { type: "integer", minimum: 1, maximum: 100, default: 10 }, "Most results"),
    ],
    responses: [ok("{ drugs[] }")],
  },
  {
    path: "/api/v1/imports",
    method: "get",
    summary: "The most recent import jobs",
    tag: "Imports",
    access: CASE_READERS,
    query: [ZImportJobListQuery],
    responses: [ok("{ jobs[] }")],
  },
  {
    path: "/api/v1/imports",
    method: "post",
    summary: `Upload a file (format ${FORMAT_CHOICES}; an exposure CSV has the columns ${EXPOSURE_COLUMNS.join(",")}) and start its import; poll the job`,
    tag: "Imports",
    access: CASE_WRITERS,
    body: {
      type: "multipart",
      schema: {
        type: "object",
        required: ["file"],
        properties: {
          file: { type: "string", contentMediaType: "application/octet-stream" },
          ...(jsonSchemaOf(ZImportUploadFields).properties as TJsonSchema),
        },
      },
    },
    responses: [{ status: 202, description: "{ jobId } — poll /api/v1/imports/{jobId}", type: "json" }],
  },
  {
    path: "/api/v1/imports/{id}",
    method: "get",
    summary: "One import job: status, counts, errors, unmapped drug names",
    tag: "Imports",
    access: CASE_READERS,
    parameters: [ID],
    responses: [ok("The job")],
  },
  {
    path: "/api/v1/export/aggregates.json",
    method: "get",
    summary:
      "The aggregates query as a reproducible export (metadata: normalised query, data version, app version); small cells suppressed for researchers",
    tag: "Exports",
    access: AGGREGATE_READERS,
    query: [ZAggregateQuery, ZExportOptions],
    responses: [ok("{ metadata, total, groups[], columns[] | null }; suppressed counts are null with suppressed: true")],
  },
  {
    path: "/api/v1/export/aggregates.csv",
    method: "get",
    summary: "The same export as one CSV table, metadata on every row",
    tag: "Exports",
    access: AGGREGATE_READERS,
    query: [ZAggregateQuery, ZExportOptions],
    responses: [ok("CSV (RFC 4180); suppressed cells empty with suppressed = yes; a true zero is 0", "csv")],
  },
  {
    path: "/api/v1/analyses",
    method: "get",
    summary: "The saved-analysis library: my analyses and those shared with my role (administrators: every analysis)",
    tag: "Analyses",
    access: AGGREGATE_READERS,
    query: [ZAnalysisList],
    responses: [
      ok(
        "{ view, mine[], shared[] }: { id, kind, name, description, query, openUrl, owner, mine, canChange, sharedWith, frozen, frozenAt, createdAt, updatedAt }",
      ),
    ],
  },
  {
    path: "/api/v1/analyses",
    method: "post",
    summary:
      "Save a dashboard, signals or export view (its URL query, normalised as the page reads it), private or shared with a role; freeze: true stores the whole answer — a researcher's suppressed as their export is (audited)",
    tag: "Analyses",
    access: AGGREGATE_READERS,
    body: { schema: jsonSchemaOf(ZAnalysisCreate) },
    responses: [{ status: 201, description: "The saved analysis", type: "json" }],
  },
  {
    path: "/api/v1/analyses/{id}",
    method: "get",
    summary:
      "A saved analysis reopened: frozen { status: none | ok (result, today, comparison rows: frozen, today, difference) | invalid (message, issues — a damaged stored form is reported, never recomputed) }; compare=false skips today's numbers",
    tag: "Analyses",
    access: AGGREGATE_READERS,
    parameters: [
      ID,
      param("compare", { type: "string", enum: ["true", "false"], default: "true" }, "Compute today's numbers beside the frozen ones"),
    ],
    responses: [ok("{ analysis, frozen }")],
  },
  {
    path: "/api/v1/analyses/{id}",
    method: "patch",
    summary: "Rename, describe or share (sharedWith: a role or null) a saved analysis — owner or administrator (audited)",
    tag: "Analyses",
    access: AGGREGATE_READERS,
    parameters: [ID],
    body: { schema: jsonSchemaOf(ZAnalysisPatch) },
    responses: [ok("The saved analysis")],
  },
  {
    path: "/api/v1/analyses/{id}",
    method: "delete",
    summary: "Delete a saved analysis — owner or administrator (audited)",
    tag: "Analyses",
    access: AGGREGATE_READERS,
    parameters: [ID],
    responses: [ok("{ id, deleted: true, kind }")],
  },
  {
    path: "/api/v1/analyses/{id}/export.json",
    method: "get",
    summary:
      "A frozen result as the aggregates JSON export, re-serialised from the stored answer: byte-identical to the export made when it was frozen apart from generatedAt; 409 when the stored form fails validation",
    tag: "Analyses",
    access: AGGREGATE_READERS,
    parameters: [ID],
    query: [ZFrozenExportQuery],
    responses: [ok("{ metadata, total, groups[], columns[] | null }")],
  },
  {
    path: "/api/v1/analyses/{id}/export.csv",
    method: "get",
    summary: "The same frozen export as one CSV table (only generated_at differs from the original)",
    tag: "Analyses",
    access: AGGREGATE_READERS,
    parameters: [ID],
    query: [ZFrozenExportQuery],
    responses: [ok("CSV, as /api/v1/export/aggregates.csv wrote it", "csv")],
  },
  {
    path: "/api/v1/export/cases.csv",
    method: "get",
    summary: "The line listing as canonical CSV (re-importable), formula injection neutralised",
    tag: "Exports",
    access: CASE_READERS,
    query: [ZCaseListQuery],
    responses: [ok("CSV with the canonical columns", "csv")],
  },
  {
    path: "/api/v1/drug-names/unmatched",
    method: "get",
    summary: "Verbatim drug names on stored cases that match no catalogue drug or mapping, with case counts by role",
    tag: "Drug names",
    access: CASE_READERS,
    query: [ZUnmatchedQuery],
    responses: [ok("{ names[], totalNames }")],
  },
  {
    path: "/api/v1/drug-names/mappings",
    method: "get",
    summary: "Every drug-name mapping (format=csv: the mappings CSV name,drug,ignore)",
    tag: "Drug names",
    access: CASE_READERS,
    query: [ZMappingsQuery],
    responses: [ok("{ mappings[] }")],
  },
  {
    path: "/api/v1/drug-names/mappings",
    method: "post",
    summary:
      "Map a verbatim name to a catalogue drug, or mark it not an antidopaminergic agent; stored cases are re-derived at once (text/csv body: many, all or nothing)",
    tag: "Drug names",
    access: CASE_WRITERS,
    body: { schema: jsonSchemaOf(ZDrugNameMapping) },
    responses: [
      { status: 201, description: "{ mapping, changed, rederived }", type: "json" },
      ok("Already mapped that way: nothing changed"),
    ],
  },
  {
    path: "/api/v1/drug-names/mappings/{name}",
    method: "delete",
    summary: "Remove a mapping; its cases are re-derived against the catalogue alone",
    tag: "Drug names",
    access: CASE_WRITERS,
    parameters: [{ name: "name", in: "path", required: true, schema: { type: "string" } }],
    responses: [ok("{ mapping: null, changed, rederived }")],
  },
  {
    path: "/api/v1/audit",
    method: "get",
    summary: "The audit trail: who changed what, when, before and after",
    tag: "Audit",
    access: ADMINS,
    query: [ZAuditQuery],
    responses: [ok("{ page, pageSize, total, entities[], events[] }")],
  },
  {
    path: "/api/v1/users",
    method: "get",
    summary: "Every account: role, disabled, live sessions, failed sign-ins and sign-in delay",
    tag: "Administration",
    access: ADMINS,
    responses: [ok("{ users[]: { id, email, name, role, disabledAt, createdAt, sessions, signInFailures, delayedUntil } }")],
  },
  {
    path: "/api/v1/users",
    method: "post",
    summary: "Create an account with a generated password, answered once (audited; never stored in clear)",
    tag: "Administration",
    access: ADMINS,
    body: { schema: jsonSchemaOf(ZAccountCreate) },
    responses: [{ status: 201, description: "{ user: { id, email }, password }", type: "json" }],
  },
  {
    path: "/api/v1/users/{id}",
    method: "patch",
    summary:
      "Change an account's role, disable it (sessions ended, tokens revoked) or enable it (audited; 409 for the last active administrator)",
    tag: "Administration",
    access: ADMINS,
    parameters: [ID],
    body: { schema: jsonSchemaOf(ZAccountPatch) },
    responses: [ok("{ user }")],
  },
  {
    path: "/api/v1/users/{id}/sign-out",
    method: "post",
    summary: "End every session of the account (audited)",
    tag: "Administration",
    access: ADMINS,
    parameters: [ID],
    responses: [ok("{ sessionsEnded }")],
  },
  {
    path: "/api/v1/users/{id}/unlock",
    method: "post",
    summary: "Forget the account's failed sign-ins, ending its sign-in delay (audited)",
    tag: "Administration",
    access: ADMINS,
    parameters: [ID],
    responses: [ok("{ cleared }")],
  },
  {
    path: "/api/v1/sessions",
    method: "get",
    summary: "Every active session: account, role, started, last request, address and browser (never the cookie)",
    tag: "Administration",
    access: ADMINS,
    responses: [ok("{ sessions[] }")],
  },
  {
    path: "/api/v1/sessions/{id}",
    method: "delete",
    summary: "End one session at once: its next request is signed out (audited); all of an account's: POST /api/v1/users/{id}/sign-out",
    tag: "Administration",
    access: ADMINS,
    parameters: [ID],
    responses: [ok("{ id, email, ended }")],
  },
  {
    path: "/api/v1/tokens",
    method: "get",
    summary: "Every API token (never the secret): role, owner, created, last use, expiry, revocation",
    tag: "Administration",
    access: ADMINS,
    responses: [ok("{ tokens[] }")],
  },
  {
    path: "/api/v1/tokens",
    method: "post",
    summary: "Create an API token owned by the caller; the token is answered once (audited)",
    tag: "Administration",
    access: ADMINS,
    body: { schema: jsonSchemaOf(ZTokenCreate) },
    responses: [{ status: 201, description: "{ id, token, expiresAt }", type: "json" }],
  },
  {
    path: "/api/v1/tokens/{id}",
    method: "delete",
    summary: "Revoke an API token: it stops authenticating at once (audited)",
    tag: "Administration",
    access: ADMINS,
    parameters: [ID],
    responses: [ok("{ id, revoked }")],
  },
  {
    path: "/api/v1/openapi.json",
    method: "get",
    summary: "This document",
    tag: "System",
    access: "public",
    responses: [ok("OpenAPI 3.1")],
  },
];

const MUTATIONS = new Set<TMethod>(["post", "patch", "delete"]);
const ERRORS: [number, string][] = [
  [400, "Invalid input: every bad field or parameter is named"],
  [401, "Not signed in and no valid token"],
  [403, "The role may not use this (or a missing CSRF header)"],
  [404, "Not found"],
  [409, "Conflict"],
  [503, "The database cannot be reached"],
];

function operationObject(op: TOperation) {
  const parameters = [...(op.parameters ?? []), ...(op.query ?? []).flatMap(queryParameters)];
  const content = (r: TResponse) =>
    r.type === "none"
      ? undefined
      : r.type === "csv"
        ? { "text/csv": { schema: { type: "string" } } }
        : { "application/json": { schema: r.schema ?? { type: "object" } } };
  const responses: Record<string, unknown> = Object.fromEntries([
    ...op.responses.map((r): [string, unknown] => [
      String(r.status),
      { description: r.description, ...(content(r) ? { content: content(r) } : {}) },
    ]),
    ...ERRORS.filter(([status]) => op.access !== "public" || status !== 403).map(([status, description]): [string, unknown] => [
      String(status),
      { description, content: { "application/json": { schema: ref("Error") } } },
    ]),
  ]);
  const body = op.body && {
    required: true,
    content: {
      [op.body.type === "multipart" ? "multipart/form-data" : "application/json"]: {
        schema: typeof op.body.schema === "string" ? ref(op.body.schema) : op.body.schema,
      },
    },
  };
  // A signed-in browser sends the cookie (and, for changes, the CSRF header); a script a token.
  const session = MUTATIONS.has(op.method) ? { sessionCookie: [], csrfHeader: [] } : { sessionCookie: [] };
  return {
    summary: op.summary,
    tags: [op.tag],
    operationId: `${op.method}${op.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
    ...(parameters.length ? { parameters } : {}),
    ...(body ? { requestBody: body } : {}),
    responses,
    security: op.access === "public" ? [] : [session, { bearerToken: [] }],
    "x-roles": op.access === "public" ? "public" : [...op.access],
  };
}

export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operationObject(op);
  return {
    openapi: "3.1.0",
    info: {
      title: "NMS Watch API",
      version: APP_VERSION,
      description:
        "Pharmacovigilance analytics for neuroleptic malignant syndrome. JSON throughout; every failure uses the Error envelope. Researchers receive aggregates only, small cells suppressed in exports.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        sessionCookie: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "Set by POST /api/auth/login" },
        csrfHeader: {
          type: "apiKey",
          in: "header",
          name: CSRF_HEADER,
          description: "The session's CSRF token, on every change made with the cookie",
        },
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description: "An API token: npm run cli -- tokens create --role <role> --name <name>",
        },
      },
    },
  };
}
export type TOpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
