// An import stages its file in short transactions and moves it into the case tables in one
// transaction at the end (lib/imports/write/import-stage.ts). So, on the embedded database too
// (one session), a read asked while an import runs is answered before the import goes on — and
// sees nothing of it; a file that fails after batches were staged leaves nothing anywhere; and
// the rows a dead process staged go at the next sweep, while a running job's stay.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { toCaseRows } from "@/lib/cases/to-case-rows";
import { getPrisma } from "@/lib/db/client";
import { getPgPool } from "@/lib/db/pg-pool";
import { ZCaseInput } from "@/lib/domain/case-schema";
import { createImportJob, failInterruptedJobs, holdJob } from "@/lib/imports/write/import-jobs";
import { ImportStage } from "@/lib/imports/write/import-stage";
import { runImport } from "@/lib/imports/write/run-import";
import { getCatalogueIndex } from "@/lib/queries/get-catalogue-index";
import { writeReferenceData } from "@/seed/write-reference-data";
import { clearCases, openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

const HEADER =
  "source_id,received_date,onset_date,country,sex,age_years,drugs,max_temp_c,rigidity,mental_status_change,ck_max,outcome,narrative";
const dir = mkdtempSync(path.join(os.tmpdir(), "nms-staging-"));

/** `count` valid rows S-1…S-count, then the extra rows given. */
function csvFile(name: string, count: number, extra: string[] = []): string {
  const rows = Array.from(
    { length: count },
    (_, i) =>
      `S-${i + 1},2024-03-10,2024-03-01,US,M,34,"haloperidol:suspect;lorazepam:concomitant",40.1,yes,yes,12000,recovered,"Fever, rigidity"`,
  );
  const file = path.join(dir, name);
  writeFileSync(file, [HEADER, ...rows, ...extra].join("\n") + "\n");
  return file;
}

const countOf = async (table: string) =>
  Number((await getPgPool().query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table}"`)).rows[0]?.n);
const stagedRows = () => countOf("import_staged_case");

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

describe("an import that stages its file", () => {
  it("answers a read asked while it runs before it goes on, and the read sees nothing of it", async () => {
    const file = csvFile("big.csv", 600);
    const events: string[] = [];
    let read: Promise<number> | undefined;
    const importing = runImport(file, {
      batchSize: 50,
      onProgress: (counts) => {
        events.push(`staged ${counts.read}`);
        // The dashboard's way to the database (Prisma, its own connection), asked once.
        read ??= getPrisma()
          .caseReport.count()
          .then((cases) => {
            events.push("read answered");
            return cases;
          });
      },
    });
    const result = await importing;
    events.push("import finished");
    expect(result.imported).toBe(600);
    expect(await read).toBe(0); // asked mid-import: none of the file's cases were visible yet
    // The read was answered while batches were still being staged — it did not wait for the
    // import's end, as it did when the whole import was one transaction.
    const answeredAt = events.indexOf("read answered");
    expect(answeredAt).toBeGreaterThan(0);
    expect(events.slice(answeredAt + 1).filter((e) => e.startsWith("staged")).length).toBeGreaterThan(0);
    expect(events.at(-1)).toBe("import finished");
    expect(await getPrisma().caseReport.count()).toBe(600);
    expect(await stagedRows()).toBe(0); // moved, then dropped
  });

  it("leaves nothing when the file fails after batches were staged: no case, drug, audit event or staged row", async () => {
    const auditsBefore = await countOf("audit_event");
    const file = csvFile("late-bad.csv", 300, ["S-301,2024-02-30,,US,M,40,haloperidol:suspect,,,,,recovered,"]);
    await expect(runImport(file, { batchSize: 50 })).rejects.toThrow(/late-bad\.csv line 302, received_date/);
    const repeated = csvFile("late-repeat.csv", 300, [
      "S-7,2024-03-10,2024-03-01,US,M,34,haloperidol:suspect,40.1,yes,yes,12000,recovered,",
    ]);
    await expect(runImport(repeated, { batchSize: 50 })).rejects.toThrow(
      /late-repeat\.csv line 302, source_id: "S-7" already appears on line 8/,
    );
    expect({
      cases: await countOf("case_report"),
      drugs: await countOf("case_drug"),
      audits: await countOf("audit_event"),
      staged: await stagedRows(),
    }).toEqual({
      cases: 0,
      drugs: 0,
      audits: auditsBefore,
      staged: 0,
    });
    const jobs = await getPrisma().importJob.findMany({ select: { status: true } });
    expect(jobs.map((j) => j.status)).toEqual(["failed", "failed"]);
  });

  it("drops what a dead process staged at the next sweep, and keeps a running job's rows", async () => {
    const catalogue = await getCatalogueIndex();
    const stageOne = async (fileName: string, sourceId: string) => {
      const jobId = await createImportJob({ format: "csv", fileName, status: "running", skipInvalid: false, actor: "test" });
      const input = ZCaseInput.parse({
        sourceId,
        onsetDate: "2024-05-02",
        receivedDate: "2024-05-09",
        sex: "male",
        ageYears: 31,
        outcome: "recovered",
        drugs: [{ name: "haloperidol", role: "suspect" }],
      });
      const stage = new ImportStage(jobId);
      stage.add({ sourceId, ref: { file: fileName, line: 2 }, input, rows: toCaseRows(input, catalogue, { importJobId: jobId }) });
      expect(await stage.flush()).toEqual([]);
      return jobId;
    };
    const dead = await stageOne("dead.csv", "D-1");
    const alive = await stageOne("alive.csv", "L-1");
    const release = holdJob(alive); // this process runs it
    // The dead process's job: an owner on this machine under a pid that cannot exist.
    await getPgPool().query(`UPDATE "import_job" SET "owner" = regexp_replace("owner", '/[0-9]+$', '/2147483647') WHERE "id" = $1`, [dead]);
    expect(await stagedRows()).toBe(2);

    const marked = await failInterruptedJobs().finally(release);
    expect(marked.map((j) => j.fileName)).toEqual(["dead.csv"]);
    const left = await getPgPool().query<{ source_id: string }>(`SELECT "source_id" FROM "import_staged_case"`);
    expect(left.rows.map((r) => r.source_id)).toEqual(["L-1"]);
    expect(await countOf("case_report")).toBe(0);
  });
});
