// GET /api/v1/cases/{id} — one case with its scores; PATCH — edit at the revision read (409 if
// stale); DELETE ?revision=N — soft delete.
import { NextResponse } from "next/server";
import { z } from "zod";
import { notFound, validationError } from "@/lib/api/errors";
import { guarded } from "@/lib/auth/guard";
import { CASE_READERS, CASE_WRITERS } from "@/lib/auth/principal";
import { actorOf, readJsonBody } from "@/lib/api/request";
import { deleteCase, updateCase } from "@/lib/cases/case-commands";
import { parseCasePatch } from "@/lib/domain/case-schema";
import { getCase } from "@/lib/queries/get-case";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };
const ZId = z.uuid({ message: "must be a case id (UUID)" });

async function caseId(context: Context): Promise<string> {
  const parsed = ZId.safeParse((await context.params).id);
  if (!parsed.success) throw notFound("the case");
  return parsed.data;
}

export const GET = guarded(CASE_READERS, async (_request: Request, context: Context) => {
  const found = await getCase(await caseId(context));
  if (!found) throw notFound("the case");
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
  const revision = z.coerce.number({ message: "must be the revision you last read" }).int().min(1).safeParse(new URL(request.url).searchParams.get("revision") ?? undefined);
  if (!revision.success) throw validationError(new z.ZodError(revision.error.issues.map((i) => ({ ...i, path: ["revision"] }))), "query");
  await deleteCase(id, revision.data, actorOf(request, principal));
  return new NextResponse(null, { status: 204 });
});
