// A database of the test file's own: a fresh embedded one (default) or, when
// NMS_TEST_POSTGRES_URL is set, a new database on that server, dropped afterwards — never the
// shared `test` database. Migrated with the real migrations and holding the reference data.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { getPrisma } from "@/lib/db/client";
import { startEmbeddedDatabase } from "@/lib/db/embedded/owner";
import { serverMigrationAdapter } from "@/lib/db/migrate/adapters";
import { deployMigrations } from "@/lib/db/migrate/migrate";
import { closePgPool } from "@/lib/db/pg-pool";
import { duplicateScansIdle } from "@/lib/duplicates/scan-queue";
import { ensureReferenceData } from "@/lib/reference/ensure-reference-data";

export type TTestDatabase = { url: string; kind: "embedded" | "postgres"; close(): Promise<void> };

export const testServerUrl = (): string | undefined => process.env.NMS_TEST_POSTGRES_URL || undefined;

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates an empty, migrated database; sets DATABASE_URL so lib code uses it. */
export async function openTestDatabase(): Promise<TTestDatabase> {
  const serverUrl = testServerUrl();
  let handle: TTestDatabase;
  if (serverUrl) {
    const name = `nms_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = withDatabase(serverUrl, name);
    const adapter = serverMigrationAdapter(url);
    await deployMigrations(adapter).finally(() => adapter.close());
    handle = {
      url,
      kind: "postgres",
      close: async () => {
        const dropper = new pg.Client({ connectionString: serverUrl });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await dropper.end();
      },
    };
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), "nms-test-"));
    const embedded = await startEmbeddedDatabase(dir);
    handle = {
      url: embedded.url,
      kind: "embedded",
      close: async () => {
        await embedded.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  process.env.DATABASE_URL = handle.url;
  process.env.NMS_DATABASE_KIND = handle.kind;
  // As every process does when it opens a database (lib/reference/open-database.ts).
  await ensureReferenceData();
  const closeDatabase = () => handle.close();
  return {
    ...handle,
    close: async () => {
      // A duplicate scan queued by the last case write must not outlive its database.
      await duplicateScansIdle();
      await getPrisma().$disconnect();
      await closePgPool();
      await closeDatabase();
    },
  };
}

/** Empties the case tables between tests (reference data stays). */
export async function clearCases(): Promise<void> {
  await getPrisma().$executeRawUnsafe(
    'TRUNCATE "case_drug", "case_report", "import_job", "audit_event", "background_count" RESTART IDENTITY CASCADE',
  );
}
