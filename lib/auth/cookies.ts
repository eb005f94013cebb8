// The session cookie's attributes: httpOnly, SameSite=Lax, Secure whenever served over HTTPS.
import { SESSION_COOKIE, SESSION_HOURS } from "./sessions";

export function sessionCookie(request: Request, value: string, maxAgeSeconds = SESSION_HOURS * 3600): string {
  const secure = new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  return [`${SESSION_COOKIE}=${encodeURIComponent(value)}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`, ...(secure ? ["Secure"] : [])].join("; ");
}

export const clearedSessionCookie = (request: Request) => sessionCookie(request, "", 0);
