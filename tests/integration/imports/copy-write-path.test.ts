// The two write paths of an import (lib/imports/write): on a Postgres server batches are sent
// with COPY and moved into the case tables batch by batch inside one transaction for the file
// (copy-stage.ts); the embedded database stages them and moves the file at the end
// (import-stage.ts). A file of many batches must leave the same cases, drugs and audit events
// either way, and an error in a later batch must reject the whole file naming its line and
// field, leaving nothing. The COPY path needs a server: these run with NMS_TEST_POSTGRES_URL.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getPgPool } from "@/lib/db/pg-pool";
import { ImportError } from "@/lib/imports/errors";
import { runImport, type TImportOptions } from "@/lib/imports/write/run-import";
import { writeReferenceData } from "@/seed/write-reference-data";
import { clearCases, openTestDatabase, testServerUrl, type TTestDatabase } from "../../helpers/test-database";

const HEADER =
  "source_id,received_date,onset_date,country,sex,age_years,drugs,max_temp_c,rigidity,mental_status_change,ck_max,outcome,narrative,version,weight_kg";
const DRUGS = [
  '"HALDOL DECANOATE:suspect;LORAZEPAM:concomitant"',
  "olanzapine:suspect",
  '"levodopa:withdrawn;my remedy\\with backslash:concomitant"',
  '"risperidone:suspect;quetiapine:interacting;""quoted"" name:concomitant"',
  "",
];
const NARRATIVES = ['"Fever, rigidity"', "", '"tab\tand\nnewline and \\N and \\\\"', '"quote "" inside"', "plain"];
const OUTCOMES = ["recovered", "fatal", "unknown", "recovering", "not_recovered"];

/** Row i of a file: every fifth row leaves age/sex out (a draft), versions vary. */
function row(i: number, version = 1): string {
  const sex = ["M", "F", "U", "male", ""][i % 5];
  const age = i % 5 === 4 ? "" : String(20 + (i % 60));
  return [
    `P-${i}`,
    `2024-0${1 + (i % 9)}-1${i % 10}`,
    `2024-0${1 + (i % 9)}-0${1 + (i % 9)}`,
    ["US", "GB", "de", ""][i % 4],
    sex,
    age,
    DRUGS[i % DRUGS.length],
    (37.5 + (i % 30) / 10).toFixed(1),
    ["yes", "no", ""][i % 3],
    ["yes", "", "no"][i % 3],
    i % 7 === 0 ? "" : String(500 + i * 37),
    OUTCOMES[i % OUTCOMES.length],
    NARRATIVES[i % NARRATIVES.length],
    String(version),
    i % 3 === 0 ? "" : String(50 + i / 4),
  ].join(",");
}

/** The first line of rows[index] in the file (line 1 is the header; narratives may span lines). */
const lineOf = (rows: readonly string[], index: number) => 2 + rows.slice(0, index).reduce((n, r) => n + r.split("\n").length, 0);

const dir = mkdtempSync(path.join(os.tmpdir(), "nms-copy-path-"));
function csvFile(name: string, rows: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, [HEADER, ...rows].join("\n") + "\n");
  return file;
}

/** Cases, drugs and case audit events, by source id and without ids, timestamps or job ids. */
async function snapshot() {
  const sql = getPgPool();
  const cases = await sql.query(
    `SELECT to_jsonb(c) - 'id' - 'created_at' - 'updated_at' - 'import_job_id' AS c FROM case_report c ORDER BY source_id`,
  );
  const drugs = await sql.query(
    `SELECT c.source_id, to_jsonb(d) - 'id' - 'case_id' AS d FROM case_drug d JOIN case_report c ON c.id = d.case_id
     ORDER BY c.source_id, d.reported_name, d.role`,
  );
  const events = await sql.query(
    `SELECT c.source_id, e.action, e.actor, e.before, e.after, e.after_in_case_row FROM audit_event e
     JOIN case_report c ON c.id::text = e.entity_id WHERE e.entity = 'case' ORDER BY c.source_id, e.id`,
  );
  return { cases: cases.rows, drugs: drugs.rows, events: events.rows };
}

