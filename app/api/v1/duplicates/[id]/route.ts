// GET /api/v1/duplicates/{id} — one pair; POST — decide it: {"decision": "duplicate", "master": "<case id>"},
// {"decision": "distinct"}, or {"decision": "candidate"} to undo (409 when the pair's cases changed
// since scoring or someone decided first; 400 when the master is not one of the pair's cases).
import { NextResponse } from "next/server";
import { z } from "zod";
import { notFound, validationError } from "@/lib/errors";
import { actorOf, readJsonBody } from "@/lib/api/request";
import { guarded } from "@/lib/auth/guard";
import { CASE_READERS, CASE_WRITERS } from "@/lib/auth/principal";
import { ZDuplicateDecision, decideDuplicatePair } from "@/lib/duplicates/decide-pair";
import { getDuplicatePair } from "@/lib/queries/find-duplicate-pairs";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

async function pairId(context: Context): Promise<string> {
  const parsed = z.uuid().safeParse((await context.params).id);
  if (!parsed.success) throw notFound("the duplicate pair");
  return parsed.data;
}

export const GET = guarded(CASE_READERS, async (_request: Request, context: Context) => {
  const pair = await getDuplicatePair(await pairId(context));
  if (!pair) throw notFound("the duplicate pair");
  return NextResponse.json(pair);
});

export const POST = guarded(CASE_WRITERS, async (request: Request, context: Context, principal) => {
  const id = await pairId(context);
  const parsed = ZDuplicateDecision.safeParse(await readJsonBody(request));
  if (!parsed.success) throw validationError(parsed.error, "decision");
  await decideDuplicatePair(id, parsed.data, actorOf(request, principal));
  return NextResponse.json(await getDuplicatePair(id));
});
