// `npm start` / `npm run dev`: opens the database (DATABASE_URL, or the embedded one, which this
// process then owns: migrated, reference data ensured), seeds demo cases on an embedded first
// start, then runs Next as a child that sees only DATABASE_URL.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { readEnv } from "@/lib/db/config";
import { describeReferenceUpgrade, openDatabase } from "@/lib/reference/open-database";
import { fail } from "@/lib/cli/fail";
import { closePgPool } from "@/lib/db/pg-pool";
import { cleanStaleUploads } from "@/lib/imports/upload/clean-stale-uploads";
import { failInterruptedJobs } from "@/lib/imports/write/import-jobs";
import { parseFeedSchedule, startFeedSchedule } from "@/lib/feeds/schedule";
import { seedOnStart } from "@/seed/seed-on-start";

async function main(): Promise<void> {
  const mode = process.argv[2] === "dev" ? "dev" : "start";
  const env = readEnv();
  if (env.feeds.schedule) parseFeedSchedule(env.feeds.schedule); // a bad schedule stops the start before anything opens
  const nextBin = path.resolve("node_modules/next/dist/bin/next");
  if (mode === "start" && !existsSync(".next/BUILD_ID")) {
    throw new Error("no production build found: run `npm run build` first (or `npm run dev`)");
  }
  const database = await openDatabase();
  if (database.kind === "embedded" && !database.owned) {
    // A second server would keep the owner's address, which dies with the owner: every request
    // would answer 503 for ever after the owner restarts (docs/security.md). One server per directory.
    await database.close();
    throw new Error(
      `the embedded database in ${env.dataDir} is already served by another running app; stop it first, or use another NMS_DATA_DIR or a DATABASE_URL`,
    );
  }
  if (database.appliedMigrations.length) console.log(`Applied migrations: ${database.appliedMigrations.join(", ")}`);
  const upgrade = describeReferenceUpgrade(database.reference);
  if (upgrade) console.log(upgrade);
  await seedOnStart({ demoData: env.demoData && database.kind === "embedded" });
  // Imports whose process died stay "running" for ever unless someone says otherwise. Owning a
  // freshly opened embedded database means no other process can have been importing into it.
  const interrupted = await failInterruptedJobs({ everyUnfinished: database.kind === "embedded" && database.owned });
  for (const job of interrupted) console.log(`Import job ${job.id} (${job.fileName}) was interrupted: marked failed.`);
  const staleUploads = cleanStaleUploads();
  if (staleUploads.length) console.log(`Removed ${staleUploads.length} upload temp folder(s) left by stopped processes.`);
  await closePgPool();
  console.log(
    database.kind === "embedded"
      ? `Embedded database in ${env.dataDir}${database.owned ? "" : " (served by another running process)"}`
      : "Using the Postgres server from DATABASE_URL",
  );

  // The feeds run here, beside the database this process opened (docs/feeds.md); a bad
  // NMS_FEED_SCHEDULE stops the start-up with a line naming it.
  const feeds = env.feeds.schedule ? startFeedSchedule(env.feeds.schedule, { log: (line) => console.log(`[feeds] ${line}`) }) : null;
  if (feeds) console.log(`Feeds scheduled (NMS_FEED_SCHEDULE "${env.feeds.schedule}", UTC); next run ${feeds.nextRunAt()?.toISOString()}`);

  // Spawn next directly (not through npx) so SIGTERM reaches it and leaves no orphan.
  const child = spawn(process.execPath, [nextBin, mode, "--port", String(env.port)], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: database.url, NMS_DATABASE_KIND: database.kind },
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    void feeds?.stop(); // no new run; one in progress dies with this process (its job is then marked interrupted)
    child.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  const code = await new Promise<number>((resolve) => child.on("exit", (c, s) => resolve(c ?? (s ? 0 : 1))));
  await database.close();
  // Asked to stop and stopped cleanly: success, whatever code Next chose for the signal.
  process.exit(stopping ? 0 : code);
}

main().catch(fail);
