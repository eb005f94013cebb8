// GET /api/v1/users — every account with its role, state, sessions and sign-in delay; POST — create
// one with a generated password, answered once (administrators, audited; docs/security.md).
import { NextResponse } from "next/server";
import { validationError } from "@/lib/errors";
import { actorOf, readJsonBody } from "@/lib/api/request";
import { ZAccountCreate, createAccount, listAccounts } from "@/lib/auth/account-admin";
import { guarded } from "@/lib/auth/guard";
import { ADMINS } from "@/lib/auth/principal";

export const dynamic = "force-dynamic";

export const GET = guarded(ADMINS, async () => NextResponse.json({ users: await listAccounts() }));

export const POST = guarded(ADMINS, async (request: Request, _context: unknown, principal) => {
  const parsed = ZAccountCreate.safeParse(await readJsonBody(request));
  if (!parsed.success) throw validationError(parsed.error, "account");
  const created = await createAccount(parsed.data, actorOf(request, principal).name);
  return NextResponse.json({ user: { id: created.id, email: created.email }, password: created.password }, { status: 201 });
});
