// What the topic routes share: the {id} path parameter (not a uuid → 404, as a missing topic) and
// the topic or a 404.
import { z } from "zod";
import { notFound } from "@/lib/errors";
import { getSignalTopic, type TTopic } from "@/lib/queries/find-signal-topics";

export type TTopicContext = { params: Promise<{ id: string }> };

export async function topicIdOf(context: TTopicContext): Promise<string> {
  const parsed = z.uuid().safeParse((await context.params).id);
  if (!parsed.success) throw notFound("the signal topic");
  return parsed.data;
}

export async function requireTopic(id: string): Promise<TTopic> {
  const topic = await getSignalTopic(id);
  if (!topic) throw notFound("the signal topic");
  return topic;
}
