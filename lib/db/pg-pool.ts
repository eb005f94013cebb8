// A plain node-postgres pool for bulk work (batched unnest inserts, COPY) that Prisma's
// query API does not express; same DATABASE_URL as the Prisma client.
import pg from "pg";
import { DatabaseNotConfiguredError } from "./client";
import { readEnv } from "./config";

const globalForPool = globalThis as unknown as { nmsPgPool?: { url: string; pool: pg.Pool } };

export function getPgPool(): pg.Pool {
  const url = readEnv().databaseUrl;
  if (!url) throw new DatabaseNotConfiguredError("DATABASE_URL is not set");
  const cached = globalForPool.nmsPgPool;
  if (cached?.url === url) return cached.pool;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("error", () => undefined); // an idle client's error resurfaces on its next use
  globalForPool.nmsPgPool = { url, pool };
  return pool;
}

/** Runs `work` in one transaction on one connection: all of it commits, or none. */
export async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await getPgPool().connect();
  // A checked-out client has no pool listener, and a connection lost mid-transaction (a server
  // restart) emits 'error' on it: unheard, that event is an uncaught exception in the app. The
  // failure reaches the caller anyway through the pending or next query, as a 503.
  let broken: Error | undefined;
  const onError = (error: Error) => (broken ??= error);
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    if (!broken) await client.query("ROLLBACK").catch((rollbackError: Error) => (broken ??= rollbackError));
    throw error;
  } finally {
    client.removeListener("error", onError);
    // A broken connection is destroyed rather than handed to the next caller.
    client.release(broken);
  }
}

export async function closePgPool(): Promise<void> {
  const cached = globalForPool.nmsPgPool;
  globalForPool.nmsPgPool = undefined;
  await cached?.pool.end();
}
