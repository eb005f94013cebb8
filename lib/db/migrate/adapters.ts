// Driver adapters for the schema engine. The shadow database is always a throw-away
// in-memory PGlite: adapter-pg's own shadow hook is unsafe in 7.10.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";

const CHAR_OID = 18;
const TEXT_OID = 25;

/**
 * adapter-pg cannot describe Postgres' internal `"char"` type, which the engine's catalogue
 * queries return on Postgres 15; report such columns as text (their values already are).
 */
class CharAsTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's overloaded query signature
  override query(...args: any[]): any {
    const callback: unknown = args.at(-1);
    if (typeof callback === "function") {
      // pg.Pool#query passes a callback: rewrite the result before handing it on.
      args[args.length - 1] = (error: Error | null, result: pg.QueryResult) => {
        if (result) charAsText(result);
        (callback as (e: Error | null, r: pg.QueryResult) => void)(error, result);
      };
    }
    const pending = (super.query as (...a: unknown[]) => unknown)(...(args as unknown[]));
    return pending instanceof Promise ? pending.then((result: pg.QueryResult) => charAsText(result)) : pending;
  }
}

function charAsText(result: pg.QueryResult): pg.QueryResult {
  for (const field of result.fields ?? []) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
  return result;
}

/**
 * pglite-prisma-adapter 0.7.2 does not await `executeScript`, so a failing migration would be
 * recorded as applied; run scripts through PGlite's exec and let failures propagate.
 */
async function connectPglite(db: PGlite, onDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
  const adapter = await new PrismaPGlite(db).connect();
  return Object.assign(Object.create(adapter) as SqlDriverAdapter, {
    executeScript: async (script: string) => {
      await db.exec(script);
    },
    dispose: async () => {
      await adapter.dispose();
      await onDispose?.();
    },
  });
}

async function connectInMemoryShadow(): Promise<SqlDriverAdapter> {
  const shadow = await PGlite.create();
  return connectPglite(shadow, () => shadow.close());
}

/** Adapter factory for a Postgres server at `url`. Call `close()` when done. */
export function serverMigrationAdapter(url: string): SqlMigrationAwareDriverAdapterFactory & { close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: 2, Client: CharAsTextClient });
  const factory = new PrismaPg(pool);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      // adapter-pg splits scripts on ";" and runs the pieces one by one, which breaks function
      // bodies and leaves a failed migration half applied. One simple-protocol query runs the
      // whole script in a single implicit transaction instead.
      return Object.assign(Object.create(adapter) as SqlDriverAdapter, {
        executeScript: async (script: string) => {
          await pool.query(script);
        },
      });
    },
    connectToShadowDb: connectInMemoryShadow,
    close: () => pool.end(),
  };
}

/** Adapter factory for an open PGlite database (Postgres 18 catalogue, introspected natively). */
export function pgliteMigrationAdapter(db: PGlite): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: "postgres",
    adapterName: "pglite-migrate",
    connect: () => connectPglite(db),
    connectToShadowDb: connectInMemoryShadow,
  };
}
