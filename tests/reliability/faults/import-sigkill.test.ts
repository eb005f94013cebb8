// SIGKILL during `cli import`: a file is all or nothing ("a killed import leaves no
// partial data"). A CSV of a few thousand cases is imported by the real CLI into a database of
// its own, the process is killed with SIGKILL at a random moment, and the case tables must be
// exactly as before or exactly fully imported — never in between. A job left "running" by a
// killed process must be visible (its clean-up is the app's business and not asserted here).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { closePgPool } from "@/lib/db/pg-pool";
import { runImport } from "@/lib/imports/write/run-import";
import { Prng } from "@/seed/prng";
import { writeReferenceData } from "@/seed/write-reference-data";
import { cliEnv, createServerDatabase, fingerprint, type TFingerprint, type TServerDatabase } from "./fault-helpers";

/** Kills that must land (a trial whose import finished before its kill does not count). */
const MIN_KILLS = 20;
const MAX_TRIALS = 32;
const CASES = 4000;
const PREFIX = "KILL-";
const HEADER =
  "source_id,received_date,onset_date,country,sex,age_years,drugs,max_temp_c,rigidity,mental_status_change,ck_max,outcome,narrative";
const DRUGS = [
  "haloperidol:suspect",
  "olanzapine:suspect;lorazepam:concomitant",
  "risperidone:suspect",
  "metoclopramide:suspect",
  "levodopa:withdrawn",
  "quetiapine:suspect;lithium:interacting",
];
const SEXES = ["M", "F", "U"];
const OUTCOMES = ["recovered", "fatal", "unknown", "recovering"];

const work = mkdtempSync(path.join(os.tmpdir(), "nms-kill-"));
let database: TServerDatabase;
let admin: pg.Client;

/** Varied rows (drugs of every role, missing ages, quoted narratives), deterministic by index. */
function writeCsv(file: string, count: number, prefix: string): void {
  const rng = new Prng(9, 0);
  const lines = [HEADER];
  for (let i = 1; i <= count; i++) {
    const month = String(1 + (i % 12)).padStart(2, "0");
    const age = rng.bernoulli(0.2) ? "" : String(rng.int(12, 90));
    const narrative = rng.bernoulli(0.3) ? `"Fever, rigidity; case ${i}"` : "";
    lines.push(
      `${prefix}${i},2023-${month}-20,2023-${month}-10,${rng.pick(["US", "GB", "DE", "JP"])},${rng.pick(SEXES)},${age},"${rng.pick(DRUGS)}",${(38 + rng.next() * 3).toFixed(1)},${rng.pick(["yes", "no", ""])},yes,${rng.int(200, 40_000)},${rng.pick(OUTCOMES)},${narrative}`,
    );
  }
  writeFileSync(file, `${lines.join("\n")}\n`);
}

/**
 * The trial's cases in a form that does not depend on the run: generated ids, job ids and
 * timestamps left out, each drug keyed by its case's source id.
 */
async function importedContent(): Promise<{ cases: number; drugs: number; md5: string }> {
  const { rows } = await admin.query<{ cases: string; drugs: string; md5: string }>(
    `WITH c AS (SELECT * FROM case_report WHERE source_id LIKE '${PREFIX}%'),
          rows AS (SELECT (to_jsonb(c) - 'id' - 'import_job_id' - 'created_at' - 'updated_at')::text AS r FROM c
                   UNION ALL
                   SELECT c.source_id || (to_jsonb(d) - 'id' - 'case_id')::text FROM case_drug d JOIN c ON c.id = d.case_id)
     SELECT (SELECT count(*) FROM c)::text AS cases,
            (SELECT count(*) FROM case_drug d JOIN c ON c.id = d.case_id)::text AS drugs,
            md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) AS md5 FROM rows`,
  );
  const row = rows[0]!;
  return { cases: Number(row.cases), drugs: Number(row.drugs), md5: row.md5 };
}

