// Owns the embedded PGlite database: locks the data directory, applies migrations, and
// serves it on a loopback port so the rest of the code only ever talks adapter-pg.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pgliteMigrationAdapter } from "../migrate/adapters";
import { deployMigrations } from "../migrate/migrate";
import { acquireDataDirLock } from "./lock";
import { publishOwner, withdrawOwner } from "./owner-file";
import { WireServer } from "./wire-server";

/** More than any client's pool (8) plus the CLI's, so a burst never hits "too many connections". */
const MAX_CONNECTIONS = 32;

export type TEmbeddedDatabase = {
  url: string;
  /** Migrations applied by this start (empty when the data directory was up to date). */
  appliedMigrations: string[];
  /** True when this start created the data directory's database. */
  created: boolean;
  close(): Promise<void>;
};

/** NMS_EMBEDDED_IDLE_TX_SECONDS (default 60) and NMS_EMBEDDED_MAX_TX_SECONDS (default 1800). */
function embeddedLimits(env: NodeJS.ProcessEnv = process.env): { idleInTransactionMs: number; maxTransactionMs: number } {
  const seconds = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of seconds (got "${raw}")`);
    return value;
  };
  return {
    idleInTransactionMs: seconds("NMS_EMBEDDED_IDLE_TX_SECONDS", 60) * 1000,
    maxTransactionMs: seconds("NMS_EMBEDDED_MAX_TX_SECONDS", 1800) * 1000,
  };
}

export async function startEmbeddedDatabase(dataDir: string): Promise<TEmbeddedDatabase> {
  // Owner-only: the database files, the lock and owner.json (which holds the password).
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const release = acquireDataDirLock(dataDir);
  let db: PGlite | undefined;
  let server: WireServer | undefined;
  try {
    const pgdata = pgdataDir(dataDir);
    const created = !existsSync(path.join(pgdata, "PG_VERSION"));
    db = await PGlite.create(pgdata);
    const appliedMigrations = await deployMigrations(pgliteMigrationAdapter(db));
    // A fresh random password per start: only who can read the 0600 owner.json can connect.
    const password = randomBytes(24).toString("base64url");
    server = new WireServer(db, { host: "127.0.0.1", maxConnections: MAX_CONNECTIONS, password, ...embeddedLimits() });
    const port = await server.start();
    const url = `postgresql://postgres:${password}@127.0.0.1:${port}/postgres?sslmode=disable`;
    publishOwner(dataDir, url);
    const openDb = db;
    const openServer = server;
    let closing: Promise<void> | undefined;
    return {
      url,
      appliedMigrations,
      created,
      close: () =>
        (closing ??= (async () => {
          withdrawOwner(dataDir);
          await openServer.stop();
          await openDb.close();
          release();
        })()),
    };
  } catch (error) {
    await server?.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
    release();
    throw error;
  }
}

export const pgdataDir = (dataDir: string) => path.join(dataDir, "pgdata");
