// The process's one connection pool (node-postgres) for DATABASE_URL. Prisma's client runs on it
// through @prisma/adapter-pg, and typed SQL (bulk writes, COPY, advisory locks, aggregates that
// need pg's speed) takes connections from it directly — so a process opens at most POOL_SIZE
// connections, not a pool per access idiom (docs/architecture.md, "The database access rule").
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { readEnv } from "./config";

/**
 * One pool for both idioms. Was two (Prisma's 8 and pg's 4, up to 12 connections a process);
 * 10 keeps what an import (its transaction, its progress writer and heartbeat) and the requests
 * served meanwhile need, and the embedded database serves 32.
 */
const POOL_SIZE = 10;

export class DatabaseNotConfiguredError extends Error {
  override name = "DatabaseNotConfiguredError";
}

/**
 * The connection a transaction (lib/db/transaction.ts) is starting on: Prisma checks it out of
 * this pool to run BEGIN, and the first connection taken inside `transactionSlot.run` is recorded
 * so the same transaction can also run typed SQL on it. Kept on globalThis like the pool itself:
 * Next bundles pages and route handlers as separate module instances, and the pool one of them
 * created must consult the slot the other's withTransaction fills (else "not recorded").
 */
export const transactionSlot = ((
  globalThis as unknown as { nmsTransactionSlot?: AsyncLocalStorage<{ client?: pg.PoolClient }> }
).nmsTransactionSlot ??= new AsyncLocalStorage<{ client?: pg.PoolClient }>());

class SharedPool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    if (callback) return super.connect(callback);
    return super.connect().then((client) => {
      const slot = transactionSlot.getStore();
      if (slot && !slot.client) slot.client = client;
      return client;
    });
  }
}

const globalForPool = globalThis as unknown as { nmsPgPool?: { url: string; pool: pg.Pool } };

/** A pool of its own (tests that need a second, independent client); getPgPool() is the shared one. */
export function createPgPool(url: string, max = POOL_SIZE): pg.Pool {
  const pool = new SharedPool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  pool.on("error", () => undefined); // an idle client's error resurfaces on its next use
  return pool;
}

export function getPgPool(): pg.Pool {
  const url = readEnv().databaseUrl;
  if (!url) {
    throw new DatabaseNotConfiguredError(
      "DATABASE_URL is not set: start the app with `npm start` / `npm run dev`, which serve the embedded database",
    );
  }
  const cached = globalForPool.nmsPgPool;
  if (cached?.url === url) return cached.pool;
  const pool = createPgPool(url);
  globalForPool.nmsPgPool = { url, pool };
  return pool;
}

/** Ends the shared pool (after `getPrisma().$disconnect()`, which leaves a pool it was given open). */
export async function closePgPool(): Promise<void> {
  const cached = globalForPool.nmsPgPool;
  globalForPool.nmsPgPool = undefined;
  await cached?.pool.end();
}
