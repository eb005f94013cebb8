// Import jobs whose process died: a CLI import killed with SIGKILL leaves its job "running" and
// nothing of its file; the sweep marks such jobs failed (owner's pid gone on this machine, or
// heartbeat stopped), and leaves the jobs of live owners alone.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { writeSyntheticCsv } from "@/bench/synthetic/canonical-csv";
import { getPgPool } from "@/lib/db/pg-pool";
import { INTERRUPTED_MESSAGE, createImportJob, failImportJob, failInterruptedJobs, holdJob } from "@/lib/imports/write/import-jobs";
import { currentJobOwner } from "@/lib/imports/write/job-owner";
import { writeReferenceData } from "@/seed/write-reference-data";
import { clearCases, openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

const dir = mkdtempSync(path.join(os.tmpdir(), "nms-interrupted-"));
let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
});
afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => clearCases());

type TJobRow = { id: string; status: string; errors: unknown; file_name: string };
const jobs = async () =>
  (await getPgPool().query<TJobRow>('SELECT "id", "status", "errors", "file_name" FROM "import_job" ORDER BY "file_name"')).rows;
const statusOf = async (id: string) => (await jobs()).find((j) => j.id === id)?.status;

/** A job row as another process would have left it. */
async function jobOwnedBy(fileName: string, owner: string, heartbeatAgeSeconds: number): Promise<string> {
  const id = await createImportJob({ format: "csv", fileName, status: "running", skipInvalid: false, actor: "test" });
  await getPgPool().query(`UPDATE "import_job" SET "owner" = $2, "heartbeat_at" = now() - make_interval(secs => $3) WHERE "id" = $1`, [
    id,
    owner,
    heartbeatAgeSeconds,
  ]);
  return id;
}

/** The pid of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await once(child, "exit");
  if (child.pid === undefined) throw new Error("no pid");
  return child.pid;
}

const sameMachine = (pid: number) => currentJobOwner().replace(/\/\d+$/, `/${pid}`);

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("interrupted import jobs", () => {
  // On the embedded database too: the import stages its file in short transactions, so this test
  // sees the job "running" (and reads answer) while the CLI imports.
  it("a CLI import killed mid-file leaves its job running and no data; the sweep marks it failed and drops what it staged", async () => {
    const file = path.join(dir, "killed.csv");
    await writeSyntheticCsv(file, { rows: 30_000, seed: 5 });
    const cli = spawn(process.execPath, ["--import", "tsx", "lib/cli/main.ts", "import", file, "--allow-drafts"], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: database.url },
      stdio: "ignore",
    });
    const exited = once(cli, "exit");
    const job = await waitFor(
      async () => (await jobs()).find((j) => j.file_name === "killed.csv" && j.status === "running"),
      "the CLI's job to run",
    );
    // Killed once it has staged part of the file, before it could move it.
    await waitFor(
      async () => ((await getPgPool().query('SELECT 1 FROM "import_staged_case" LIMIT 1')).rowCount ? true : undefined),
      "the CLI to stage a batch",
    );
    cli.kill("SIGKILL");
    await exited;

    expect(await statusOf(job.id)).toBe("running"); // what a dead process leaves behind
    const marked = await failInterruptedJobs();
    expect(marked).toEqual([{ id: job.id, fileName: "killed.csv" }]);
    const [row] = await jobs();
    expect(row).toMatchObject({
      status: "failed",
      errors: [{ file: "killed.csv", line: null, record: null, field: null, message: INTERRUPTED_MESSAGE }],
    });
    const count = async (table: string) =>
      Number((await getPgPool().query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0]?.n);
    expect(await count("case_report")).toBe(0);
    expect(await count("import_staged_case")).toBe(0);
  }, 60_000);

  it("fails the jobs of dead owners and leaves live ones alone", async () => {
    const onServer = database.kind === "postgres";
    const deadHere = await jobOwnedBy("a-dead-pid-here.csv", sameMachine(await deadPid()), 1);
    const silentElsewhere = await jobOwnedBy("b-silent-elsewhere.csv", "other-host/boot/4026531836/4242", 10 * 60);
    const liveElsewhere = await jobOwnedBy("c-live-elsewhere.csv", "other-host/boot/4026531836/4243", 5);
    // A job naming this very process that it does not hold: a previous process with our pid.
    const samePidBefore = await jobOwnedBy("d-same-pid-before.csv", currentJobOwner(), 1);
    const heldHere = await createImportJob({
      format: "csv",
      fileName: "e-held-here.csv",
      status: "queued",
      skipInvalid: false,
      actor: "test",
    });
    const release = holdJob(heldHere);
    try {
      const marked = await failInterruptedJobs();
      // The embedded database judges by pid only: a silent heartbeat there may just be waiting
      // behind another import's transaction.
      const expected = ["a-dead-pid-here.csv", ...(onServer ? ["b-silent-elsewhere.csv"] : []), "d-same-pid-before.csv"];
      expect(marked.map((j) => j.fileName).sort()).toEqual(expected);
      expect(await statusOf(deadHere)).toBe("failed");
      expect(await statusOf(silentElsewhere)).toBe(onServer ? "failed" : "running");
      expect(await statusOf(samePidBefore)).toBe("failed");
      expect(await statusOf(liveElsewhere)).toBe("running");
      expect(await statusOf(heldHere)).toBe("queued");
      // A second sweep finds nothing new: failed jobs stay as they are.
      expect(await failInterruptedJobs()).toEqual([]);
      // On a server the heartbeat alone decides for owners elsewhere: silent for too long → failed.
      const strict = await failInterruptedJobs({ staleAfterMs: 1_000 });
      expect(strict.map((j) => j.fileName).sort()).toEqual(onServer ? ["c-live-elsewhere.csv"] : []);
    } finally {
      release();
    }
    // The embedded database's new owner: nothing unfinished can still be running anywhere.
    const rest = await failInterruptedJobs({ everyUnfinished: true });
    expect(rest.map((j) => j.fileName).sort()).toEqual(
      onServer ? ["e-held-here.csv"] : ["b-silent-elsewhere.csv", "c-live-elsewhere.csv", "e-held-here.csv"],
    );
  });

  it("stores a failure whose message quotes NUL or a lone surrogate, so the job never stays running", async () => {
    const id = await createImportJob({ format: "csv", fileName: "nul.csv", status: "running", skipInvalid: false, actor: "test" });
    await failImportJob(
      id,
      { read: 3, rejected: 0 },
      { file: "nul\u0000.csv", line: null, record: null, field: "drug\uD800", message: "bad byte \u0000 in cell" },
    );
    const { rows } = await getPgPool().query<{ status: string; errors: unknown }>(
      'SELECT "status", "errors" FROM "import_job" WHERE "id" = $1',
      [id],
    );
    expect(rows[0]).toEqual({
      status: "failed",
      errors: [{ file: "nul\\u0000.csv", line: null, record: null, field: "drug\uFFFD", message: "bad byte \\u0000 in cell" }],
    });
  });
});
