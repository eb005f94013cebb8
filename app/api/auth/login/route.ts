// POST /api/auth/login — sign in with email and password; sets the session cookie and returns
// the CSRF token the client must send with every change. Failed attempts are throttled per
// account and client (lib/auth/sign-in-throttle.ts); the answers are never cached.
import { NextResponse } from "next/server";
import { AppError, validationError } from "@/lib/errors";
import { handle } from "@/lib/api/errors";
import { clientAddress, readJsonBody } from "@/lib/api/request";
import { sessionCookie } from "@/lib/auth/cookies";
import { refuseCrossSite } from "@/lib/auth/guard";
import { ZLogin } from "@/lib/auth/login-schema";
import { SignInError, signIn } from "@/lib/auth/sessions";
import { NO_STORE } from "@/lib/api/response-headers";

export const dynamic = "force-dynamic";

export const POST = handle(async (request: Request) => {
  refuseCrossSite(request); // login CSRF: another site's form posting the attacker's credentials
  const parsed = ZLogin.safeParse(await readJsonBody(request));
  if (!parsed.success) throw validationError(parsed.error, "sign-in");
  try {
    const session = await signIn(parsed.data.email, parsed.data.password, clientAddress(request), request.headers.get("user-agent"));
    const response = NextResponse.json({ csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() }, { headers: NO_STORE });
    response.headers.append("Set-Cookie", sessionCookie(request, session.cookieValue));
    return response;
  } catch (error) {
    if (error instanceof SignInError) throw new AppError(error.status === 429 ? "throttled" : "unauthenticated", error.message);
    throw error;
  }
});
