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

/** A new database with no tables on the test server, and how to drop it (even while in use). */
export async function createServerDatabase(serverUrl: string, prefix = "nms_test"): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const run = async (sql: string) => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  await run(`CREATE DATABASE "${name}"`);
  return { url: withDatabase(serverUrl, name), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** Creates an empty, migrated database; sets DATABASE_URL so lib code uses it. */
export async function openTestDatabase(): Promise<TTestDatabase> {
  const serverUrl = testServerUrl();
  let handle: TTestDatabase;
  if (serverUrl) {
    const created = await createServerDatabase(serverUrl);
    const adapter = serverMigrationAdapter(created.url);
    await deployMigrations(adapter).finally(() => adapter.close());
    handle = { url: created.url, kind: "postgres", close: created.drop };
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
