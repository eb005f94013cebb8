// POST /api/auth/logout — ends the session (the cookie is cleared and the row deleted).
import { NextResponse } from "next/server";
import { handle } from "@/lib/api/errors";
import { clearedSessionCookie } from "@/lib/auth/cookies";
import { cookieValue } from "@/lib/auth/guard";
import { SESSION_COOKIE, signOut } from "@/lib/auth/sessions";

export const dynamic = "force-dynamic";

export const POST = handle(async (request: Request) => {
  const session = cookieValue(request, SESSION_COOKIE);
  if (session) await signOut(session);
  const response = new NextResponse(null, { status: 204 });
  response.headers.append("Set-Cookie", clearedSessionCookie(request));
  return response;
});
