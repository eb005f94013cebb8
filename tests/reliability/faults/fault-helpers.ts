// Shared by the fault tests: databases of their own on the Postgres server (created and
// dropped here, never the shared ones), the CLI run as a user runs it, and table fingerprints
// that compare two databases row for row without pulling the rows into the test.
import { spawn } from "node:child_process";
import pg from "pg";
import { serverMigrationAdapter } from "@/lib/db/migrate/adapters";
import { deployMigrations } from "@/lib/db/migrate/migrate";

/** The server the CI passes in; locally, the one this machine runs. */
export const serverUrl = (): string => process.env.NMS_TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

export type TServerDatabase = { name: string; url: string; drop(): Promise<void> };

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(sql: string, server: string): Promise<void> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A new database named after its purpose (identifier-safe), empty or migrated; on `server` (default: serverUrl()). */
export async function createServerDatabase(purpose: string, options: { migrate: boolean; server?: string }): Promise<TServerDatabase> {
  const server = options.server ?? serverUrl();
  const name = `nms_rel_${purpose}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`.replace(/[^a-z0-9_]/g, "_");
  await adminQuery(`CREATE DATABASE "${name}"`, server);
  const url = withDatabase(server, name);
  if (options.migrate) {
    const adapter = serverMigrationAdapter(url);
    await deployMigrations(adapter).finally(() => adapter.close());
  }
  return { name, url, drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, server) };
}

export type TCliResult = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/** Runs `npm run cli -- …`'s entry point directly (npm adds a second of start-up and a shell). */
export function runCli(args: string[], env: Record<string, string | undefined>): Promise<TCliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/main.ts", ...args], {
      env: cliEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The test runner's environment minus its database settings, plus the given ones. */
export function cliEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, NMS_DEBUG: "" };
  delete base.DATABASE_URL;
  delete base.NMS_DATABASE_KIND;
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  }
  return base;
}

export type TFingerprint = Record<string, { rows: number; md5: string }>;

/** Every table of the public schema (Prisma's migrations table included). */
export async function listTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  return rows.map((r) => r.name);
}

/**
 * Row count and md5 of each table's rows, as text, in sorted order: equal fingerprints mean the
 * same rows with the same values (ids, timestamps, JSON) whatever the physical order.
 */
export async function fingerprint(url: string, tables?: readonly string[]): Promise<TFingerprint> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result: TFingerprint = {};
    for (const table of tables ?? (await listTables(client))) {
      const { rows } = await client.query<{ rows: string; md5: string }>(
        `SELECT count(*)::text AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM "${table}" t`,
      );
      result[table] = { rows: Number(rows[0]?.rows), md5: rows[0]?.md5 ?? "" };
    }
    return result;
  } finally {
    await client.end();
  }
}
