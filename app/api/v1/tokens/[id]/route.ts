// DELETE /api/v1/tokens/{id} — revoke an API token: it stops authenticating at once
// (administrators, audited; the row stays for the audit trail and the token list).
import { NextResponse } from "next/server";
import { z } from "zod";
import { notFound } from "@/lib/errors";
import { actorOf } from "@/lib/api/request";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { guarded } from "@/lib/auth/guard";
import { ADMINS } from "@/lib/auth/principal";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id?: string }> };

export const DELETE = guarded(ADMINS, async (request: Request, context: TContext, principal) => {
  const { id = "" } = await context.params;
  if (!z.uuid().safeParse(id).success || !(await revokeApiToken(id, actorOf(request, principal).name))) throw notFound("Active token");
  return NextResponse.json({ id, revoked: true });
});