const importBoth = async (file: string, options: TImportOptions) => {
  const copy = await runImport(file, { ...options, writePath: "copy" });
  const copied = await snapshot();
  await clearCases();
  const staged = await runImport(file, { ...options, writePath: "staged" });
  return { copy, staged, copied, stagedSnapshot: await snapshot() };
};

let database: TTestDatabase | undefined;
const server = testServerUrl();
beforeAll(async () => {
  if (!server) return;
  database = await openTestDatabase();
  await writeReferenceData();
});
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  if (server) await clearCases();
});

describe.skipIf(!server)("the COPY write path on a Postgres server", () => {
  const counts = (r: Awaited<ReturnType<typeof runImport>>) => [r.read, r.imported, r.updated, r.skipped, r.rejected];

  it("leaves the same cases, drugs and audit events as the staged path, over many batches, new and follow-up", async () => {
    const first = csvFile(
      "first.csv",
      Array.from({ length: 47 }, (_, i) => row(i)),
    );
    // Follow-ups: higher versions replace, same versions change nothing, new ids are inserted.
    const follow = csvFile(
      "follow.csv",
      Array.from({ length: 53 }, (_, i) => row(i, i % 2 === 0 ? 2 : 1)),
    );
    const options = { allowDrafts: true, batchSize: 6, actor: "tester" };
    const run = async (writePath: "copy" | "staged") => {
      await clearCases();
      const a = await runImport(first, { ...options, writePath });
      const b = await runImport(follow, { ...options, writePath });
      return { results: [counts(a), counts(b)], after: await snapshot() };
    };
    const copy = await run("copy");
    const staged = await run("staged");
    expect(copy.results).toEqual([
      [47, 47, 0, 0, 0],
      [53, 6, 24, 23, 0],
    ]);
    expect(copy.results).toEqual(staged.results);
    expect(copy.after.cases).toHaveLength(53);
    expect(copy.after.events.filter((e: { action: string }) => e.action === "update")).toHaveLength(24);
    expect(copy.after).toEqual(staged.after);
    // The awkward characters arrived as written: tab, newline, backslashes, quotes.
    const narratives = copy.after.cases.map((c: { c: { narrative: string | null } }) => c.c.narrative);
    expect(narratives).toContain("tab\tand\nnewline and \\N and \\\\");
    expect(copy.after.drugs.map((d: { d: { reported_name: string } }) => d.d.reported_name)).toEqual(
      expect.arrayContaining(["my remedy\\with backslash", '"quoted" name']),
    );
  });

  it("rejects the whole file naming the line and field when a later batch holds a bad row, and keeps nothing", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => row(i));
    rows[21] = rows[21]!.replace(/,2024-0(\d)-0(\d),/, ",2024-02-31,"); // an impossible onset date, in the 5th batch
    const file = csvFile("bad-late.csv", rows);
    const error = await runImport(file, { allowDrafts: true, batchSize: 5, writePath: "copy" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ line: lineOf(rows, 21), field: "onset_date" });
    expect(lineOf(rows, 21)).toBeGreaterThan(23); // narratives spanning two lines came before
    const after = await snapshot();
    expect(after).toEqual({ cases: [], drugs: [], events: [] });
    const job = await getPgPool().query(`SELECT status, errors FROM import_job ORDER BY started_at DESC LIMIT 1`);
    expect(job.rows[0]).toMatchObject({
      status: "failed",
      errors: [expect.objectContaining({ line: lineOf(rows, 21), field: "onset_date" })],
    });
  });

  it("names the first line of a source id repeated in a later batch; skipping keeps the rest", async () => {
    const rows = Array.from({ length: 25 }, (_, i) => row(i));
    rows[18] = row(1); // repeats P-1 of line 3, four batches later
    const file = csvFile("repeat.csv", rows);
    const error = await runImport(file, { allowDrafts: true, batchSize: 4, writePath: "copy" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ line: lineOf(rows, 18), field: "source_id", reason: '"P-1" already appears on line 3' });
    expect((await snapshot()).cases).toEqual([]);
    const both = await importBoth(file, { allowDrafts: true, batchSize: 4, skipInvalid: true });
    expect(counts(both.copy)).toEqual([25, 24, 0, 0, 1]);
    expect(counts(both.copy)).toEqual(counts(both.staged));
    expect(both.copied).toEqual(both.stagedSnapshot);
  });
});
