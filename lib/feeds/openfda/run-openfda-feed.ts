// `feed openfda`: pages through openFDA's NMS drug-event reports and imports them through the
// openFDA importer, one import job per run (docs/feeds.md). Each complete page is kept on disk
// and the cursor (the next page's URL) in feed_state before the next request, so a run that dies
// resumes at its last complete page; a run that fails imports the pages it has, then stops.
import { mkdirSync } from "node:fs";
import { access, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { readEnv } from "@/lib/db/config";
import { getPgPool } from "@/lib/db/pg-pool";
import { createImportJob } from "@/lib/imports/write/import-jobs";
import { runImport, type TImportResult } from "@/lib/imports/write/run-import";
import { withFeedLease } from "../feed-lease";
import { readFeedState, writeFeedState } from "../feed-state";
import { DEFAULT_POLICY, FeedError, FeedHttpClient, type TFeedLog, type TRetryPolicy } from "../http-client";
import { firstPageUrl, openFdaDate, storableUrl, withApiKey } from "./openfda-query";
import { pagesAsDocument, pageFile } from "./page-files";
import { stagePage } from "./stage-page";

const ZRun = z.object({
  startedAt: z.string(),
  /** The receipt date (YYYYMMDD) the run asks from; null = everything. */
  since: z.string().nullable(),
  /** The next page to fetch (without the API key); null once the last page is in. */
  nextUrl: z.string().nullable(),
  pages: z.number().int().min(0),
  reports: z.number().int().min(0),
  /** Pages 1..importedPages are in the database already (an earlier attempt imported them). */
  importedPages: z.number().int().min(0),
  maxReceipt: z.string().nullable(),
  /** The import job started for pages importedPages+1..throughPage. */
  job: z.object({ id: z.string(), throughPage: z.number().int() }).nullable(),
});
const ZOpenFdaState = z.object({
  run: ZRun.nullable(),
  /** The latest receipt date of the last complete run: the next run asks from there. */
  highWater: z.string().nullable(),
  lastRun: z.object({ finishedAt: z.string(), pages: z.number(), reports: z.number(), jobIds: z.array(z.string()) }).nullable(),
});
type TRun = z.output<typeof ZRun>;
type TState = z.output<typeof ZOpenFdaState>;

export type TOpenFdaFeedOptions = {
  /** YYYY-MM-DD: ask from this receipt date instead of where the last run ended. */
  since?: string;
  /** Reports per page (1–1000; default 1000). */
  pageSize?: number;
  policy?: Partial<TRetryPolicy>;
  log?: TFeedLog;
  onPage?: (page: number, reports: number) => void;
};
export type TOpenFdaFeedResult = { pagesFetched: number; pages: number; reports: number; resumed: boolean; imports: TImportResult[] };

const ACTOR = "feed:openfda";

async function jobSucceeded(jobId: string): Promise<boolean> {
  const { rows } = await getPgPool().query<{ status: string }>(`SELECT "status"::text AS status FROM "import_job" WHERE "id" = $1::uuid`, [
    jobId,
  ]);
  return rows[0]?.status === "succeeded";
}

async function pagesOnDisk(dir: string, from: number, to: number): Promise<boolean> {
  for (let page = from; page <= to; page++) {
    try {
      await access(pageFile(dir, page));
    } catch {
      return false;
    }
  }
  return true;
}

async function clearPages(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[]))
    if (/^page-\d+\.json(\.partial)?$/.test(name)) await rm(path.join(dir, name), { force: true });
}

/** One run; a second one at the same time (another process) stops with a FeedError (feed-lease.ts). */
export function runOpenFdaFeed(options: TOpenFdaFeedOptions = {}): Promise<TOpenFdaFeedResult> {
  return withFeedLease("openfda", () => run(options));
}

