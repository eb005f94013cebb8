// The session cookie's attributes: httpOnly, SameSite=Lax; over HTTPS also Secure and named with
// the __Host- prefix (the browser then refuses it from a sibling domain or over plain HTTP).
import { SECURE_SESSION_COOKIE, SESSION_COOKIE, SESSION_HOURS } from "./sessions";

/** HTTPS as the browser sees it: the URL, or a proxy's X-Forwarded-Proto (a wrong "https" only makes the cookie stricter). */
const servedOverHttps = (request: Request) =>
  new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";

export function sessionCookie(request: Request, value: string, maxAgeSeconds = SESSION_HOURS * 3600): string {
  const secure = servedOverHttps(request);
  const name = secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  return [
    `${name}=${encodeURIComponent(value)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export const clearedSessionCookie = (request: Request) => sessionCookie(request, "", 0);
