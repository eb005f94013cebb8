// Owns the embedded PGlite database: locks the data directory, applies migrations, and
// serves it on a loopback port so the rest of the code only ever talks adapter-pg.
import { existsSync, mkdirSync } from "node:fs";
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

export async function startEmbeddedDatabase(dataDir: string): Promise<TEmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const release = acquireDataDirLock(dataDir);
  let db: PGlite | undefined;
  let server: WireServer | undefined;
  try {
    const pgdata = pgdataDir(dataDir);
    const created = !existsSync(path.join(pgdata, "PG_VERSION"));
    db = await PGlite.create(pgdata);
    const appliedMigrations = await deployMigrations(pgliteMigrationAdapter(db));
    server = new WireServer(db, { host: "127.0.0.1", maxConnections: MAX_CONNECTIONS });
    const port = await server.start();
    const url = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
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
