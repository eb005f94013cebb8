// The database path holds up under a burst: 50 parallel operations mixing reads, failing
// queries and transactions (committed and rolled back) all settle correctly, and the
// connection stays usable afterwards. On the embedded database this exercises the
// single-session PGlite behind its loopback server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { withTransaction } from "@/lib/db/transaction";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe("concurrent database use", () => {
  it("settles 50 parallel reads, failures and transactions correctly", async () => {
    const prisma = getPrisma();
    const existing = { key: "existing", metric: "fixture", unit: "-", population: "-", period: "-", citation: "fixture" };
    await prisma.baseline.create({ data: existing });
    const operations = Array.from({ length: 50 }, (_, i) => {
      switch (i % 5) {
        case 0:
          return prisma.$queryRaw<{ n: number }[]>`SELECT ${i}::int AS n`.then((rows) => ({ kind: "read", ok: rows[0]?.n === i }));
        case 1:
          return prisma.$queryRawUnsafe("SELECT 1 / 0").then(
            () => ({ kind: "failing", ok: false }),
            (error: Error) => ({ kind: "failing", ok: /division by zero/.test(error.message) }),
          );
        case 2:
          return withTransaction(async ({ prisma: tx }) => {
            await tx.baseline.create({
              data: { key: `committed-${i}`, metric: "test", unit: "-", population: "-", period: "-", citation: "test" },
            });
            return tx.baseline.count({ where: { key: `committed-${i}` } });
          }).then((count) => ({ kind: "commit", ok: count === 1 }));
        case 3:
          return withTransaction(async ({ prisma: tx }) => {
            await tx.baseline.create({
              data: { key: `rolled-back-${i}`, metric: "test", unit: "-", population: "-", period: "-", citation: "test" },
            });
            throw new Error("abort on purpose");
          }).then(
            () => ({ kind: "rollback", ok: false }),
            (error: Error) => ({ kind: "rollback", ok: error.message === "abort on purpose" }),
          );
        default:
          return prisma.baseline
            .create({ data: existing })
            .then(
              () => ({ kind: "conflict", ok: false }),
              (error: Error) => ({ kind: "conflict", ok: /Unique constraint|unique/i.test(error.message) }),
            )
            .catch(() => ({ kind: "conflict", ok: false }));
      }
    });
    const results = await Promise.all(operations);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results).toHaveLength(50);
    const keys = (await prisma.baseline.findMany({ where: { metric: "test" }, select: { key: true } })).map((b) => b.key).sort();
    expect(keys).toEqual(Array.from({ length: 10 }, (_, j) => `committed-${j * 5 + 2}`).sort());
    expect(await prisma.$queryRaw<{ ok: number }[]>`SELECT 1::int AS ok`).toEqual([{ ok: 1 }]);
  });
});
