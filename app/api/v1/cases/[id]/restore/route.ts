// POST /api/v1/cases/{id}/restore with {revision} — reverse a nullification (administrators;
// audited). The case counts again from this transaction on (docs/case-processing.md).
import { NextResponse } from "next/server";
import { z } from "zod";
import { notFound, validationError } from "@/lib/errors";
import { actorOf, readJsonBody } from "@/lib/api/request";
import { guarded } from "@/lib/auth/guard";
import { ADMINS } from "@/lib/auth/principal";
import { restoreCase } from "@/lib/cases/case-commands";
import { ZRestoreCase } from "@/lib/cases/case-actions-schema";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const POST = guarded(ADMINS, async (request: Request, context: Context, principal) => {
  const id = z.uuid().safeParse((await context.params).id);
  if (!id.success) throw notFound("the case");
  const parsed = ZRestoreCase.safeParse(await readJsonBody(request));
  if (!parsed.success) throw validationError(parsed.error, "restoration");
  return NextResponse.json(await restoreCase(id.data, parsed.data.revision, actorOf(request, principal)));
});
