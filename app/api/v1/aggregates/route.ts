// GET /api/v1/aggregates — case counts, case fatality, shares, incidence and baseline comparisons
// by one dimension (or two, `then=`), filtered; the query language is lib/queries/aggregates.
import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { AGGREGATE_READERS } from "@/lib/auth/principal";
import { audienceOf } from "@/lib/queries/aggregates/audience";
import { getAggregates } from "@/lib/queries/aggregates/get-aggregates";
import { parseAggregateQuery } from "@/lib/queries/aggregates/query-schema";

export const dynamic = "force-dynamic";

// A researcher's answer is protected (perturbed, small counts null): lib/queries/aggregates/protect-answer.ts.
export const GET = guarded(AGGREGATE_READERS, async (request: Request, _context: unknown, principal) => {
  const query = parseAggregateQuery(new URL(request.url).searchParams);
  return NextResponse.json(await getAggregates(query, { audience: audienceOf(principal.role) }));
});
