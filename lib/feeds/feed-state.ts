// Reads and writes a feed's row in feed_state (its cursor and progress between runs). The JSON is
// validated on every read: a row this build cannot read is reported, never silently reset.
import type { z } from "zod";
import { getPgPool } from "@/lib/db/pg-pool";
import { FeedError } from "./http-client";

export type TFeedName = "openfda" | "faers";

export async function readFeedState<S extends z.ZodType>(feed: TFeedName, schema: S): Promise<z.output<S> | null> {
  const { rows } = await getPgPool().query<{ state: unknown }>(`SELECT "state" FROM "feed_state" WHERE "feed" = $1`, [feed]);
  if (!rows[0]) return null;
  const parsed = schema.safeParse(rows[0].state);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FeedError(
      `the stored state of the ${feed} feed is unreadable (${issue?.path.join(".") || "state"}: ${issue?.message}); delete its feed_state row to start the feed afresh`,
    );
  }
  return parsed.data;
}

export async function writeFeedState(feed: TFeedName, state: unknown): Promise<void> {
  await getPgPool().query(
    `INSERT INTO "feed_state" ("feed", "state", "updated_at") VALUES ($1, $2::jsonb, clock_timestamp())
     ON CONFLICT ("feed") DO UPDATE SET "state" = EXCLUDED."state", "updated_at" = EXCLUDED."updated_at"`,
    [feed, JSON.stringify(state)],
  );
}
