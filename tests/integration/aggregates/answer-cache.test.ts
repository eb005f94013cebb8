// The aggregate answer cache is exact: a repeated query is served from it only while nothing
// was written; any case change — through the commands or straight SQL — is in the next answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase } from "@/lib/cases/case-commands";
import { getPgPool } from "@/lib/db/pg-pool";
import { missingCriteria } from "@/lib/domain/case-validity";
import { answerCacheStats, cachedAnswer } from "@/lib/queries/aggregates/answer-cache";
import { getAggregates } from "@/lib/queries/aggregates/get-aggregates";
import { parseAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import { generateCases } from "@/seed";
import { writeDemoCases } from "@/seed/write-demo-data";
import { writeReferenceData } from "@/seed/write-reference-data";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

// A generated case missing an ICH E2D minimum criterion is stored as a draft and counts nowhere.
const counting = [...generateCases({ count: 200, seed: 3 })].filter((c) => missingCriteria(c).length === 0).length;

let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  await writeDemoCases(200, { seed: 3 });
});
afterAll(() => database.close());

const query = parseAggregateQuery(new URLSearchParams("by=sex"));

describe("the aggregate answer cache", () => {
  it("serves a repeated query, and a copy the caller may change without harm", async () => {
    const first = await getAggregates(query);
    first.groups.length = 0;
    const before = answerCacheStats();
    const second = await getAggregates(query);
    expect(answerCacheStats()).toEqual({ hits: before.hits + 1, misses: before.misses, joined: before.joined });
    expect(second.groups.length).toBeGreaterThan(0);
    expect(counting).toBeGreaterThan(150);
    expect(second.total.cases).toBe(counting);
  });

  it("runs one computation for concurrent misses at one snapshot; the others wait for it and get copies", async () => {
    // A request joins only if it read the same snapshot; on a shared Postgres server another
    // database's transaction can move it between the two reads, so a few attempts are allowed.
    let joinedOnce = false;
    for (let attempt = 0; attempt < 5 && !joinedOnce; attempt++) {
      let computations = 0;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const compute = async () => {
        computations++;
        await gate;
        return { attempt, cells: [1, 2, 3] };
      };
      const before = answerCacheStats();
      const first = cachedAnswer(`coalesce ${attempt}`, compute);
      while (computations === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      const second = cachedAnswer(`coalesce ${attempt}`, compute);
      await new Promise((resolve) => setTimeout(resolve, 50)); // the second has read its snapshot
      release();
      const [a, b] = await Promise.all([first, second]);
      a.cells.push(4);
      expect(b).toEqual({ attempt, cells: [1, 2, 3] });
      const after = answerCacheStats();
      expect(after.misses - before.misses + (after.joined - before.joined)).toBe(2);
      expect(computations).toBe(after.misses - before.misses);
      joinedOnce = after.joined - before.joined === 1;
    }
    expect(joinedOnce).toBe(true);
  });

  it("answers from the new data after a write through the commands", async () => {
    await getAggregates(query);
    const [input] = [...generateCases({ count: 1, seed: 5, startIndex: 50_000 })];
    expect(missingCriteria(input!)).toEqual([]);
    await createCase(input!, { name: "cache-test" });
    const before = answerCacheStats();
    expect((await getAggregates(query)).total.cases).toBe(counting + 1);
    expect(answerCacheStats().misses).toBe(before.misses + 1);
  });

  it("and after a write the application never saw (straight SQL)", async () => {
    await getAggregates(query);
    await getPgPool().query(
      "UPDATE case_report SET deleted_at = now() WHERE id = (SELECT id FROM case_report WHERE deleted_at IS NULL AND status <> 'draft' LIMIT 1)",
    );
    expect((await getAggregates(query)).total.cases).toBe(counting);
    expect(await getAggregates(query, { source: "cases" })).toEqual(await getAggregates(query));
  });
});
