// `feed faers`: imports every quarterly FAERS ASCII file the database lacks, oldest first, one
// import job per quarter (NMS cases and background counts, through the FAERS importer). A quarter
// the database holds is skipped; a download resumes where the last one stopped; a ZIP that is
// cut short or corrupt is refused by name, deleted, and nothing of it imported (docs/feeds.md).
import { mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { readEnv } from "@/lib/db/config";
import { runImport, type TImportResult } from "@/lib/imports/write/run-import";
import { withFeedLease } from "../feed-lease";
import { readFeedState, writeFeedState } from "../feed-state";
import { DEFAULT_POLICY, FeedError, FeedHttpClient, type TFeedLog, type TRetryPolicy } from "../http-client";
import { downloadResumable } from "./download";
import { FIRST_FAERS_QUARTER, importedQuarters, parseQuarter, quarterFileName, quartersFrom } from "./quarters";
import { sha256Of, verifyQuarterZip } from "./verify-zip";

const ZFaersState = z.object({
  lastImported: z.object({ quarter: z.string(), jobId: z.string(), sha256: z.string(), bytes: z.number(), at: z.string() }).nullable(),
  /** The quarter the last run stopped at, and why (null after a run that got through). */
  stoppedAt: z.object({ quarter: z.string(), reason: z.string(), at: z.string() }).nullable(),
});
type TFaersState = z.output<typeof ZFaersState>;

export type TFaersFeedOptions = {
  /** The first quarter to consider, e.g. "2012Q4" (the default). */
  from?: string;
  /** "today" for the list of quarters that have ended (tests pin it). */
  now?: Date;
  policy?: Partial<TRetryPolicy>;
  log?: TFeedLog;
};
export type TQuarterOutcome = {
  quarter: string;
  file: string;
  status: "imported" | "skipped" | "not_published";
  bytes?: number;
  resumedFrom?: number;
  import?: TImportResult;
};
export type TFaersFeedResult = { quarters: TQuarterOutcome[] };

const ACTOR = "feed:faers";

/** One run; a second one at the same time (another process) stops with a FeedError (feed-lease.ts). */
export function runFaersFeed(options: TFaersFeedOptions = {}): Promise<TFaersFeedResult> {
  return withFeedLease("faers", () => run(options));
}

async function run(options: TFaersFeedOptions): Promise<TFaersFeedResult> {
  const env = readEnv().feeds;
  const log = options.log ?? (() => undefined);
  const from = parseQuarter(options.from ?? FIRST_FAERS_QUARTER);
  const dir = path.join(env.dir, "faers");
  mkdirSync(dir, { recursive: true });
  const client = new FeedHttpClient({ ...DEFAULT_POLICY, ...options.policy }, log);
  let state: TFaersState = (await readFeedState("faers", ZFaersState)) ?? { lastImported: null, stoppedAt: null };
  const save = (next: TFaersState) => writeFeedState("faers", (state = next));

  const wanted = quartersFrom(from, options.now);
  const imported = await importedQuarters();
  const outcomes: TQuarterOutcome[] = [];
  for (const [index, quarter] of wanted.entries()) {
    const name = quarterFileName(quarter);
    if (imported.has(quarter)) {
      outcomes.push({ quarter, file: name, status: "skipped" });
      continue;
    }
    const target = path.join(dir, name);
    try {
      log(`${quarter}: downloading ${name}`);
      const download = await downloadResumable(
        client,
        `${env.faersUrl}/${name}`,
        target,
        name,
        log,
        options.policy?.retries ?? DEFAULT_POLICY.retries,
      );
      if (download.status === "missing") {
        // The newest quarter appears some weeks after it ends; an older one missing is an error.
        const newest = index >= wanted.length - 1;
        if (!newest) throw new FeedError(`${name} is not on the server (404), although later quarters should be; check NMS_FAERS_URL`);
        log(`${quarter}: ${name} is not published yet`);
        outcomes.push({ quarter, file: name, status: "not_published" });
        break;
      }
      if (download.resumedFrom > 0) log(`${quarter}: resumed the download at byte ${download.resumedFrom}`);
      try {
        await verifyQuarterZip(target, name);
      } catch (error) {
        await rm(target, { force: true }); // a corrupt file must not be resumed or imported later
        throw error;
      }
      const sha256 = await sha256Of(target);
      log(`${quarter}: ${name} is whole (${download.bytes} bytes, sha256 ${sha256.slice(0, 12)}…); importing`);
      const result = await runImport(target, { format: "faers", period: quarter, skipInvalid: true, actor: ACTOR, progressEvery: 5000 });
      await rm(target, { force: true });
      await save({
        lastImported: { quarter, jobId: result.jobId, sha256, bytes: download.bytes, at: new Date().toISOString() },
        stoppedAt: null,
      });
      outcomes.push({ quarter, file: name, status: "imported", bytes: download.bytes, resumedFrom: download.resumedFrom, import: result });
    } catch (error) {
      await save({
        ...state,
        stoppedAt: { quarter, reason: error instanceof Error ? error.message : String(error), at: new Date().toISOString() },
      });
      throw error;
    }
  }
  if (state.stoppedAt) await save({ ...state, stoppedAt: null });
  return { quarters: outcomes };
}
