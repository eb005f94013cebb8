// An import job's stored errors quote uploaded text: each is cut to MAX_ERROR_TEXT characters, so
// an attacker's megabyte-long cell never reaches the job table (docs/security.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPgPool } from "@/lib/db/pg-pool";
import { MAX_ERROR_TEXT, createImportJob, failImportJob, writeJobProgress } from "@/lib/imports/write/import-jobs";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const storedErrors = async (id: string) =>
  (
    await getPgPool().query<{ errors: { message: string; field: string | null; file: string }[] }>(
      `SELECT "errors" FROM "import_job" WHERE "id" = $1`,
      [id],
    )
  ).rows[0]!.errors;

describe("stored import errors", () => {
  it("are bounded, for a failed job and for a running job's rejects", async () => {
    const huge = `has unknown value "${"A".repeat(1_000_000)}"`;
    const failed = await createImportJob({ format: "csv", fileName: "attack.csv", status: "running", skipInvalid: false, actor: "test" });
    await failImportJob(
      failed,
      { read: 1, rejected: 1 },
      { file: "attack.csv", line: 2, record: 1, field: "x".repeat(10_000), message: huge },
    );
    const [error] = await storedErrors(failed);
    expect(error!.message.length).toBeLessThanOrEqual(MAX_ERROR_TEXT);
    expect(error!.message.startsWith("has unknown value")).toBe(true);
    expect(error!.field!.length).toBeLessThanOrEqual(MAX_ERROR_TEXT);

    const running = await createImportJob({ format: "csv", fileName: "attack.csv", status: "running", skipInvalid: true, actor: "test" });
    const rejects = Array.from({ length: 3 }, (_, i) => ({ file: "attack.csv", line: i + 2, record: i + 1, field: "sex", message: huge }));
    await writeJobProgress(running, { read: 3, imported: 0, updated: 0, skipped: 0, rejected: 3 }, rejects);
    expect((await storedErrors(running)).every((e) => e.message.length <= MAX_ERROR_TEXT)).toBe(true);
  });
});
