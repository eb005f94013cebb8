// `cli backup` / `cli restore` round trips, for a Postgres server database and for the
// embedded one: a database holding every kind of row (seeded cases, imports of two formats with
// their jobs and background counts, users, sessions, tokens, audited edits) is backed up,
// restored into an empty database, and every table compared row for row. Restoring over data,
// across kinds, or backing up an embedded database the app is serving, is refused in words.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createAnalysis } from "@/lib/analyses/analysis-commands";
import { ZAnalysisCreate } from "@/lib/analyses/analysis-schema";
import { createApiToken } from "@/lib/auth/api-tokens";
import { signIn } from "@/lib/auth/sessions";
import { createUser } from "@/lib/auth/users";
import { createCase, nullifyCase, updateCase } from "@/lib/cases/case-commands";
import { getPrisma } from "@/lib/db/client";
import { startEmbeddedDatabase } from "@/lib/db/embedded/owner";
import { saveMapping } from "@/lib/drug-names/mapping-commands";
import { changeTopic, createTopic, linkTopicCase } from "@/lib/signals/topics/topic-commands";
import { ZTopicCreate } from "@/lib/signals/topics/topic-schema";
import { closePgPool, getPgPool } from "@/lib/db/pg-pool";
import { cancelScheduledRollupCompaction } from "@/lib/db/rollup-compaction";
import { ZCaseInput } from "@/lib/domain/case-schema";
import { runImport } from "@/lib/imports/write/run-import";
import { MAIN_QUARTER, quarterFiles } from "../../unit/imports/faers-fixtures";
import { createServerDatabase, fingerprint, runCli, type TCliResult, type TServerDatabase } from "./fault-helpers";

const work = mkdtempSync(path.join(os.tmpdir(), "nms-backup-"));
const databases: TServerDatabase[] = [];
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
  rmSync(work, { recursive: true, force: true });
});

const HEADER =
  "source_id,received_date,onset_date,country,sex,age_years,drugs,max_temp_c,rigidity,mental_status_change,ck_max,outcome,narrative";

/** Rows the seed does not write: accounts, a session, a token, two imports, an audited edit trail. */
async function addEveryOtherKindOfRow(tag: string): Promise<void> {
  const password = "correct horse battery staple";
  const email = `backup-${tag}@example.org`;
  await createUser({ email, name: "Backup Tester", role: "admin", password });
  await signIn(email, password);
  await createApiToken({ name: `backup-${tag}`, role: "researcher" });
  const csv = path.join(work, `${tag}.csv`);
  writeFileSync(
    csv,
    `${HEADER}\nB-1,2024-03-10,2024-03-01,US,M,34,"haloperidol:suspect;lorazepam:concomitant",40.1,yes,yes,12000,recovered,"Fever, rigidity"\nB-2,2024-04-02,2024-03-28,GB,F,,olanzapine:suspect,38.6,yes,,900,fatal,\n`,
  );
  await runImport(csv, { actor: "backup-test" });
  const quarter = path.join(work, `${tag}-2023Q4`);
  mkdirSync(quarter);
  for (const [file, content] of Object.entries(quarterFiles(MAIN_QUARTER))) writeFileSync(path.join(quarter, file), content);
  await runImport(quarter, { actor: "backup-test" });
  const actor = { name: "backup-test" };
  const input = ZCaseInput.parse({
    sourceId: `BK-${tag}`,
    onsetDate: "2024-05-02",
    receivedDate: "2024-05-09",
    sex: "male",
    ageYears: 31,
    outcome: "recovered",
    drugs: [{ name: "haloperidol", role: "suspect" }],
  });
  const created = await createCase(input, actor);
  await updateCase(created.id, { expectedRevision: 1, outcome: "fatal" }, actor);
  const other = await createCase({ ...input, sourceId: `BK-${tag}-2` }, actor);
  await nullifyCase(other.id, 1, "entered in error", actor);
  // A user's drug-name mapping and a reviewed duplicate pair: user data a backup must keep too.
  await saveMapping({ name: "haloperidolo", drug: "haloperidol" }, actor);
  const twin = await createCase({ ...input, sourceId: `BK-${tag}-3` }, actor);
  const [a, b] = [created.id, twin.id].sort();
  await getPgPool().query(
    `INSERT INTO "duplicate_pair" ("id", "case_a_id", "case_b_id", "revision_a", "revision_b", "score", "status", "later_id")
     VALUES (gen_random_uuid(), $1, $2, 1, 1, 30, 'candidate', $2) ON CONFLICT DO NOTHING`,
    [a, b],
  );
  // Signal work (an alert raised into a topic with a comment and a linked case), a drug outside
  // the catalogue in the EBGM prior's column, and a feed's cursor: rows a backup must keep too.
  const pool = getPgPool();
  await pool.query(
    `INSERT INTO "background_other_drug" ("source", "period", "drug_name", "drug_reports", "nms_reports") VALUES ('faers', '2023Q4', 'LOCAL REMEDY', 12, 1)`,
  );
  await pool.query(
    `INSERT INTO "feed_state" ("feed", "state") VALUES ('openfda', '{"next": "https://api.fda.gov/drug/event.json?search_after=1"}')`,
  );
  const alert = await pool.query<{ id: string }>(
    `INSERT INTO "signal_alert" ("id", "source", "subject_kind", "subject_key", "rule", "methods", "after", "message")
     VALUES (gen_random_uuid(), 'faers', 'drug', 'haloperidol', 'threshold_crossing', '{prr}', '{"a": 3}', 'PRR crossed its threshold') RETURNING id`,
  );
  const topic = await createTopic(ZTopicCreate.parse({ alertId: alert.rows[0]!.id }), actor);
  await changeTopic(topic, { comment: "request follow-up" }, actor);
  await linkTopicCase(topic, created.id, actor);
  // A saved analysis with its frozen answer: a researcher's table must survive a restore byte for byte.
  await createAnalysis(
    ZAnalysisCreate.parse({ kind: "export", name: "Backup table", query: "by=drugClass", freeze: true }),
    { actor: email, role: "admin" },
    actor,
  );
  // The case edits above scheduled a rollup fold in 30 s (lib/db/rollup-compaction.ts): on a slow
  // run it would reopen the pool and fold the source between its backup and the comparison.
  cancelScheduledRollupCompaction();
  await getPrisma().$disconnect();
  await closePgPool();
}

