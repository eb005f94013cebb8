// The bench's hand-written GROUP BY (bench/baseline-sql.ts) is the yardstick the rollup is timed
// against and the check that the API counts right: on seeded demo cases, every bench query's
// baseline rows must equal the aggregates the API answers, or the bench's "identical" means nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRows, runBaseline, sameRows } from "@/bench/baseline-sql";
import { BENCH_QUERIES } from "@/bench/queries";
import { getPgPool } from "@/lib/db/pg-pool";
import { getAggregates } from "@/lib/queries/aggregates/get-aggregates";
import { ZAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import { writeDemoCases } from "@/seed/write-demo-data";
import { writeReferenceData } from "@/seed/write-reference-data";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  await writeDemoCases(600, { seed: 11 });
  // Rows that must not count: drafts, nullified cases and confirmed duplicates (through the triggers, as the app writes them).
  await getPgPool().query(`UPDATE case_report SET status = 'draft' WHERE id IN (SELECT id FROM case_report ORDER BY id LIMIT 30)`);
  await getPgPool().query(`UPDATE case_report SET deleted_at = now() WHERE id IN (SELECT id FROM case_report ORDER BY id DESC LIMIT 20)`);
  await getPgPool().query(
    `UPDATE case_report SET duplicate_of = (SELECT id FROM case_report ORDER BY id OFFSET 100 LIMIT 1)
     WHERE id IN (SELECT id FROM case_report ORDER BY id OFFSET 200 LIMIT 10)`,
  );
}, 120_000);
afterAll(() => database.close());

describe("the bench's GROUP BY baseline", () => {
  it.each(BENCH_QUERIES)("counts %s as the API does", async (queryString) => {
    const query = ZAggregateQuery.parse(Object.fromEntries(new URLSearchParams(queryString)));
    const answer = await getAggregates(query);
    // A staff answer suppresses no cell, so every count is a number, as the bench's HTTP reader takes it.
    const api = apiRows(answer as unknown as Parameters<typeof apiRows>[0], queryString.includes("then="));
    const client = await getPgPool().connect();
    try {
      const baseline = await runBaseline(client, queryString);
      expect(api.length).toBeGreaterThan(0);
      expect(sameRows(api, baseline), `${JSON.stringify(api)}\n${JSON.stringify(baseline)}`).toBe(true);
    } finally {
      client.release();
    }
  });
});
