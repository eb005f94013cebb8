// PATCH /api/v1/baselines/{key} — correct a baseline's figures, population, period or citation;
// DELETE — remove it. Administrators only, audited with before and after (docs/epidemiology.md).
import { NextResponse } from "next/server";
import { validationError } from "@/lib/errors";
import { actorOf, readJsonBody } from "@/lib/api/request";
import { deleteBaseline, updateBaseline } from "@/lib/baselines/baseline-commands";
import { guarded } from "@/lib/auth/guard";
import { ADMINS } from "@/lib/auth/principal";
import { ZBaselinePatch } from "@/lib/domain/baseline-schema";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ key?: string }> };

export const PATCH = guarded(ADMINS, async (request: Request, context: TContext, principal) => {
  const { key = "" } = await context.params;
  const parsed = ZBaselinePatch.safeParse(await readJsonBody(request));
  if (!parsed.success) throw validationError(parsed.error, "baseline");
  return NextResponse.json(await updateBaseline(decodeURIComponent(key), parsed.data, actorOf(request, principal)));
});

export const DELETE = guarded(ADMINS, async (request: Request, context: TContext, principal) => {
  const { key = "" } = await context.params;
  return NextResponse.json(await deleteBaseline(decodeURIComponent(key), actorOf(request, principal)));
});
