// GET /api/v1/drug-names/unmatched — verbatim drug names on stored cases that match no catalogue
// drug and no mapping, with their case counts by role, most frequent first (?limit=N).
import { NextResponse } from "next/server";
import { validationError } from "@/lib/errors";
import { guarded } from "@/lib/auth/guard";
import { CASE_READERS } from "@/lib/auth/principal";
import { paramsObject } from "@/lib/domain/search-params";
import { ZUnmatchedQuery, findUnmatchedDrugNames } from "@/lib/queries/find-unmatched-drug-names";

export const dynamic = "force-dynamic";

export const GET = guarded(CASE_READERS, async (request: Request) => {
  const parsed = ZUnmatchedQuery.safeParse(paramsObject(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error, "query");
  return NextResponse.json(await findUnmatchedDrugNames({ limit: parsed.data.limit }), { headers: { "Cache-Control": "no-store" } });
});
