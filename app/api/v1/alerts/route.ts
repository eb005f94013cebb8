// GET /api/v1/alerts?status=open|closed|all&rule=… — signal alerts (threshold crossings, strengthening, baseline drift), newest first.
import { NextResponse } from "next/server";
import { validationError } from "@/lib/errors";
import { guarded } from "@/lib/auth/guard";
import { CASE_READERS } from "@/lib/auth/principal";
import { ZAlertQuery, findAlerts } from "@/lib/queries/find-alerts";

export const dynamic = "force-dynamic";

// Staff only: an alert carries exact counts and links to the cases behind them.
export const GET = guarded(CASE_READERS, async (request: Request) => {
  const parsed = ZAlertQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error, "query");
  return NextResponse.json(await findAlerts(parsed.data));
});
