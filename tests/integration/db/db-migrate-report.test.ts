// `npm run db:migrate` says what it did: on a database with no tables (a fresh embedded data
// directory, or an empty Postgres database) it lists every migration it applied — the embedded
// database applies them as it opens, which the report once missed ("migrations up to date"
// after applying one) — and a second run says the database is up to date.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createServerDatabase, testServerUrl } from "../../helpers/test-database";
import { tempDir } from "../../helpers/temp-dir";

const MIGRATIONS = readdirSync(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function deploy(env: Record<string, string>): string {
  const { DATABASE_URL: _url, NMS_DATABASE_KIND: _kind, NMS_DATA_DIR: _dir, ...inherited } = process.env;
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/db-migrate.ts", "deploy"], {
    cwd: process.cwd(),
    env: { ...inherited, NMS_DEMO_DATA: "off", ...env },
    encoding: "utf8",
    timeout: 240_000,
  });
  expect(run.status, `db:migrate failed:\n${run.stdout}\n${run.stderr}`).toBe(0);
  return run.stdout;
}

describe("npm run db:migrate", () => {
  it("lists the migrations it applied, then says the database is up to date", async () => {
    const serverUrl = testServerUrl();
    const created = serverUrl ? await createServerDatabase(serverUrl, "nms_migrate_report") : null;
    const env: Record<string, string> = created
      ? { DATABASE_URL: created.url }
      : { NMS_DATA_DIR: path.join(tempDir("nms-migrate-report-"), "data") };
    try {
      const first = deploy(env);
      const applied = /Applied to the (?:embedded database|Postgres server): (.*)/.exec(first)?.[1]?.split(", ");
      expect(applied, first).toEqual(MIGRATIONS);
      expect(deploy(env)).toMatch(/migrations up to date/);
    } finally {
      await created?.drop();
    }
  }, 600_000);
});
