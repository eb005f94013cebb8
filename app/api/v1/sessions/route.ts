// GET /api/v1/sessions — every active session: account, role, started, last request, address and
// browser (administrators). End one with DELETE /api/v1/sessions/{id}, all of an account's with
// POST /api/v1/users/{id}/sign-out.
import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { ADMINS } from "@/lib/auth/principal";
import { listSessions } from "@/lib/auth/session-admin";

export const dynamic = "force-dynamic";

export const GET = guarded(ADMINS, async () => NextResponse.json({ sessions: await listSessions() }));
