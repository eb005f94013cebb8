// Browser-side fetch for the app's own API: every mutation carries the session's CSRF token
// (x-csrf-token, read once from GET /api/auth/session), which lib/auth/guard demands of
// cookie-authenticated POST/PATCH/DELETE requests.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
export const CSRF_HEADER = "x-csrf-token";

export type TApiIssue = { path: string; message: string };
export type TApiError = { code: string; message: string; issues: TApiIssue[] };

let token: Promise<string> | null = null;

/** The session's CSRF token, fetched once per page load (and again after a refusal). */
export function csrfToken(): Promise<string> {
  token ??= fetch("/api/auth/session", { credentials: "same-origin", cache: "no-store" })
    .then(async (response) => {
      if (!response.ok) throw new Error("Your session has ended: sign in again.");
      const body = (await response.json()) as { csrfToken?: string | null };
      return body.csrfToken ?? "";
    })
    .catch((error: unknown) => {
      token = null;
      throw error;
    });
  return token;
}

/** Drops the cached token (the server refused it: the session was renewed). */
export function forgetCsrfToken(): void {
  token = null;
}

async function send(url: string, init: RequestInit): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set(CSRF_HEADER, await csrfToken());
  return fetch(url, { ...init, headers, credentials: "same-origin" });
}

/** fetch() for /api routes; a mutation refused for its CSRF token (a renewed session) is retried once with a fresh one. */
export async function apiFetch(url: string, init: RequestInit = {}): Promise<Response> {
  if (SAFE_METHODS.has((init.method ?? "GET").toUpperCase())) return fetch(url, { ...init, credentials: "same-origin" });
  const response = await send(url, init);
  if (response.status !== 403 || (await readApiError(response.clone()))?.code !== "csrf") return response;
  forgetCsrfToken();
  return send(url, init);
}

/** The error envelope of a failed response, or null when the body is not one. */
export async function readApiError(response: Response): Promise<TApiError | null> {
  const body = (await response.json().catch(() => null)) as { error?: Partial<TApiError> } | null;
  if (!body?.error || typeof body.error.message !== "string") return null;
  return {
    code: body.error.code ?? "error",
    message: body.error.message,
    issues: Array.isArray(body.error.issues) ? body.error.issues : [],
  };
}
