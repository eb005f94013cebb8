// GET /api/v1/analyses — the library: my saved analyses and those shared with my role;
// POST — save a dashboard, signals or export view (optionally frozen), audited (docs/analyses.md).
import { NextResponse } from "next/server";
import { actorOf, readJsonBody } from "@/lib/api/request";
import { guarded } from "@/lib/auth/guard";
import { AGGREGATE_READERS } from "@/lib/auth/principal";
import { validationError } from "@/lib/errors";
import { paramsObject } from "@/lib/domain/search-params";
import { createAnalysis } from "@/lib/analyses/analysis-commands";
import { ZAnalysisCreate, ZAnalysisList } from "@/lib/analyses/analysis-schema";
import { findAnalyses } from "@/lib/analyses/find-analyses";

export const dynamic = "force-dynamic";

export const GET = guarded(AGGREGATE_READERS, async (request: Request, _context: unknown, principal) => {
  const parsed = ZAnalysisList.safeParse(paramsObject(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error, "query");
  return NextResponse.json(await findAnalyses(principal, parsed.data.view), { headers: { "Cache-Control": "no-store" } });
});

export const POST = guarded(AGGREGATE_READERS, async (request: Request, _context: unknown, principal) => {
  const parsed = ZAnalysisCreate.safeParse(await readJsonBody(request));
  if (!parsed.success) throw validationError(parsed.error, "analysis");
  return NextResponse.json(await createAnalysis(parsed.data, principal, actorOf(request, principal)), { status: 201 });
});
