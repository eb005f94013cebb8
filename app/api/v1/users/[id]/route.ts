// PATCH /api/v1/users/{id} — change an account's role, disable it (sessions ended, tokens revoked)
// or enable it; the last active administrator cannot be demoted or disabled. Administrators, audited.
import { NextResponse } from "next/server";
import { validationError } from "@/lib/errors";
import { actorOf, readJsonBody } from "@/lib/api/request";
import { ZAccountPatch, updateAccount } from "@/lib/auth/account-admin";
import { guarded } from "@/lib/auth/guard";
import { ADMINS } from "@/lib/auth/principal";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id?: string }> };

export const PATCH = guarded(ADMINS, async (request: Request, context: TContext, principal) => {
  const { id = "" } = await context.params;
  const parsed = ZAccountPatch.safeParse(await readJsonBody(request));
  if (!parsed.success) throw validationError(parsed.error, "account");
  return NextResponse.json({ user: await updateAccount(id, parsed.data, actorOf(request, principal).name) });
});
