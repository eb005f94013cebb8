// POST /api/v1/signals/topics/{id}/cases — link cases (from the drill-down) to the topic: {"caseId"} or {"caseIds": [...]}.
import { NextResponse } from "next/server";
import { validationError } from "@/lib/errors";
import { actorOf, readJsonBody } from "@/lib/api/request";
import { guarded } from "@/lib/auth/guard";
import { CASE_WRITERS } from "@/lib/auth/principal";
import { requireTopic, topicIdOf, type TTopicContext } from "@/lib/signals/topics/topic-route";
import { linkTopicCase, linkTopicCases } from "@/lib/signals/topics/topic-commands";
import { ZTopicCaseLink } from "@/lib/signals/topics/topic-schema";

export const dynamic = "force-dynamic";

export const POST = guarded(CASE_WRITERS, async (request: Request, context: TTopicContext, principal) => {
  const id = await topicIdOf(context);
  const parsed = ZTopicCaseLink.safeParse(await readJsonBody(request));
  if (!parsed.success) throw validationError(parsed.error, "link");
  const actor = actorOf(request, principal);
  if (parsed.data.caseIds) {
    const counts = await linkTopicCases(id, parsed.data.caseIds, actor);
    return NextResponse.json({ ...(await requireTopic(id)), ...counts }, { status: 201 });
  }
  await linkTopicCase(id, parsed.data.caseId!, actor);
  return NextResponse.json(await requireTopic(id), { status: 201 });
});
