// DELETE /api/v1/exposure/{source} — delete one exposure dataset and its strata (administrators), audited.
import { NextResponse } from "next/server";
import { actorOf } from "@/lib/api/request";
import { guarded } from "@/lib/auth/guard";
import { ADMINS } from "@/lib/auth/principal";
import { deleteExposureDataset } from "@/lib/imports/exposure/delete-exposure-dataset";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ source?: string }> };

export const DELETE = guarded(ADMINS, async (request: Request, context: TContext, principal) => {
  const { source = "" } = await context.params;
  return NextResponse.json(await deleteExposureDataset(decodeURIComponent(source), actorOf(request, principal)));
});
