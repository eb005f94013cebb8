// GET /api/auth/session — who is signed in, their role, and the session's CSRF token.
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { handle } from "@/lib/api/errors";
import { authenticate } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request) => {
  const principal = await authenticate(request);
  if (!principal) throw new AppError("unauthenticated", "Not signed in");
  return NextResponse.json({ actor: principal.actor, role: principal.role, kind: principal.kind, csrfToken: principal.csrfToken });
});
