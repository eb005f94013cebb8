// POST /api/auth/logout — ends the session (the cookie is cleared and the row deleted). Refused
// from another site: a cross-site form must not sign the user out.
import { NextResponse } from "next/server";
import { handle } from "@/lib/api/errors";
import { clearedSessionCookie } from "@/lib/auth/cookies";
import { refuseCrossSite, sessionCookieValue } from "@/lib/auth/guard";
import { signOut } from "@/lib/auth/sessions";

export const dynamic = "force-dynamic";

export const POST = handle(async (request: Request) => {
  refuseCrossSite(request);
  const session = sessionCookieValue(request);
  if (session) await signOut(session);
  const response = new NextResponse(null, { status: 204 });
  response.headers.append("Set-Cookie", clearedSessionCookie(request));
  return response;
});
