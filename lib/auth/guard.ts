// The one wrapper that enforces roles on every route handler: who is calling (Bearer token or
// session cookie), whether their role may use the route, and CSRF on cookie-authenticated
// mutations (a header token plus a same-origin check). Failures use the error envelope.
import { AppError } from "@/lib/errors";
import { handle } from "@/lib/api/errors";
import type { Role } from "@/lib/domain/vocabulary";
import { principalFromToken } from "./api-tokens";
import type { TPrincipal } from "./principal";
import { sameSecret } from "./secrets";
import { SESSION_COOKIE_NAMES, principalFromSession } from "./sessions";

export const CSRF_HEADER = "x-csrf-token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function cookieValue(request: Request, name: string): string | null {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodedCookie(rest.join("="));
  }
  return null;
}

/** A malformed escape ("%", "%E0%A4%A") cannot be a cookie we issued: treat it as no cookie. */
function decodedCookie(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** The session cookie's value under either of its names. */
export function sessionCookieValue(request: Request): string | null {
  for (const name of SESSION_COOKIE_NAMES) {
    const value = cookieValue(request, name);
    if (value) return value;
  }
  return null;
}

export async function authenticate(request: Request): Promise<TPrincipal | null> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? principalFromToken(match[1]!) : null;
  }
  const session = sessionCookieValue(request);
  return session ? principalFromSession(session) : null;
}

/**
 * Refuses a browser request sent from another site (its Origin names another host). Also used by
 * sign-in, which has no session yet: a cross-site form must not sign a victim into another account.
 */
export function refuseCrossSite(request: Request): void {
  // Compare with the host the browser addressed (Next rebuilds request.url from its own host
  // name, so 127.0.0.1 or a real domain would never match it).
  // X-Forwarded-Host is the client's to choose unless a trusted proxy sets it (NMS_TRUST_PROXY=on).
  const origin = request.headers.get("origin");
  const forwarded = process.env.NMS_TRUST_PROXY === "on" ? request.headers.get("x-forwarded-host") : null;
  const host = forwarded ?? request.headers.get("host") ?? new URL(request.url).host;
  if (origin && safeHost(origin) !== host) {
    throw new AppError("csrf", "Cross-site request refused");
  }
}

function checkCsrf(request: Request, principal: TPrincipal): void {
  if (principal.kind !== "session" || SAFE_METHODS.has(request.method)) return;
  refuseCrossSite(request);
  const sent = request.headers.get(CSRF_HEADER);
  if (!sent || !principal.csrfToken || !sameSecret(sent, principal.csrfToken)) {
    throw new AppError("csrf", `Missing or wrong ${CSRF_HEADER} header for this session`);
  }
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export async function authorize(request: Request, roles: readonly Role[]): Promise<TPrincipal> {
  const principal = await authenticate(request);
  if (!principal) throw new AppError("unauthenticated", "Sign in, or send an API token as Authorization: Bearer <token>");
  if (!roles.includes(principal.role)) throw new AppError("forbidden", `The ${principal.role} role may not use this`);
  checkCsrf(request, principal);
  return principal;
}

/** A route handler that only runs for the given roles, with the caller as third argument. */
export function guarded<C>(
  roles: readonly Role[],
  run: (request: Request, context: C, principal: TPrincipal) => Promise<Response>,
): (request: Request, context: C) => Promise<Response> {
  return handle(async (request: Request, context: C) => run(request, context, await authorize(request, roles)));
}
