// GET /api/v1/signals — PRR, ROR, IC and EBGM with intervals and flags per drug and drug class from
// the background counts (source, quarter range, thresholds); drug=/drugClass= adds the trend.
import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { AGGREGATE_READERS } from "@/lib/auth/principal";
import { audienceOf } from "@/lib/queries/aggregates/audience";
import { readSignalTables } from "@/lib/queries/read-signal-tables";
import { parseSignalQuery } from "@/lib/queries/signals/signal-query";

export const dynamic = "force-dynamic";

// Signals are aggregates over report counts — no case detail — so researchers may read them.
// Researchers get the protected tables (lib/queries/signals/protect-signals.ts).
export const GET = guarded(AGGREGATE_READERS, async (request: Request, _context: unknown, principal) => {
  const query = parseSignalQuery(new URL(request.url).searchParams);
  return NextResponse.json(await readSignalTables(query, { audience: audienceOf(principal.role) }));
});
