// Picks what db:migrate works on: DATABASE_URL's server, else the embedded database —
// through its running owner when there is one, otherwise opened here under the lock.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { readEnv } from "../config";
import { acquireDataDirLock } from "../embedded/lock";
import { pgdataDir } from "../embedded/owner";
import { findRunningOwner } from "../embedded/owner-file";
import { pgliteMigrationAdapter, serverMigrationAdapter } from "./adapters";

type Run = (adapter: SqlMigrationAwareDriverAdapterFactory, label: string) => Promise<void>;

async function onServer(url: string, label: string, run: Run): Promise<void> {
  const adapter = serverMigrationAdapter(url);
  try {
    await run(adapter, label);
  } finally {
    await adapter.close();
  }
}

export async function withMigrationAdapter(run: Run): Promise<void> {
  const env = readEnv();
  if (env.databaseUrl) return onServer(env.databaseUrl, "the Postgres server", run);
  const ownerUrl = await findRunningOwner(env.dataDir);
  if (ownerUrl) return onServer(ownerUrl, "the embedded database (through its running owner)", run);
  mkdirSync(env.dataDir, { recursive: true });
  const release = acquireDataDirLock(env.dataDir);
  try {
    const db = await PGlite.create(pgdataDir(env.dataDir));
    try {
      await run(pgliteMigrationAdapter(db), `the embedded database in ${env.dataDir}`);
    } finally {
      await db.close();
    }
  } finally {
    release();
  }
}
