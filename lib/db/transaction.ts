// The one transaction helper. `withTransaction(work)` runs `work` in one database transaction on
// one connection — all of it commits, or none — and hands it both idioms of the access rule
// (docs/architecture.md): `prisma`, Prisma's transaction client for record reads and writes, and
// `sql`, the same connection as a node-postgres client for typed SQL (bulk writes, advisory
// locks, temporary tables). Prisma begins, commits and rolls back; the connection it begins on is
// the one `sql` queries (pg-pool.ts records it as Prisma checks it out of the shared pool).
import type pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "./client";
import { transactionSlot } from "./pg-pool";

export type TTransaction = {
  /** Typed SQL on the transaction's connection (pass it where a `pg.ClientBase` is asked for). */
  sql: pg.PoolClient;
  /** Prisma's models and raw queries on the same connection, in the same transaction. */
  prisma: Prisma.TransactionClient;
};

export type TTransactionOptions = {
  /**
   * A read-only snapshot (REPEATABLE READ READ ONLY): every statement sees the database as of
   * the first one — for readers that must see one consistent state across many statements.
   */
  snapshot?: boolean;
};

/**
 * No limit of Prisma's own on how long a transaction waits for its connection or runs: an
 * import's transaction lasts minutes, and the pool's connection timeout (pg-pool.ts) already
 * bounds the wait. (The largest delay a Node timer accepts.)
 */
const NO_LIMIT_MS = 2_147_483_647;

export async function withTransaction<T>(work: (tx: TTransaction) => Promise<T>, options: TTransactionOptions = {}): Promise<T> {
  const slot: { client?: pg.PoolClient } = {};
  return transactionSlot.run(slot, () =>
    getPrisma().$transaction(
      async (prisma) => {
        const sql = slot.client;
        if (!sql) throw new Error("withTransaction: the transaction's connection was not recorded (is the Prisma client on getPgPool()?)");
        if (options.snapshot) await sql.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
        return work({ sql, prisma });
      },
      { maxWait: NO_LIMIT_MS, timeout: NO_LIMIT_MS },
    ),
  );
}
