// `cli feed openfda [--since DATE] [--page-size N]` and `cli feed faers [--from 2012Q4]`: one
// run of a feed (docs/feeds.md), reported line by line; exits non-zero when the run fails.
import { z } from "zod";
import { runFaersFeed } from "@/lib/feeds/faers/run-faers-feed";
import { runOpenFdaFeed } from "@/lib/feeds/openfda/run-openfda-feed";
import { describeImport, formatDuration } from "@/lib/imports/import-report";
import { failInterruptedJobs } from "@/lib/imports/write/import-jobs";

export const FEED_USAGE = "feed openfda [--since YYYY-MM-DD] [--page-size N] | feed faers [--from 2012Q4]   (docs/feeds.md)";

const ZFeedArgs = z.discriminatedUnion(
  "feed",
  [
    z.object({
      feed: z.literal("openfda"),
      since: z.string().optional(),
      pageSize: z.coerce.number().int().min(1).max(1000, "--page-size must be at most 1000 (openFDA's limit)").optional(),
      from: z.undefined({ message: "--from is for the faers feed" }),
    }),
    z.object({
      feed: z.literal("faers"),
      from: z.string().optional(),
      since: z.undefined({ message: "--since is for the openfda feed" }),
      pageSize: z.undefined({ message: "--page-size is for the openfda feed" }),
    }),
  ],
  { error: () => `give the feed: ${FEED_USAGE}` },
);

const log = (message: string) => console.log(message);

export async function feedCommand(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<void> {
  const parsed = ZFeedArgs.safeParse({ feed: positionals[0], since: values.since, pageSize: values["page-size"], from: values.from });
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? FEED_USAGE);
  const args = parsed.data;
  for (const job of await failInterruptedJobs())
    log(`Import job ${job.id} (${job.fileName}) was interrupted: marked failed, nothing of it was kept.`);
  const started = Date.now();
  if (args.feed === "openfda") {
    const result = await runOpenFdaFeed({
      since: args.since,
      pageSize: args.pageSize,
      log,
      onPage: (page, reports) => log(`openFDA page ${page}: ${reports} reports`),
    });
    for (const done of result.imports)
      log(`Imported ${done.reportsRead ?? 0} openFDA reports: ${describeImport(done)} (import job ${done.jobId}).`);
    log(
      `openFDA feed done in ${formatDuration((Date.now() - started) / 1000)}: ${result.pagesFetched} page(s) fetched this run, ${result.reports} reports in ${result.pages} page(s)${result.resumed ? " (resumed)" : ""}.`,
    );
    return;
  }
  const result = await runFaersFeed({ from: args.from, log });
  for (const q of result.quarters) {
    if (q.status === "imported" && q.import)
      log(`${q.quarter}: imported ${q.file}: ${describeImport(q.import)} (import job ${q.import.jobId}).`);
  }
  const count = (status: string) => result.quarters.filter((q) => q.status === status).length;
  log(
    `FAERS feed done in ${formatDuration((Date.now() - started) / 1000)}: ${count("imported")} quarter(s) imported, ${count("skipped")} already in the database.`,
  );
}
