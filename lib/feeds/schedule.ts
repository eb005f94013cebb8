// Runs the feeds in the app process on NMS_FEED_SCHEDULE (a cron expression, UTC): openFDA then
// FAERS, one at a time; a tick that comes while a run is still going is skipped, not queued.
// Their imports are ordinary import jobs, so the imports page shows them (docs/feeds.md). Several
// app processes on one database may all have the schedule: a tick runs in the one that takes the
// schedule's advisory lock and is skipped in the others (docs/deployment.md); each feed's lease
// (feed-lease.ts) still keeps a CLI run from overlapping it.
import { CronExpressionParser, type CronExpression } from "cron-parser";
import { ConfigError } from "@/lib/db/config";
import { getPgPool } from "@/lib/db/pg-pool";
import { failInterruptedJobs } from "@/lib/imports/write/import-jobs";
import { runFaersFeed } from "./faers/run-faers-feed";
import type { TFeedLog } from "./http-client";
import { runOpenFdaFeed } from "./openfda/run-openfda-feed";

/** The schedule as cron-parser reads it; a bad one is a ConfigError naming the variable. */
export function parseFeedSchedule(expression: string): CronExpression {
  try {
    return CronExpressionParser.parse(expression, { tz: "UTC" });
  } catch (error) {
    throw new ConfigError(`NMS_FEED_SCHEDULE is not a cron expression: ${(error as Error).message} (got "${expression}")`);
  }
}

/** One scheduled run: every feed in turn; one failing does not keep the next from running. */
export async function runAllFeeds(log: TFeedLog): Promise<void> {
  await failInterruptedJobs();
  for (const [name, run] of [
    ["openFDA", () => runOpenFdaFeed({ log })],
    ["FAERS", () => runFaersFeed({ log })],
  ] as const) {
    try {
      await run();
      log(`${name} feed: run complete`);
    } catch (error) {
      log(`${name} feed failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Advisory lock key ("nmsfeeds"): one scheduled run at a time across the app processes on a server. */
const SCHEDULE_LOCK_KEY = "7957143000258536563";

/**
 * A scheduled run, in the one process that holds the schedule's lock (a session lock on one
 * connection: freed when the run ends, or by the server when the process dies); else skipped.
 */
export async function runScheduledFeeds(log: TFeedLog): Promise<void> {
  const client = await getPgPool().connect();
  let broken: Error | undefined;
  const onError = (error: Error) => (broken ??= error);
  client.on("error", onError);
  try {
    const { rows } = await client.query<{ taken: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS taken", [SCHEDULE_LOCK_KEY]);
    if (!rows[0]?.taken) {
      log("feeds: another app process is running the scheduled feeds; this tick is skipped here");
      return;
    }
    try {
      await runAllFeeds(log);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1::bigint)", [SCHEDULE_LOCK_KEY]).catch((error: Error) => (broken ??= error));
    }
  } finally {
    client.removeListener("error", onError);
    client.release(broken);
  }
}

export type TFeedSchedule = { nextRunAt(): Date | null; stop(): Promise<void> };

/** setTimeout's longest delay (~24.8 days); a later tick is reached in steps. */
const MAX_DELAY = 2 ** 31 - 1;

export function startFeedSchedule(
  expression: string,
  options: { log: TFeedLog; run?: (log: TFeedLog) => Promise<void>; now?: () => Date },
): TFeedSchedule {
  parseFeedSchedule(expression); // fail at start, not at the first tick
  const run = options.run ?? runScheduledFeeds;
  const now = options.now ?? (() => new Date());
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let next: Date | null = null;
  let stopped = false;

  const arm = () => {
    if (stopped) return;
    next = CronExpressionParser.parse(expression, { tz: "UTC", currentDate: now() }).next().toDate();
    const wait = () => {
      const delay = (next?.getTime() ?? 0) - now().getTime();
      timer = setTimeout(delay > MAX_DELAY ? wait : tick, Math.max(0, Math.min(delay, MAX_DELAY)));
      timer.unref();
    };
    wait();
  };
  const tick = () => {
    if (running) {
      options.log("feeds: the previous run is still going; this tick is skipped");
    } else {
      options.log("feeds: scheduled run starting");
      running = run(options.log)
        .catch((error: unknown) => options.log(`feeds: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          running = null;
        });
    }
    arm();
  };
  arm();
  return {
    nextRunAt: () => next,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
