// DELETE /api/v1/drug-names/mappings/{name} — remove the mapping of a name (any spelling with the
// same normalised text); the cases naming it are re-derived against the catalogue alone.
import { NextResponse } from "next/server";
import { actorOf } from "@/lib/api/request";
import { guarded } from "@/lib/auth/guard";
import { CASE_WRITERS } from "@/lib/auth/principal";
import { deleteMapping } from "@/lib/drug-names/mapping-commands";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ name?: string }> };

export const DELETE = guarded(CASE_WRITERS, async (request: Request, context: TContext, principal) => {
  const { name = "" } = await context.params;
  const result = await deleteMapping(decodeURIComponent(name), actorOf(request, principal));
  return NextResponse.json(result);
});
