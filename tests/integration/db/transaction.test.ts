// The one transaction helper (lib/db/transaction.ts) and the one pool (lib/db/pg-pool.ts):
// Prisma's models and typed SQL in one withTransaction run on one connection and commit or roll
// back together; a snapshot transaction refuses writes; Prisma runs on the shared pool.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { getPgPool } from "@/lib/db/pg-pool";
import { withTransaction } from "@/lib/db/transaction";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const baseline = (key: string) => ({ key, metric: "test", unit: "-", population: "-", period: "-", citation: "test" });
const stored = async (key: string) => getPrisma().baseline.count({ where: { key } });
const storedDrugName = async (key: string) =>
  Number((await getPgPool().query<{ n: string }>(`SELECT count(*) AS n FROM "drug_name_mapping" WHERE "key" = $1`, [key])).rows[0]?.n);
const insertMapping = `INSERT INTO "drug_name_mapping" ("key", "name", "ignore", "created_by") VALUES ($1, $1, true, 'test')`;

describe("withTransaction", () => {
  it("runs Prisma and typed SQL on one connection, in one transaction", async () => {
    const pids = await withTransaction(async ({ sql, prisma }) => {
      const [viaPrisma] = await prisma.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
      const viaSql = await sql.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      const [prismaTx] = await prisma.$queryRaw<{ xid: string }[]>`SELECT txid_current()::text AS xid`;
      const sqlTx = await sql.query<{ xid: string }>("SELECT txid_current()::text AS xid");
      return { prisma: viaPrisma?.pid, sql: viaSql.rows[0]?.pid, prismaTx: prismaTx?.xid, sqlTx: sqlTx.rows[0]?.xid };
    });
    expect(pids.prisma).toBeTypeOf("number");
    expect(pids.sql).toBe(pids.prisma);
    expect(pids.sqlTx).toBe(pids.prismaTx);
  });

  it("commits both idioms' writes together", async () => {
    const result = await withTransaction(async ({ sql, prisma }) => {
      await prisma.baseline.create({ data: baseline("tx-commit") });
      await sql.query(insertMapping, ["tx-commit"]);
      // Each idiom sees the other's uncommitted write: one transaction.
      return {
        prismaSeesSql: await prisma.drugNameMapping.count({ where: { key: "tx-commit" } }),
        sqlSeesPrisma: (await sql.query(`SELECT 1 FROM "baseline" WHERE "key" = 'tx-commit'`)).rowCount,
      };
    });
    expect(result).toEqual({ prismaSeesSql: 1, sqlSeesPrisma: 1 });
    expect(await stored("tx-commit")).toBe(1);
    expect(await storedDrugName("tx-commit")).toBe(1);
  });

  it("rolls both back when the work throws, and passes the error on", async () => {
    await expect(
      withTransaction(async ({ sql, prisma }) => {
        await prisma.baseline.create({ data: baseline("tx-rollback") });
        await sql.query(insertMapping, ["tx-rollback"]);
        throw new Error("abort on purpose");
      }),
    ).rejects.toThrow("abort on purpose");
    expect(await stored("tx-rollback")).toBe(0);
    expect(await storedDrugName("tx-rollback")).toBe(0);
  });

  it("rolls back a Prisma write when a later SQL statement fails", async () => {
    await expect(
      withTransaction(async ({ sql, prisma }) => {
        await prisma.baseline.create({ data: baseline("tx-sql-fails") });
        await sql.query("SELECT 1 / 0");
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await stored("tx-sql-fails")).toBe(0);
  });

  it("a snapshot transaction is read-only", async () => {
    await expect(withTransaction(({ sql }) => sql.query(insertMapping, ["tx-snapshot"]), { snapshot: true })).rejects.toThrow(/read-only/);
    expect(await storedDrugName("tx-snapshot")).toBe(0);
    const level = await withTransaction(
      async ({ sql }) => (await sql.query<{ l: string }>("SELECT current_setting('transaction_isolation') AS l")).rows[0]?.l,
      {
        snapshot: true,
      },
    );
    expect(level).toBe("repeatable read");
  });

  it("parallel transactions each commit on a connection of their own", async () => {
    const seen = await Promise.all(
      [1, 2, 3].map((i) =>
        withTransaction(async ({ sql, prisma }) => {
          await prisma.baseline.create({ data: baseline(`tx-parallel-${i}`) });
          return (await sql.query(`SELECT 1 FROM "baseline" WHERE "key" = $1`, [`tx-parallel-${i}`])).rowCount;
        }),
      ),
    );
    expect(seen).toEqual([1, 1, 1]);
    expect(await getPrisma().baseline.count({ where: { key: { startsWith: "tx-parallel-" } } })).toBe(3);
  });
});
