// PATCH /api/v1/alerts/{id} — dismiss an open alert without raising a topic, or take a dismissal back: {"status": "dismissed"|"open", "reason"}.
import { NextResponse } from "next/server";
import { z } from "zod";
import { notFound, validationError } from "@/lib/errors";
import { actorOf, readJsonBody } from "@/lib/api/request";
import { guarded } from "@/lib/auth/guard";
import { CASE_WRITERS } from "@/lib/auth/principal";
import { findAlerts } from "@/lib/queries/find-alerts";
import { changeAlert } from "@/lib/signals/alerts/alert-commands";
import { ZAlertChange } from "@/lib/signals/alerts/alert-schema";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

// Staff who act on signals (safety officers, administrators); researchers get 403 from the guard.
export const PATCH = guarded(CASE_WRITERS, async (request: Request, context: TContext, principal) => {
  const id = z.uuid().safeParse((await context.params).id);
  if (!id.success) throw notFound("the signal alert");
  const parsed = ZAlertChange.safeParse(await readJsonBody(request));
  if (!parsed.success) throw validationError(parsed.error, "change");
  await changeAlert(id.data, parsed.data, actorOf(request, principal));
  const { alerts } = await findAlerts({ status: "all", id: id.data });
  return NextResponse.json(alerts[0]);
});
