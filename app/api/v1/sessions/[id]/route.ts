// DELETE /api/v1/sessions/{id} — end one session at once: its next request is signed out
// (administrators, audited).
import { NextResponse } from "next/server";
import { actorOf } from "@/lib/api/request";
import { guarded } from "@/lib/auth/guard";
import { ADMINS } from "@/lib/auth/principal";
import { endSession } from "@/lib/auth/session-admin";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id?: string }> };

export const DELETE = guarded(ADMINS, async (request: Request, context: TContext, principal) => {
  const ended = await endSession((await context.params).id ?? "", actorOf(request, principal).name);
  return NextResponse.json({ ...ended, ended: true });
});
