// One run of a feed at a time across processes (the app's schedule, a CLI run, another host):
// the run holds a lease row in feed_state ("lease:openfda") naming its process, renewed while it
// runs. A lease whose time is up, or whose process is certainly gone (same machine, pid gone:
// lib/imports/write/job-owner.ts), can be taken over; any other makes the second run stop clearly.
import { getPgPool } from "@/lib/db/pg-pool";
import { currentJobOwner, ownerIsGoneHere } from "@/lib/imports/write/job-owner";
import { FeedError } from "./http-client";
import type { TFeedName } from "./feed-state";

/** Long enough to outlast an embedded database's import transaction, which blocks every renewal. */
const LEASE_MINUTES = 30;
const RENEW_MS = 60_000;

const leaseKey = (feed: TFeedName) => `lease:${feed}`;

/** Takes the lease where it is free, expired or `staleOwner`'s; true when taken. */
async function take(feed: TFeedName, owner: string, staleOwner: string | null): Promise<boolean> {
  const { rowCount } = await getPgPool().query(
    `INSERT INTO "feed_state" ("feed", "state", "updated_at")
     VALUES ($1, jsonb_build_object('owner', $2::text, 'since', now(), 'until', now() + make_interval(mins => $3)), now())
     ON CONFLICT ("feed") DO UPDATE SET "state" = EXCLUDED."state", "updated_at" = now()
     WHERE ("feed_state"."state"->>'until')::timestamptz < now() OR "feed_state"."state"->>'owner' = $2::text OR "feed_state"."state"->>'owner' = $4::text`,
    [leaseKey(feed), owner, LEASE_MINUTES, staleOwner],
  );
  return rowCount === 1;
}

/** Runs `work` holding the feed's lease; throws a FeedError naming the holder when it is taken. */
export async function withFeedLease<T>(feed: TFeedName, work: () => Promise<T>): Promise<T> {
  const owner = currentJobOwner();
  if (!(await take(feed, owner, null))) {
    const { rows } = await getPgPool().query<{ owner: string; since: string }>(
      `SELECT "state"->>'owner' AS owner, "state"->>'since' AS since FROM "feed_state" WHERE "feed" = $1`,
      [leaseKey(feed)],
    );
    const holder = rows[0];
    if (!holder || !ownerIsGoneHere(holder.owner) || !(await take(feed, owner, holder.owner))) {
      throw new FeedError(
        `the ${feed} feed is already running (process ${holder?.owner ?? "unknown"}, since ${holder?.since ?? "?"}); one run at a time`,
      );
    }
  }
  const renew = setInterval(() => void take(feed, owner, null).catch(() => undefined), RENEW_MS);
  renew.unref();
  try {
    return await work();
  } finally {
    clearInterval(renew);
    await getPgPool()
      .query(`DELETE FROM "feed_state" WHERE "feed" = $1 AND "state"->>'owner' = $2`, [leaseKey(feed), owner])
      .catch(() => undefined);
  }
}
