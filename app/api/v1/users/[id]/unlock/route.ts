// POST /api/v1/users/{id}/unlock — forget the account's failed sign-ins, ending its sign-in delay
// (administrators, audited; docs/security.md, "Sign-in").
import { NextResponse } from "next/server";
import { actorOf } from "@/lib/api/request";
import { accountById } from "@/lib/auth/account-admin";
import { guarded } from "@/lib/auth/guard";
import { ADMINS } from "@/lib/auth/principal";
import { clearAccountThrottle } from "@/lib/auth/sign-in-throttle";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id?: string }> };

export const POST = guarded(ADMINS, async (request: Request, context: TContext, principal) => {
  const account = await accountById((await context.params).id ?? "");
  return NextResponse.json({ cleared: (await clearAccountThrottle(account.email, actorOf(request, principal).name)) > 0 });
});
