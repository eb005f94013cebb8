// POST /api/v1/users/{id}/sign-out — end every session of the account (administrators, audited).
import { NextResponse } from "next/server";
import { actorOf } from "@/lib/api/request";
import { accountById } from "@/lib/auth/account-admin";
import { guarded } from "@/lib/auth/guard";
import { ADMINS } from "@/lib/auth/principal";
import { signOutEverywhere } from "@/lib/auth/users";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id?: string }> };

export const POST = guarded(ADMINS, async (request: Request, context: TContext, principal) => {
  const account = await accountById((await context.params).id ?? "");
  return NextResponse.json({ sessionsEnded: await signOutEverywhere(account.email, actorOf(request, principal).name) });
});
