// `cli feed openfda` killed with SIGKILL, then run again: nothing is lost and nothing counted
// twice. Killed while fetching, the rerun asks for the page after the last complete one; killed
// while importing, the rerun imports the fetched pages again (the killed job failed, rolled back).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getPgPool } from "@/lib/db/pg-pool";
import { writeReferenceData } from "@/seed/write-reference-data";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { feedReportId, sharedDataPresent, startOpenFdaReplay, type TOpenFdaReplay } from "./replay-servers";

const RECORDS = 1200;
const PAGE = 100;
let database: TTestDatabase;
let feedDir: string;
let replay: TOpenFdaReplay;

const query = async <T extends Record<string, unknown>>(sql: string) => (await getPgPool().query<T>(sql)).rows;
const runState = async () =>
  (
    await query<{ state: { run: { pages: number; nextUrl: string | null } | null } }>(`SELECT state FROM feed_state WHERE feed = 'openfda'`)
  )[0]?.state.run ?? null;

function startCli(): { child: ChildProcess; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    NMS_FEED_DIR: feedDir,
    NMS_OPENFDA_URL: replay.base,
    NMS_OPENFDA_REQUESTS_PER_MINUTE: "60000",
    NMS_DEBUG: "",
  };
  delete env.NMS_DATABASE_KIND;
  const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/main.ts", "feed", "openfda", "--page-size", String(PAGE)], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.once("close", (code, signal) => resolve({ code, signal, output })),
  );
  return { child, exit };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function expectAllImportedOnce(): Promise<void> {
  const rows = await query<{ n: string; distinct_ids: string }>(
    `SELECT count(*)::text AS n, count(DISTINCT source_id)::text AS distinct_ids FROM case_report WHERE source = 'openfda'`,
  );
  expect(rows[0]).toEqual({ n: String(RECORDS), distinct_ids: String(RECORDS) });
  const ids = (await query<{ source_id: string }>(`SELECT source_id FROM case_report WHERE source = 'openfda' ORDER BY source_id`)).map(
    (r) => r.source_id,
  );
  expect(ids).toEqual(Array.from({ length: RECORDS }, (_, i) => feedReportId(i)).sort());
}

beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  feedDir = mkdtempSync(path.join(os.tmpdir(), "nms-feed-kill-"));
  replay = await startOpenFdaReplay(RECORDS);
});
afterAll(async () => {
  await replay?.close();
  await database.close();
  rmSync(feedDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await query(`DELETE FROM feed_state`);
  await query(`DELETE FROM case_drug WHERE case_id IN (SELECT id FROM case_report WHERE source = 'openfda')`);
  await query(`DELETE FROM case_report WHERE source = 'openfda'`);
  replay.requests.length = 0;
});

describe.runIf(sharedDataPresent())("openFDA feed killed with SIGKILL", () => {
  it("killed while fetching: the rerun resumes after the last complete page", async () => {
    replay.fault = () => ({ delayMs: 300 }); // slow pages, so the kill lands mid-run
    const first = startCli();
    await until(async () => ((await runState())?.pages ?? 0) >= 4, "four complete pages");
    first.child.kill("SIGKILL");
    expect((await first.exit).signal).toBe("SIGKILL");
    const atKill = await runState();
    expect(atKill?.pages).toBeGreaterThanOrEqual(4);
    expect(atKill?.pages).toBeLessThan(RECORDS / PAGE);
    expect(await query(`SELECT 1 FROM case_report WHERE source = 'openfda'`)).toEqual([]); // nothing imported yet

    replay.fault = () => null;
    await new Promise((r) => setTimeout(r, 500)); // the killed run's request in flight is answered (and logged) first
    const before = replay.requests.length;
    const second = await startCli().exit;
    expect(second.output).toContain(`Resuming the run started`);
    expect(second.code, second.output).toBe(0);
    // The rerun's first request is the page after the last complete one — no page fetched twice.
    const lastDone = atKill!.pages * PAGE - 1;
    expect(replay.requests[before]?.url.searchParams.get("search_after")).toMatch(new RegExp(`;1=${lastDone}$`));
    expect(replay.requests.length - before).toBe(RECORDS / PAGE - atKill!.pages);
    await expectAllImportedOnce();
    expect(await runState()).toBeNull();
  }, 300_000);

  it("killed while importing: the interrupted job fails, the rerun imports the fetched pages", async () => {
    replay.fault = () => null;
    const first = startCli();
    await until(
      async () => (await query(`SELECT 1 FROM import_job WHERE actor = 'feed:openfda' AND status = 'running'`)).length > 0,
      "the import job to run",
      120_000,
    );
    first.child.kill("SIGKILL");
    await first.exit;
    const requests = replay.requests.length;
    const second = await startCli().exit;
    expect(second.code, second.output).toBe(0);
    expect(second.output).toMatch(/was interrupted: marked failed/);
    expect(replay.requests.length).toBe(requests); // every page was on disk already
    await expectAllImportedOnce();
    const jobs = await query<{ status: string }>(`SELECT status::text FROM import_job WHERE actor = 'feed:openfda' ORDER BY started_at`);
    expect(jobs.map((j) => j.status).slice(-2)).toEqual(["failed", "succeeded"]);
  }, 300_000);
});