/** Every case and drug row outside the trial's file: these must never change. */
const othersFingerprint = async (): Promise<{ cases: string; drugs: string }> => {
  const { rows } = await admin.query<{ cases: string; drugs: string }>(
    `SELECT (SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM case_report t WHERE source_id NOT LIKE '${PREFIX}%') AS cases,
            (SELECT md5(coalesce(string_agg(d::text, E'\\n' ORDER BY d::text), '')) FROM case_drug d JOIN case_report c ON c.id = d.case_id WHERE c.source_id NOT LIKE '${PREFIX}%') AS drugs`,
  );
  return rows[0]!;
};

const countImportAudits = async () =>
  Number((await admin.query<{ n: string }>("SELECT count(*)::text AS n FROM audit_event WHERE entity = 'import'")).rows[0]?.n);
const jobsSince = async (known: ReadonlySet<string>) =>
  (await admin.query<{ id: string; status: string }>("SELECT id::text, status::text FROM import_job ORDER BY started_at")).rows.filter(
    (j) => !known.has(j.id),
  );
const allJobIds = async () => new Set((await admin.query<{ id: string }>("SELECT id::text FROM import_job")).rows.map((j) => j.id));

/** Back to the baseline: the trial's cases go (the audit trail is append-only and stays). */
async function removeTrialCases(): Promise<void> {
  await admin.query(`DELETE FROM case_drug WHERE case_id IN (SELECT id FROM case_report WHERE source_id LIKE '${PREFIX}%')`);
  await admin.query(`DELETE FROM case_report WHERE source_id LIKE '${PREFIX}%'`);
}

type TRun = { exitCode: number | null; signal: NodeJS.Signals | null; elapsedMs: number; stderr: string };

/** Runs `cli import`; `arm` gets a function that SIGKILLs it (a no-op once it has exited). */
function runImportCli(file: string, arm?: (kill: () => void, exited: () => boolean) => void): Promise<TRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/main.ts", "import", file, "--allow-drafts"], {
      env: cliEnv({ DATABASE_URL: database.url }),
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    let done = false;
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.once("error", reject);
    child.once("exit", (exitCode, signal) => {
      done = true;
      resolve({ exitCode, signal, elapsedMs: performance.now() - started, stderr });
    });
    arm?.(
      () => !done && child.kill("SIGKILL"),
      () => done,
    );
  });
}

/** Milliseconds from `started` until `happened` holds (polled), or null if `stop` says so first. */
async function msUntil(happened: () => Promise<boolean>, started: number, stop: () => boolean = () => false): Promise<number | null> {
  for (;;) {
    if (await happened()) return performance.now() - started;
    if (stop()) return null;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  database = await createServerDatabase("kill", { migrate: true });
  process.env.DATABASE_URL = database.url;
  await writeReferenceData();
  // A baseline of other cases, so "as before" also means "nothing else was touched".
  const baseline = path.join(work, "baseline.csv");
  writeCsv(baseline, 300, "BASE-");
  await runImport(baseline, { actor: "kill-test", allowDrafts: true });
  await getPrisma().$disconnect();
  await closePgPool();
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
});

afterAll(async () => {
  await admin?.end();
  await database?.drop();
  rmSync(work, { recursive: true, force: true });
});

