// GET /api/v1/audit — the audit trail (administrators): filter by entity, entityId, actor,
// action and date range (from/to, UTC days), newest first, paginated.
import { NextResponse } from "next/server";
import { validationError } from "@/lib/errors";
import { guarded } from "@/lib/auth/guard";
import { ADMINS } from "@/lib/auth/principal";
import { ZAuditQuery, auditQueryInput, findAuditEvents } from "@/lib/queries/find-audit-events";

export const dynamic = "force-dynamic";

export const GET = guarded(ADMINS, async (request: Request) => {
  const parsed = ZAuditQuery.safeParse(auditQueryInput(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error, "query");
  return NextResponse.json(await findAuditEvents(parsed.data), { headers: { "Cache-Control": "no-store" } });
});
