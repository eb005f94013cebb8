// The one place that builds the Prisma client. Whoever resolved the database (the serve
// script, the CLI, a test) has put its URL in DATABASE_URL; this module never needs to know
// whether that is the embedded database's loopback server or a real Postgres server.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { readEnv } from "./config";

const POOL_SIZE = 8;

const globalForPrisma = globalThis as unknown as { nmsPrisma?: { url: string; client: PrismaClient } };

export class DatabaseNotConfiguredError extends Error {
  override name = "DatabaseNotConfiguredError";
}

export function createPrisma(url: string, poolSize = POOL_SIZE): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
  return new PrismaClient({ adapter });
}

/** The shared client for DATABASE_URL (one per process; survives Next's dev reloads). */
export function getPrisma(): PrismaClient {
  const url = readEnv().databaseUrl;
  if (!url) {
    throw new DatabaseNotConfiguredError(
      "DATABASE_URL is not set: start the app with `npm start` / `npm run dev`, which serve the embedded database",
    );
  }
  const cached = globalForPrisma.nmsPrisma;
  if (cached?.url === url) return cached.client;
  const client = createPrisma(url);
  globalForPrisma.nmsPrisma = { url, client };
  return client;
}

export type { PrismaClient };