/** Tables empty whenever no import is running: an import's staged cases, dropped once moved. */
const EMPTY_BETWEEN_IMPORTS = new Set(["import_staged_case"]);

/** Tables that must hold rows for the comparison to mean something. */
function expectEveryTableFilled(tables: Record<string, { rows: number }>): void {
  const empty = Object.entries(tables)
    .filter(([name, t]) => t.rows === 0 && !EMPTY_BETWEEN_IMPORTS.has(name))
    .map(([name]) => name);
  expect(empty).toEqual([]);
  expect(tables.case_report?.rows).toBeGreaterThan(2000);
}

const expectOk = (result: TCliResult) => expect(result, result.stderr).toMatchObject({ code: 0 });
const expectRefusal = (result: TCliResult, words: RegExp) => {
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(words);
  expect(result.stderr).not.toMatch(/\n\s+at /); // one clear line, no stack trace
};

describe("backup and restore", () => {
  it("round-trips a Postgres server database through pg_dump/pg_restore, into an empty database only", async () => {
    const source = await createServerDatabase("backup_src", { migrate: true });
    const target = await createServerDatabase("backup_dst", { migrate: false });
    databases.push(source, target);
    expectOk(await runCli(["seed", "--cases", "2000"], { DATABASE_URL: source.url }));
    process.env.DATABASE_URL = source.url;
    await addEveryOtherKindOfRow("server");

    const file = path.join(work, "server.dump");
    expectOk(await runCli(["backup", file], { DATABASE_URL: source.url }));
    expectRefusal(await runCli(["backup", file], { DATABASE_URL: source.url }), /already exists/);
    expectOk(await runCli(["restore", file], { DATABASE_URL: target.url }));

    const before = await fingerprint(source.url);
    expectEveryTableFilled(before);
    expect(await fingerprint(target.url)).toEqual(before);

    // The target now holds data: a second restore must not merge into it.
    expectRefusal(
      await runCli(["restore", file], { DATABASE_URL: target.url }),
      /refusing to restore into database "nms_rel_backup_dst_.*": it is not empty \(public\./,
    );
    expect(await fingerprint(target.url)).toEqual(before);
    // A server backup is not an embedded one.
    expectRefusal(
      await runCli(["restore", file], { NMS_DATA_DIR: path.join(work, "never") }),
      /pg_dump backup of a Postgres server database: set DATABASE_URL/,
    );
  });

  it("round-trips the embedded database as a data-directory archive, refusing while the app serves it", async () => {
    const sourceDir = path.join(work, "embedded-src");
    const targetDir = path.join(work, "embedded-dst");
    const env = (dir: string) => ({ NMS_DATA_DIR: dir, DATABASE_URL: undefined });
    expectOk(await runCli(["seed", "--cases", "2000"], env(sourceDir)));

    // This process now owns the database, as a running app would.
    let owner = await startEmbeddedDatabase(sourceDir);
    process.env.DATABASE_URL = owner.url;
    const file = path.join(work, "embedded.tgz");
    try {
      await addEveryOtherKindOfRow("embedded");
      expectRefusal(await runCli(["backup", file], env(sourceDir)), /while the app is running .* stop the app/);
    } finally {
      await owner.close();
    }
    expectOk(await runCli(["backup", file], env(sourceDir)));
    expectOk(await runCli(["restore", file], env(targetDir)));
    expectRefusal(await runCli(["restore", file], env(targetDir)), /refusing to restore into .*embedded-dst: it already holds a database/);

    const read = async (dir: string) => {
      owner = await startEmbeddedDatabase(dir);
      try {
        return await fingerprint(owner.url);
      } finally {
        await owner.close();
      }
    };
    const before = await read(sourceDir);
    expectEveryTableFilled(before);
    expect(await read(targetDir)).toEqual(before);
  });
});
