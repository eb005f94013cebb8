// GET /api/v1/tokens — every API token (never the secret) with role, owner, last use, expiry and
// revocation; POST — create one owned by the caller, the token answered once (administrators, audited).
import { NextResponse } from "next/server";
import { validationError } from "@/lib/errors";
import { actorOf, readJsonBody } from "@/lib/api/request";
import { ZTokenCreate } from "@/lib/auth/account-admin";
import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { guarded } from "@/lib/auth/guard";
import { ADMINS } from "@/lib/auth/principal";

export const dynamic = "force-dynamic";

export const GET = guarded(ADMINS, async () => NextResponse.json({ tokens: await listApiTokens() }));

export const POST = guarded(ADMINS, async (request: Request, _context: unknown, principal) => {
  const parsed = ZTokenCreate.safeParse(await readJsonBody(request));
  if (!parsed.success) throw validationError(parsed.error, "token");
  const created = await createApiToken({ ...parsed.data, userId: principal.userId }, actorOf(request, principal).name);
  return NextResponse.json(created, { status: 201 });
});
