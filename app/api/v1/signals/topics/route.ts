// GET /api/v1/signals/topics?view=mine|all|overdue — the signal review inbox; POST — raise a topic
// from an alert ({"alertId"}) or by hand ({"subjectKind", "subjectKey", "source"}), with optional
// title, assignee and dueDate. Staff only: topics name and link cases (docs/signals.md).
import { NextResponse } from "next/server";
import { validationError } from "@/lib/errors";
import { actorOf, readJsonBody } from "@/lib/api/request";
import { guarded } from "@/lib/auth/guard";
import { CASE_READERS, CASE_WRITERS } from "@/lib/auth/principal";
import { findSignalTopics, getSignalTopic } from "@/lib/queries/find-signal-topics";
import { createTopic } from "@/lib/signals/topics/topic-commands";
import { ZTopicCreate, ZTopicInbox } from "@/lib/signals/topics/topic-schema";

export const dynamic = "force-dynamic";

export const GET = guarded(CASE_READERS, async (request: Request, _context: unknown, principal) => {
  const parsed = ZTopicInbox.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error, "query");
  return NextResponse.json(await findSignalTopics(parsed.data.view, principal.actor));
});

export const POST = guarded(CASE_WRITERS, async (request: Request, _context: unknown, principal) => {
  const parsed = ZTopicCreate.safeParse(await readJsonBody(request));
  if (!parsed.success) throw validationError(parsed.error, "topic");
  const id = await createTopic(parsed.data, actorOf(request, principal));
  return NextResponse.json(await getSignalTopic(id), { status: 201 });
});
