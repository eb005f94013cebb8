// GET /api/v1/analyses/{id} — a saved analysis reopened: the frozen result (validated; a damaged
// one reported), today's numbers beside it and the difference; PATCH renames, describes or
// shares it; DELETE removes it (owner or administrator), both audited (docs/analyses.md).
import { NextResponse } from "next/server";
import { actorOf, readJsonBody } from "@/lib/api/request";
import { guarded } from "@/lib/auth/guard";
import { AGGREGATE_READERS } from "@/lib/auth/principal";
import { validationError } from "@/lib/errors";
import { deleteAnalysis, updateAnalysis } from "@/lib/analyses/analysis-commands";
import { ZAnalysisPatch } from "@/lib/analyses/analysis-schema";
import { openAnalysis } from "@/lib/analyses/get-analysis";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id?: string }> };

export const GET = guarded(AGGREGATE_READERS, async (request: Request, context: TContext, principal) => {
  const { id = "" } = await context.params;
  const compare = new URL(request.url).searchParams.get("compare") !== "false";
  return NextResponse.json(await openAnalysis(id, principal, { compare }), { headers: { "Cache-Control": "no-store" } });
});

export const PATCH = guarded(AGGREGATE_READERS, async (request: Request, context: TContext, principal) => {
  const { id = "" } = await context.params;
  const parsed = ZAnalysisPatch.safeParse(await readJsonBody(request));
  if (!parsed.success) throw validationError(parsed.error, "analysis");
  return NextResponse.json(await updateAnalysis(id, parsed.data, principal, actorOf(request, principal)));
});

export const DELETE = guarded(AGGREGATE_READERS, async (request: Request, context: TContext, principal) => {
  const { id = "" } = await context.params;
  return NextResponse.json(await deleteAnalysis(id, principal, actorOf(request, principal)));
});
