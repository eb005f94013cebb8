// Resolves the database for a process that is not started by the serve script (the CLI,
// scripts): DATABASE_URL's server, else the embedded database — through its running owner,
// or owned by this process until `close()`. Publishes the result in DATABASE_URL.
import { readEnv } from "./config";
import { startEmbeddedDatabase } from "./embedded/owner";
import { findRunningOwner } from "./embedded/owner-file";

export type TDatabaseHandle = {
  url: string;
  kind: "embedded" | "postgres";
  /** True when this process owns the embedded database (and must close it). */
  owned: boolean;
  created: boolean;
  /** Migrations applied as this process opened its own embedded database (else none yet). */
  appliedMigrations: string[];
  close(): Promise<void>;
};

export async function connectDatabase(): Promise<TDatabaseHandle> {
  const env = readEnv();
  let handle: TDatabaseHandle;
  if (env.databaseUrl) {
    handle = { url: env.databaseUrl, kind: "postgres", owned: false, created: false, appliedMigrations: [], close: async () => {} };
  } else {
    const ownerUrl = await findRunningOwner(env.dataDir);
    if (ownerUrl) {
      handle = { url: ownerUrl, kind: "embedded", owned: false, created: false, appliedMigrations: [], close: async () => {} };
    } else {
      const embedded = await startEmbeddedDatabase(env.dataDir);
      handle = {
        url: embedded.url,
        kind: "embedded",
        owned: true,
        created: embedded.created,
        appliedMigrations: embedded.appliedMigrations,
        close: () => embedded.close(),
      };
    }
  }
  process.env.DATABASE_URL = handle.url;
  process.env.NMS_DATABASE_KIND = handle.kind;
  return handle;
}
