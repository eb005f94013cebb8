// Saves the form's case through the API — POST to create, PATCH with the revision the editor
// read — and turns each answer into what the form shows: field issues, a conflict, a failure.
import { apiFetch, readApiError, type TApiIssue } from "@/lib/client/api-fetch";
import type { TCaseInputRaw } from "@/lib/domain/case-schema";
import type { TIssues } from "./case-form-state";
import { hasField } from "./field-labels";

export type TSaveRequest =
  { mode: "create"; input: TCaseInputRaw } | { mode: "edit"; input: TCaseInputRaw; caseId: string; revision: number };
export type TSaveOutcome =
  | { kind: "saved"; id: string }
  | { kind: "invalid"; fieldIssues: TIssues; otherIssues: TApiIssue[] }
  | { kind: "conflict"; message: string }
  | { kind: "failed"; message: string };

const JSON_HEADERS = { "content-type": "application/json" };

function send(request: TSaveRequest): Promise<Response> {
  if (request.mode === "create")
    return apiFetch("/api/v1/cases", { method: "POST", headers: JSON_HEADERS, body: JSON.stringify(request.input) });
  // A case's identity is not editable: PATCH takes every other field, and the revision read.
  const { source: _source, sourceId: _sourceId, version: _version, ...fields } = request.input;
  return apiFetch(`/api/v1/cases/${encodeURIComponent(request.caseId)}`, {
    method: "PATCH",
    headers: JSON_HEADERS,
    body: JSON.stringify({ ...fields, expectedRevision: request.revision }),
  });
}

export async function saveCase(request: TSaveRequest): Promise<TSaveOutcome> {
  let response: Response;
  try {
    response = await send(request);
  } catch (error) {
    return {
      kind: "failed",
      message:
        error instanceof Error && /session/.test(error.message)
          ? error.message
          : "The server could not be reached: check the connection and save again.",
    };
  }
  if (response.ok) return { kind: "saved", id: ((await response.json()) as { id: string }).id };
  const error = await readApiError(response);
  if (response.status === 400 && error) {
    const fieldIssues: TIssues = {};
    const otherIssues: TApiIssue[] = [];
    for (const issue of error.issues) {
      if (hasField(issue.path)) fieldIssues[issue.path] ??= issue.message;
      else otherIssues.push(issue);
    }
    if (!error.issues.length) otherIssues.push({ path: "(form)", message: error.message });
    return { kind: "invalid", fieldIssues, otherIssues };
  }
  if (response.status === 409) {
    // Creating: the report id is taken. Editing: someone saved the case after it was opened here.
    if (request.mode === "create")
      return { kind: "invalid", fieldIssues: { sourceId: "is already used by another manual case" }, otherIssues: [] };
    return {
      kind: "conflict",
      message: "This case was changed by someone else since you opened it — reload to see their version (your edits here will be lost).",
    };
  }
  if (response.status === 404) return { kind: "failed", message: "This case no longer exists: it may have been deleted." };
  if (response.status === 401)
    return { kind: "failed", message: "Your session has ended: sign in again (in another tab, to keep this form), then save." };
  return { kind: "failed", message: error?.message ?? `Saving failed (HTTP ${response.status}).` };
}
