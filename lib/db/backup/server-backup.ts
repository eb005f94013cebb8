// Backup and restore of a Postgres server database with the server's own tools: pg_dump's
// custom format (compressed, restorable table by table) and pg_restore into an EMPTY database.
import { spawn } from "node:child_process";
import { renameSync, rmSync, statSync } from "node:fs";
import pg from "pg";

export class BackupError extends Error {
  override name = "BackupError";
}

/** Query parameters meant for Prisma or pg, not libpq: pg_dump would reject the URL with them. */
const NON_LIBPQ_PARAMS = ["schema", "connection_limit", "pool_timeout", "pgbouncer", "statement_cache_size", "socket_timeout"];

function libpqUrl(url: string): string {
  const parsed = new URL(url);
  for (const name of NON_LIBPQ_PARAMS) parsed.searchParams.delete(name);
  return parsed.toString();
}

const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1)) || "(default)";

/** Runs a PostgreSQL client tool; resolves with its stdout, rejects with its stderr in one line. */
function runTool(tool: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new BackupError(
          error.code === "ENOENT"
            ? `${tool} was not found: install the PostgreSQL client tools (Debian: postgresql-client)`
            : `${tool}: ${error.message}`,
        ),
      ),
    );
    child.once("close", (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new BackupError(`${tool} failed: ${stderr.trim().replace(/\s*\n\s*/g, "; ") || `exit code ${code}`}`)),
    );
  });
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((error: Error) => {
    const { hostname, port } = new URL(url);
    throw new BackupError(`cannot connect to database "${databaseName(url)}" at ${hostname}:${port || 5432}: ${error.message}`);
  });
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** pg_dump refuses servers newer than itself: say so up front, naming both versions. */
async function checkToolVersion(tool: "pg_dump" | "pg_restore", url: string): Promise<void> {
  const toolMajor = Number(/(\d+)(?:\.\d+)?/.exec(await runTool(tool, ["--version"]))?.[1]);
  const serverMajor = await withClient(url, async (c) =>
    Math.floor(Number((await c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]?.v) / 10_000),
  );
  if (!(toolMajor >= serverMajor)) {
    throw new BackupError(
      `${tool} ${toolMajor} cannot handle a PostgreSQL ${serverMajor} server: install the PostgreSQL ${serverMajor} client tools (Debian: postgresql-client-${serverMajor})`,
    );
  }
}

/** pg_dump in custom format to a temporary name, renamed when complete: no half-written backup. */
export async function backupServerDatabase(url: string, file: string): Promise<{ bytes: number; database: string }> {
  await checkToolVersion("pg_dump", url);
  const partial = `${file}.partial`;
  try {
    // pg_dump reads in one REPEATABLE READ snapshot, so the dump is consistent under writes.
    await runTool("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`, `--dbname=${libpqUrl(url)}`]);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  return { bytes: statSync(file).size, database: databaseName(url) };
}

/** Tables, sequences, views and types a database already holds outside the system schemas. */
async function existingObjects(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      `SELECT n.nspname || '.' || c.relname AS name, 0 AS rank FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
       UNION ALL
       SELECT n.nspname || '.' || t.typname, 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE t.typtype IN ('e', 'd') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
       ORDER BY rank, name`, // tables first: they are what the user recognises
    );
    return rows.map((r) => r.name);
  });
}

/**
 * pg_restore into an empty database, in one transaction: all of the backup or nothing. A
 * database that already holds anything is refused — merging a backup into live data would
 * collide on every key, and dropping what is there is for the user to decide.
 */
export async function restoreServerDatabase(url: string, file: string): Promise<{ database: string }> {
  const database = databaseName(url);
  const existing = await existingObjects(url);
  if (existing.length) {
    const shown = existing.slice(0, 5).join(", ") + (existing.length > 5 ? `, … (${existing.length} in all)` : "");
    throw new BackupError(
      `refusing to restore into database "${database}": it is not empty (${shown}). ` +
        "Create an empty database (e.g. `createdb NAME`) and point DATABASE_URL at it",
    );
  }
  await checkToolVersion("pg_restore", url);
  await runTool("pg_restore", [
    "--no-owner",
    "--no-privileges",
    "--exit-on-error",
    "--single-transaction",
    `--dbname=${libpqUrl(url)}`,
    file,
  ]);
  return { database };
}
