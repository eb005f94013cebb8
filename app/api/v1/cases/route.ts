// GET /api/v1/cases — the line listing (filters, search, sort, pages); POST — create a case.
import { NextResponse } from "next/server";
import { validationError } from "@/lib/errors";
import { actorOf, readJsonBody } from "@/lib/api/request";
import { guarded } from "@/lib/auth/guard";
import { CASE_READERS, CASE_WRITERS } from "@/lib/auth/principal";
import { createCase } from "@/lib/cases/case-commands";
import { ZCaseInput } from "@/lib/domain/case-schema";
import { ZCaseListQuery, findCases } from "@/lib/queries/find-cases";
import { paramsObject } from "@/lib/domain/search-params";

export const dynamic = "force-dynamic";

export const GET = guarded(CASE_READERS, async (request: Request) => {
  const parsed = ZCaseListQuery.safeParse(paramsObject(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error, "query");
  return NextResponse.json(await findCases(parsed.data));
});

export const POST = guarded(CASE_WRITERS, async (request: Request, _context: unknown, principal) => {
  const parsed = ZCaseInput.safeParse(await readJsonBody(request));
  if (!parsed.success) throw validationError(parsed.error, "case");
  const created = await createCase(parsed.data, actorOf(request, principal));
  return NextResponse.json(created, { status: 201, headers: { Location: `/api/v1/cases/${created.id}` } });
});
