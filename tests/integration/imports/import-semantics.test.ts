// Import semantics on a real database: all-or-nothing per file, idempotent re-import, a
// follow-up version replaces the stored case in place, --skip-invalid keeps the valid rows and
// reports the rest, and every import leaves a job with its counts.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import type { TRejectRecord } from "@/lib/imports/types";
import { runImport } from "@/lib/imports/write/run-import";
import { writeReferenceData } from "@/seed/write-reference-data";
import { clearCases, openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { tempDir } from "../../helpers/temp-dir";

const HEADER =
  "source_id,received_date,onset_date,country,sex,age_years,drugs,max_temp_c,rigidity,mental_status_change,ck_max,outcome,narrative";
const dir = tempDir("nms-import-");
function csvFile(name: string, rows: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, [HEADER, ...rows].join("\n") + "\n");
  return file;
}

let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
});
afterAll(() => database.close());
beforeEach(() => clearCases());

const caseBySourceId = (sourceId: string) =>
  getPrisma().caseReport.findUniqueOrThrow({ where: { source_sourceId: { source: "csv", sourceId } }, include: { drugs: true } });

describe("canonical CSV import", () => {
  const good = [
    'A-1,2024-03-10,2024-03-01,US,M,34,"HALDOL DECANOATE:suspect;LORAZEPAM:concomitant",40.1,yes,yes,12000,recovered,"Fever, rigidity"',
    "A-2,2024-04-02,2024-03-28,GB,F,,olanzapine:suspect,38.6,yes,,900,fatal,",
    "A-3,2024-05-01,2024-04-20,DE,U,71,levodopa:withdrawn,39.2,no,yes,,unknown,",
  ];

  it("imports a file, maps drugs to the catalogue, and a re-import changes nothing", async () => {
    const file = csvFile("good.csv", good);
    const first = await runImport(file);
    expect(first).toMatchObject({ format: "csv", read: 3, imported: 3, updated: 0, skipped: 0, rejected: 0 });
    expect(first.unmappedDrugs).toEqual(["LORAZEPAM"]);
    const a1 = await caseBySourceId("A-1");
    expect(a1).toMatchObject({ sex: "male", ageYears: 34, maxTempC: 40.1, outcome: "recovered", country: "US" });
    const haldol = a1.drugs.find((d) => d.role === "suspect");
    expect(haldol).toMatchObject({ reportedName: "HALDOL DECANOATE", formulation: "depot" });
    expect(haldol?.catalogueDrugId).not.toBeNull();

    const before = await getPrisma().caseReport.findMany({ orderBy: { sourceId: "asc" } });
    const again = await runImport(file);
    expect(again).toMatchObject({ read: 3, imported: 0, updated: 0, skipped: 3 });
    expect(await getPrisma().caseReport.findMany({ orderBy: { sourceId: "asc" } })).toEqual(before);
    const jobs = await getPrisma().importJob.findMany({ orderBy: { startedAt: "asc" } });
    expect(jobs.map((j) => [j.status, j.read, j.imported, j.skipped])).toEqual([
      ["succeeded", 3, 3, 0],
      ["succeeded", 3, 0, 3],
    ]);
  });

  it("rolls the whole file back when one row is bad, naming the line and column", async () => {
    const file = csvFile("one-bad.csv", [...good, "A-4,2024-02-30,,US,M,40,haloperidol:suspect,,,,,recovered,"]);
    await expect(runImport(file)).rejects.toThrow(/one-bad\.csv line 5, received_date/);
    expect(await getPrisma().caseReport.count()).toBe(0);
    const job = await getPrisma().importJob.findFirstOrThrow();
    expect(job.status).toBe("failed");
    expect(job.errors).toEqual([expect.objectContaining({ line: 5, field: "received_date" })]);
  });

  it("rejects a duplicate id within a file, in the same batch or a later one", async () => {
    const file = csvFile("dup.csv", [good[0]!, good[0]!]);
    await expect(runImport(file)).rejects.toThrow('dup.csv line 3, source_id: "A-1" already appears on line 2');
    // batchSize 2: A-1 (line 2) is written with the first batch; its repeat (line 5) is found
    // in the temporary id table, not in memory.
    const later = csvFile("dup-later.csv", [good[0]!, good[1]!, good[2]!, good[0]!]);
    await expect(runImport(later, { batchSize: 2 })).rejects.toThrow('dup-later.csv line 5, source_id: "A-1" already appears on line 2');
    expect(await getPrisma().caseReport.count()).toBe(0);
    const job = await getPrisma().importJob.findFirstOrThrow({ where: { fileName: "dup-later.csv" } });
    expect(job.errors).toEqual([
      { file: "dup-later.csv", line: 5, record: 4, field: "source_id", message: '"A-1" already appears on line 2' },
    ]);
  });

  it("names an earlier duplicate before a later bad row of the same batch", async () => {
    const file = csvFile("dup-then-bad.csv", [good[0]!, good[1]!, good[0]!, "A-9,2024-02-30,,US,M,40,haloperidol:suspect,,,,,recovered,"]);
    await expect(runImport(file, { batchSize: 3 })).rejects.toThrow("dup-then-bad.csv line 4, source_id");
  });

  it("with skipInvalid rejects each duplicate and keeps the first occurrence", async () => {
    const rejects: TRejectRecord[] = [];
    const file = csvFile("dup-skip.csv", [good[0]!, good[1]!, good[0]!, good[2]!, good[1]!]);
    const result = await runImport(file, { skipInvalid: true, batchSize: 2, onReject: (r) => rejects.push(r) });
    expect(result).toMatchObject({ read: 5, imported: 3, rejected: 2 });
    expect(rejects.map((r) => [r.ref.line, r.field, r.reason])).toEqual([
      [4, "source_id", '"A-1" already appears on line 2'],
      [6, "source_id", '"A-2" already appears on line 3'],
    ]);
    expect(await getPrisma().caseReport.count()).toBe(3);
    expect(await getPrisma().auditEvent.count({ where: { entity: "case" } })).toBe(3);
  });

  it("with skipInvalid imports the valid rows and reports each reject", async () => {
    const rejects: TRejectRecord[] = [];
    const file = csvFile("mixed.csv", [...good, "A-5,2024-01-01,2024-01-02,US,Q,40,haloperidol:suspect,,,,,recovered,"]);
    const result = await runImport(file, { skipInvalid: true, onReject: (r) => rejects.push(r) });
    expect(result).toMatchObject({ imported: 3, rejected: 1 });
    expect(rejects.map((r) => [r.field, r.ref.line])).toEqual([["sex", 5]]);
    expect(await getPrisma().caseReport.count()).toBe(3);
  });
});