async function run(options: TOpenFdaFeedOptions): Promise<TOpenFdaFeedResult> {
  const env = readEnv().feeds;
  const log = options.log ?? (() => undefined);
  const dir = path.join(env.dir, "openfda");
  mkdirSync(dir, { recursive: true });
  const since = options.since !== undefined ? openFdaDate(options.since) : undefined;
  const client = new FeedHttpClient(
    { ...DEFAULT_POLICY, minIntervalMs: Math.ceil(60_000 / env.openFdaRequestsPerMinute), ...options.policy },
    log,
  );
  let state: TState = (await readFeedState("openfda", ZOpenFdaState)) ?? { run: null, highWater: null, lastRun: null };
  const save = () => writeFeedState("openfda", state);

  let resumed = false;
  let run: TRun;
  const unfinished = state.run;
  if (
    unfinished &&
    (since === undefined || since === unfinished.since) &&
    (await pagesOnDisk(dir, unfinished.importedPages + 1, unfinished.pages))
  ) {
    run = unfinished;
    resumed = true;
    log(
      `Resuming the run started ${run.startedAt}: ${run.pages} page(s) (${run.reports} reports) already fetched${run.nextUrl ? "" : ", none left to fetch"}.`,
    );
  } else {
    if (unfinished)
      log(
        unfinished.since !== (since ?? unfinished.since)
          ? "A different --since: the unfinished run is dropped."
          : "The unfinished run's pages are gone from disk: starting it again.",
      );
    await clearPages(dir);
    const from = since ?? state.highWater;
    run = {
      startedAt: new Date().toISOString(),
      since: from,
      nextUrl: storableUrl(firstPageUrl(env.openFdaUrl, { since: from, limit: options.pageSize })),
      pages: 0,
      reports: 0,
      importedPages: 0,
      maxReceipt: null,
      job: null,
    };
    log(from ? `Asking openFDA for NMS reports received from ${from} on.` : "Asking openFDA for every NMS report.");
  }
  state = { ...state, run };
  await save();

  const imports: TImportResult[] = [];
  /** Imports the fetched pages not yet in the database, as one job. */
  const importPages = async () => {
    if (run.job && run.job.throughPage > run.importedPages && (await jobSucceeded(run.job.id))) {
      run.importedPages = run.job.throughPage; // the earlier attempt committed before it died
    }
    if (run.pages <= run.importedPages) return;
    const throughPage = run.pages;
    // The name the imports page shows for the job: which run, which pages.
    const name = `openfda-feed-${run.startedAt.slice(0, 10)}-pages-${run.importedPages + 1}-${throughPage}.json`;
    const jobId = await createImportJob({ format: "openfda", fileName: name, status: "queued", skipInvalid: true, actor: ACTOR });
    run.job = { id: jobId, throughPage };
    await save();
    const input = { name, stream: pagesAsDocument(dir, run.importedPages + 1, throughPage) };
    imports.push(
      await runImport(input, { jobId, format: "openfda", skipInvalid: true, actor: ACTOR, backgroundCounts: false, progressEvery: 1000 }),
    );
    run.importedPages = throughPage;
    await save();
  };

  let pagesFetched = 0;
  try {
    while (run.nextUrl) {
      const page = run.pages + 1;
      const staged = await stagePage(
        client,
        withApiKey(run.nextUrl, env.openFdaApiKey),
        pageFile(dir, page),
        `openFDA page ${page}`,
        env.openFdaUrl,
        log,
      );
      pagesFetched++;
      // The page is on disk before the cursor moves past it: a kill between the two refetches it.
      if (staged.reports > 0) {
        run.pages = page;
        run.reports += staged.reports;
      }
      if (staged.maxReceipt && (!run.maxReceipt || staged.maxReceipt > run.maxReceipt)) run.maxReceipt = staged.maxReceipt;
      run.nextUrl = staged.next ? storableUrl(staged.next) : null;
      await save();
      options.onPage?.(page, staged.reports);
    }
  } catch (error) {
    // Keep what arrived whole: import it now; the cursor stays at the page that failed.
    if (error instanceof FeedError && run.pages > run.importedPages) {
      log(
        `${error.message}\nImporting the ${run.pages - run.importedPages} complete page(s) fetched so far; the next run resumes at page ${run.pages + 1}.`,
      );
      await importPages();
      await clearPages(dir);
    }
    throw error;
  }
  await importPages();
  const highWater =
    [state.highWater, run.maxReceipt]
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null;
  state = {
    run: null,
    highWater,
    lastRun: { finishedAt: new Date().toISOString(), pages: run.pages, reports: run.reports, jobIds: imports.map((i) => i.jobId) },
  };
  await save();
  await clearPages(dir);
  return { pagesFetched, pages: run.pages, reports: run.reports, resumed, imports };
}
