// One call to an administration route from the browser: the JSON answer, or the error envelope's
// message and field issues to show in place.
import { apiFetch, readApiError, type TApiIssue } from "@/lib/client/api-fetch";

export type TAdminAnswer = { ok: true; body: unknown } | { ok: false; message: string; issues: TApiIssue[] };

export async function sendAdmin(url: string, method: "POST" | "PATCH" | "DELETE", body?: unknown): Promise<TAdminAnswer> {
  try {
    const response = await apiFetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.ok) return { ok: true, body: (await response.json()) as unknown };
    const error = await readApiError(response);
    return { ok: false, message: error?.message ?? `Not done (HTTP ${response.status}).`, issues: error?.issues ?? [] };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : "Not done.", issues: [] };
  }
}