describe("SIGKILL during a CSV import", () => {
  it(`leaves the case tables as before or fully imported, in ${MIN_KILLS}+ kills`, async () => {
    const file = path.join(work, "trial.csv");
    writeCsv(file, CASES, PREFIX);
    const baseline = await othersFingerprint();
    const baselineTables: TFingerprint = await fingerprint(database.url, ["case_report", "case_drug"]);

    // One uninterrupted import: the "fully imported" state and how long an import takes.
    let known = await allJobIds();
    const started = performance.now();
    const auditsBefore = await countImportAudits();
    const [reference, jobAt, commitAt] = await Promise.all([
      runImportCli(file),
      msUntil(async () => (await jobsSince(known)).length > 0, started),
      // The import's audit event is written in its transaction: visible = committed.
      msUntil(async () => (await countImportAudits()) > auditsBefore, started),
    ]);
    expect(reference, reference.stderr).toMatchObject({ exitCode: 0 });
    const jobAtMs = jobAt ?? 0;
    const commitAtMs = commitAt ?? reference.elapsedMs;
    const full = await importedContent();
    expect(full.cases).toBe(CASES);
    expect(full.drugs).toBeGreaterThan(CASES);
    await removeTrialCases();
    expect(await fingerprint(database.url, ["case_report", "case_drug"])).toEqual(baselineTables);

    // A third of the kills fall anywhere in the run (start-up included); a third inside the
    // import's transaction (a random time after its job row appears, within the batches); a
    // third just after its commit is visible (before the job is marked succeeded). Start-up is
    // most of a short run, so uniform kills alone would rarely hit the windows that matter.
    const seed = Number(process.env.NMS_KILL_SEED ?? Date.now() % 1_000_000);
    const rng = new Prng(seed, 1);
    const outcomes = { untouched: 0, rolledBack: 0, imported: 0, finishedFirst: 0 };
    let staleJobsSeen = 0;
    let audits = await countImportAudits();
    let trial = 0;
    for (; outcomes.untouched + outcomes.rolledBack + outcomes.imported < MIN_KILLS && trial < MAX_TRIALS; trial++) {
      known = await allJobIds();
      const mode = (["anywhere", "in the transaction", "after the commit"] as const)[trial % 3]!;
      const auditsAtStart = audits;
      const seen = new Set(known);
      let when = "";
      const run = await runImportCli(file, (kill, exited) => {
        const started = performance.now();
        const after = (ms: number) => {
          when = `${(performance.now() - started + ms).toFixed(0)} ms`;
          void sleep(ms).then(kill);
        };
        if (mode === "anywhere") after(rng.uniform(0, reference.elapsedMs));
        else if (mode === "in the transaction")
          void msUntil(async () => (await jobsSince(seen)).length > 0, started, exited).then(
            (at) => at !== null && after(rng.uniform(0, commitAtMs - jobAtMs)),
          );
        else
          void msUntil(async () => (await countImportAudits()) > auditsAtStart, started, exited).then(
            (at) => at !== null && after(rng.uniform(0, 20)),
          );
      });
      const where = `trial ${trial} (seed ${seed}), SIGKILL ${mode} at ${when || "—"}`;

      expect(await othersFingerprint(), where).toEqual(baseline);
      const now = await importedContent();
      const jobs = await jobsSince(known);
      expect(jobs.length, where).toBeLessThanOrEqual(1);
      const auditsNow = await countImportAudits();
      if (now.cases === 0) {
        expect({ cases: now.cases, drugs: now.drugs }, where).toEqual({ cases: 0, drugs: 0 });
        expect(auditsNow, where).toBe(audits); // the import's audit event went with its rows
        if (jobs.length) {
          // Killed inside the import: the job says "running" and nothing else will say otherwise.
          expect(jobs[0]?.status, where).toBe("running");
          staleJobsSeen++;
          outcomes.rolledBack++;
        } else outcomes.untouched++;
      } else {
        expect(now, where).toEqual(full); // every case and drug of the file, none changed
        expect(auditsNow, where).toBe(audits + 1);
        expect(
          jobs.map((j) => j.status),
          where,
        ).toEqual([run.signal ? expect.stringMatching(/^(running|succeeded)$/) : "succeeded"]);
        if (run.signal) outcomes.imported++;
        else outcomes.finishedFirst++;
      }
      audits = auditsNow;
      await removeTrialCases();
    }
    console.log(
      `SIGKILL trials: ${trial} (seed ${seed}), import of ${CASES} cases takes ${reference.elapsedMs.toFixed(0)} ms (job created at ${jobAtMs.toFixed(0)} ms, committed at ${commitAtMs.toFixed(0)} ms); outcomes ${JSON.stringify(outcomes)}`,
    );
    expect(outcomes.untouched + outcomes.rolledBack + outcomes.imported).toBeGreaterThanOrEqual(MIN_KILLS);
    // The trials did reach both sides of the commit: kills that left a job running with no rows,
    // and kills after the commit that left every row.
    expect(staleJobsSeen).toBeGreaterThan(0);
    expect(outcomes.imported).toBeGreaterThan(0);
  });
});
