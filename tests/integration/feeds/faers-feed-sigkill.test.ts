// `cli feed faers` killed with SIGKILL mid-download, then run again: the rerun asks for the rest of
// the file with a Range request from the bytes already on disk, checks and imports the quarter
// once; a third run skips it without a request.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPgPool } from "@/lib/db/pg-pool";
import { quarterOf, quartersFrom } from "@/lib/feeds/faers/quarters";
import { writeReferenceData } from "@/seed/write-reference-data";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { quarterZip, sharedDataPresent, startFaersReplay, type TFaersReplay } from "./replay-servers";

let database: TTestDatabase;
let feedDir: string;
let replay: TFaersReplay;
/** The quarter before the current one (and any that end while the test runs): all served. */
const FROM = quartersFrom("2000Q1").at(-1)!;
const QUARTERS = quartersFrom(FROM);
const fileOf = (quarter: string) => `faers_ascii_${quarter.slice(0, 4)}q${quarter.slice(5)}.zip`;

function runCli(): { kill: () => void; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    NMS_FEED_DIR: feedDir,
    NMS_FAERS_URL: `${replay.base}/content/Exports`,
    NMS_DEBUG: "",
  };
  delete env.NMS_DATABASE_KIND;
  const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/main.ts", "feed", "faers", "--from", FROM], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  return {
    kill: () => child.kill("SIGKILL"),
    exit: new Promise((resolve) => child.once("close", (code, signal) => resolve({ code, signal, output }))),
  };
}

const partSize = (): number => {
  const dir = path.join(feedDir, "faers");
  const part = existsSync(dir) ? readdirSync(dir).find((n) => n.endsWith(".zip.part")) : undefined;
  return part ? statSync(path.join(feedDir, "faers", part)).size : 0;
};

beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  feedDir = mkdtempSync(path.join(os.tmpdir(), "nms-feed-faers-kill-"));
  replay = await startFaersReplay();
  for (const quarter of [...QUARTERS, quarterOf(new Date())]) replay.files.set(fileOf(quarter), quarterZip(quarter));
});
afterAll(async () => {
  await replay?.close();
  await database.close();
  rmSync(feedDir, { recursive: true, force: true });
});

describe.runIf(sharedDataPresent())("FAERS feed killed with SIGKILL", () => {
  it("resumes the download with Range after the kill and imports the quarter once", async () => {
    const file = fileOf(FROM);
    const size = replay.files.get(file)!.length;
    replay.throttle = { chunk: 1024, delayMs: 40 }; // a long download
    const first = runCli();
    const started = Date.now();
    while (partSize() < 4096) {
      if (Date.now() - started > 120_000) throw new Error("the download never started");
      await new Promise((r) => setTimeout(r, 20));
    }
    first.kill();
    expect((await first.exit).signal).toBe("SIGKILL");
    const kept = partSize();
    expect(kept).toBeGreaterThanOrEqual(4096);
    expect(kept).toBeLessThan(size);

    replay.throttle = null;
    const before = replay.requests.length;
    const second = await runCli().exit;
    expect(second.code, second.output).toBe(0);
    const resumed = replay.requests.slice(before).find((r) => r.url.pathname.endsWith(file));
    expect(resumed?.status).toBe(206);
    expect(resumed?.headers.range).toBe(`bytes=${kept}-`);
    expect(second.output).toContain(`resumed the download at byte ${kept}`);
    const periods = (
      await getPgPool().query<{ period: string }>(`SELECT DISTINCT period FROM background_count WHERE source = 'faers' ORDER BY period`)
    ).rows.map((r) => r.period);
    expect(periods).toEqual(QUARTERS);
    const jobs = (
      await getPgPool().query<{ file_name: string }>(`SELECT file_name FROM import_job WHERE actor = 'feed:faers' AND status = 'succeeded'`)
    ).rows.map((r) => r.file_name);
    expect(jobs.sort()).toEqual(QUARTERS.map(fileOf).sort()); // one job per quarter, none twice

    const third = await runCli().exit;
    expect(third.code, third.output).toBe(0);
    expect(third.output).toContain(`0 quarter(s) imported, ${QUARTERS.length} already in the database`);
  }, 300_000);
});
