// The one place that builds the Prisma client. Whoever resolved the database (the serve
// script, the CLI, a test) has put its URL in DATABASE_URL; this module never needs to know
// whether that is the embedded database's loopback server or a real Postgres server. The client
// runs on the process's one pool (pg-pool.ts), which typed SQL shares.
import { PrismaPg } from "@prisma/adapter-pg";
import type { Pool } from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { readEnv } from "./config";
import { DatabaseNotConfiguredError, createPgPool, getPgPool } from "./pg-pool";

const globalForPrisma = globalThis as unknown as { nmsPrisma?: { pool: Pool; client: PrismaClient } };

/** A client on a pool of its own (a test's second, independent connection); getPrisma() is the shared one. */
export function createPrisma(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(createPgPool(url), { disposeExternalPool: true }) });
}

/** The shared client for DATABASE_URL (one per process; survives Next's dev reloads). */
export function getPrisma(): PrismaClient {
  const url = readEnv().databaseUrl;
  if (!url) {
    throw new DatabaseNotConfiguredError(
      "DATABASE_URL is not set: start the app with `npm start` / `npm run dev`, which serve the embedded database",
    );
  }
  // A new pool (another DATABASE_URL, or the old one closed by closePgPool) gets a new client.
  const pool = getPgPool();
  const cached = globalForPrisma.nmsPrisma;
  if (cached?.pool === pool) return cached.client;
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  globalForPrisma.nmsPrisma = { pool, client };
  return client;
}

export { DatabaseNotConfiguredError };
export type { PrismaClient };
