// GET /api/v1/signals/topics/{id} — a topic with its full history and linked cases; PATCH — change
// its status (freezing the numbers and saved query), assignee, due date and/or add a comment.
import { NextResponse } from "next/server";
import { validationError } from "@/lib/errors";
import { actorOf, readJsonBody } from "@/lib/api/request";
import { guarded } from "@/lib/auth/guard";
import { CASE_READERS, CASE_WRITERS } from "@/lib/auth/principal";
import { requireTopic, topicIdOf, type TTopicContext } from "@/lib/signals/topics/topic-route";
import { changeTopic } from "@/lib/signals/topics/topic-commands";
import { ZTopicChange } from "@/lib/signals/topics/topic-schema";

export const dynamic = "force-dynamic";

export const GET = guarded(CASE_READERS, async (_request: Request, context: TTopicContext) =>
  NextResponse.json(await requireTopic(await topicIdOf(context))),
);

export const PATCH = guarded(CASE_WRITERS, async (request: Request, context: TTopicContext, principal) => {
  const id = await topicIdOf(context);
  const parsed = ZTopicChange.safeParse(await readJsonBody(request));
  if (!parsed.success) throw validationError(parsed.error, "change");
  await changeTopic(id, parsed.data, actorOf(request, principal));
  return NextResponse.json(await requireTopic(id));
});
