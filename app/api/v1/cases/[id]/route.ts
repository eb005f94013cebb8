// GET /api/v1/cases/{id} — one case with its scores (a nullified one too); PATCH — edit at the
// revision read (409 if stale); DELETE ?revision=N&reason=… — nullify (docs/case-processing.md).
import { NextResponse } from "next/server";
import { z } from "zod";
import { notFound, validationError } from "@/lib/errors";
import { guarded } from "@/lib/auth/guard";
import { CASE_READERS, CASE_WRITERS } from "@/lib/auth/principal";
import { actorOf, readJsonBody } from "@/lib/api/request";
import { nullifyCase, updateCase } from "@/lib/cases/case-commands";
import { ZNullifyCase } from "@/lib/cases/case-actions-schema";
import { parseCasePatch } from "@/lib/domain/case-schema";
import { getCase } from "@/lib/queries/get-case";
import { recordAccess } from "@/lib/audit/record-access";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };
const ZId = z.uuid({ message: "must be a case id (UUID)" });

async function caseId(context: Context): Promise<string> {
  const parsed = ZId.safeParse((await context.params).id);
  if (!parsed.success) throw notFound("the case");
  return parsed.data;
}

export const GET = guarded(CASE_READERS, async (_request: Request, context: Context, principal) => {
  const found = await getCase(await caseId(context));
  if (!found) throw notFound("the case");
  await recordAccess({ kind: "case_view", actor: principal.actor, caseId: found.id, via: "api" });
  return NextResponse.json(found);
});

export const PATCH = guarded(CASE_WRITERS, async (request: Request, context: Context, principal) => {
  const id = await caseId(context);
  const body = await readJsonBody(request);
  let patch;
  try {
    patch = parseCasePatch(body);
  } catch (error) {
    if (error instanceof z.ZodError) throw validationError(error, "case");
    throw error;
  }
  return NextResponse.json(await updateCase(id, patch, actorOf(request, principal)));
});

export const DELETE = guarded(CASE_WRITERS, async (request: Request, context: Context, principal) => {
  const id = await caseId(context);
  const params = new URL(request.url).searchParams;
  const parsed = ZNullifyCase.safeParse({ revision: params.get("revision") ?? undefined, reason: params.get("reason") ?? undefined });
  if (!parsed.success) throw validationError(parsed.error, "query");
  await nullifyCase(id, parsed.data.revision, parsed.data.reason, actorOf(request, principal));
  return new NextResponse(null, { status: 204 });
});
