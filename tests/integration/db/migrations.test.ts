// The migrations, schema.prisma and a freshly migrated database must agree; a failed
// migration must leave the schema as it was and stop the next deploy (as native Prisma does).
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { pgliteMigrationAdapter, serverMigrationAdapter } from "@/lib/db/migrate/adapters";
import { deployMigrations, diffDatabaseToSchema, diffMigrationsToSchema } from "@/lib/db/migrate/migrate";
import { MIGRATIONS_DIR, SCHEMA_PATH } from "@/lib/db/migrate/migrations-dir";
import { testServerUrl } from "../../helpers/test-database";
import { tempDir } from "../../helpers/temp-dir";

type Target = { adapter: SqlMigrationAwareDriverAdapterFactory; query(sql: string): Promise<unknown[]>; close(): Promise<void> };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** An empty database on the configured backend, not yet migrated. */
async function emptyTarget(): Promise<Target> {
  const serverUrl = testServerUrl();
  if (!serverUrl) {
    const db = await PGlite.create();
    const target = {
      adapter: pgliteMigrationAdapter(db),
      query: async (sql: string) => (await db.query(sql)).rows,
      close: () => db.close(),
    };
    cleanups.push(target.close);
    return target;
  }
  const name = `nms_migr_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const adapter = serverMigrationAdapter(url.toString());
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const target = {
    adapter,
    query: async (sql: string) => (await client.query(sql)).rows as unknown[],
    close: async () => {
      await client.end();
      await adapter.close();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
  cleanups.push(target.close);
  return target;
}

describe("migrations", () => {
  it("agree with schema.prisma, and a migrated database agrees with both", async () => {
    const target = await emptyTarget();
    const applied = await deployMigrations(target.adapter);
    expect(applied.length).toBeGreaterThan(0);
    expect(await diffMigrationsToSchema(target.adapter)).toBe("");
    expect(await diffDatabaseToSchema(target.adapter)).toBe("");
    const rows = (await target.query("SELECT migration_name, checksum, finished_at FROM _prisma_migrations")) as {
      checksum: string;
      finished_at: Date | null;
    }[];
    expect(rows).toHaveLength(applied.length);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum) && r.finished_at !== null)).toBe(true);
    expect(await deployMigrations(target.adapter)).toEqual([]); // idempotent
  });

  it("detects a field added to schema.prisma without a migration", async () => {
    const target = await emptyTarget();
    await deployMigrations(target.adapter);
    const dir = tempDir("nms-migrations-");
    const schemaPath = path.join(dir, "schema.prisma");
    const schema = readFileSync(SCHEMA_PATH, "utf8").replace(
      "  narrative           String?\n",
      "  narrative           String?\n  driftProbe          Int?\n",
    );
    expect(schema).toContain("driftProbe");
    writeFileSync(schemaPath, schema);
    expect(await diffMigrationsToSchema(target.adapter, { schemaPath })).toMatch(/ADD COLUMN\s+"driftProbe"/);
    expect(await diffDatabaseToSchema(target.adapter, { schemaPath })).toMatch(/ADD COLUMN\s+"driftProbe"/);
  });

  it("rolls a failing migration back, names it, and refuses the next deploy", async () => {
    const target = await emptyTarget();
    const migrationsDir = tempDir("nms-migrations-");
    cpSync(MIGRATIONS_DIR, migrationsDir, { recursive: true });
    const broken = "29990101000000_broken_on_purpose";
    mkdirSync(path.join(migrationsDir, broken));
    writeFileSync(
      path.join(migrationsDir, broken, "migration.sql"),
      'ALTER TABLE "case_report" ADD COLUMN "half_done" INTEGER;\nSELECT 1 / 0;\n',
    );
    await expect(deployMigrations(target.adapter, { migrationsDir })).rejects.toThrow(broken);
    const columns = await target.query(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'case_report' AND column_name = 'half_done'",
    );
    expect(columns).toEqual([]);
    const failed = (await target.query(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL",
    )) as { migration_name: string }[];
    expect(failed.map((r) => r.migration_name)).toEqual([broken]);
    await expect(deployMigrations(target.adapter, { migrationsDir })).rejects.toThrow(/P3009|failed migrations/);
  });
});
