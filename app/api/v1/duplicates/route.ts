// GET /api/v1/duplicates?status=candidate|duplicate|distinct — the duplicate review queue, highest score first.
import { NextResponse } from "next/server";
import { validationError } from "@/lib/errors";
import { guarded } from "@/lib/auth/guard";
import { CASE_READERS } from "@/lib/auth/principal";
import { ZDuplicatePairQuery, findDuplicatePairs } from "@/lib/queries/find-duplicate-pairs";

export const dynamic = "force-dynamic";

export const GET = guarded(CASE_READERS, async (request: Request) => {
  const parsed = ZDuplicatePairQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error, "query");
  return NextResponse.json(await findDuplicatePairs(parsed.data));
});
