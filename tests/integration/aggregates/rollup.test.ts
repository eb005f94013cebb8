// The rollup against the case tables: on seeded cases that are then created, edited, deleted
// and re-imported, every random query the rollup answers gives exactly the counts of the plain
// GROUP BY — before and after compaction — with the same record-key sums (researchers' cell-key
// answers come from the rollup too), and every cuboid the query layer knows is kept.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase, nullifyCase, updateCase } from "@/lib/cases/case-commands";
import { getPrisma } from "@/lib/db/client";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import { FILTER_KEYS, categoriesOf } from "@/lib/queries/aggregates/descriptors";
import { countAggregateCells } from "@/lib/queries/aggregates/count-aggregate-cells";
import { countUnmatchedSuspects } from "@/lib/queries/aggregates/count-unmatched-suspects";
import { getAggregates } from "@/lib/queries/aggregates/get-aggregates";
import { DIMENSIONS, ZAggregateQuery, type TAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import { cancelScheduledRollupCompaction, compactRollup } from "@/lib/db/rollup-compaction";
import { chooseCuboid, cuboidId, CUBOIDS, rollupColumnOf } from "@/lib/queries/aggregates/rollup";
import { getCase } from "@/lib/queries/get-case";
import { generateCases } from "@/seed";
import { writeDemoCases, writeDemoExposure } from "@/seed/write-demo-data";
import { writeReferenceData } from "@/seed/write-reference-data";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

let database: TTestDatabase;
const UNMATCHED_CREATED = 6;
const unmatchedCases: { id: string; revision: number }[] = [];
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  await writeDemoCases(400, { seed: 7 });
  await writeDemoExposure(400, 7);
  // Changes through every write path: create, edit (class, outcome, onset move), soft delete.
  const actor = { name: "rollup-test" };
  const extra = [...generateCases({ count: 30, seed: 99, startIndex: 10_000 })];
  const created = [];
  for (const input of extra) created.push(await createCase(input, actor));
  for (const view of created.slice(0, 10)) {
    await updateCase(
      view.id,
      {
        expectedRevision: view.revision,
        outcome: "fatal",
        onsetDate: "2019-06-15",
        receivedDate: "2019-07-01",
        drugs: [{ name: "metoclopramide", role: "suspect" }],
      },
      actor,
    );
  }
  // Cases naming a suspect the catalogue lacks (the unmatched-suspect count every answer carries);
  // one is then edited to name a catalogue drug instead.
  for (const input of generateCases({ count: UNMATCHED_CREATED, seed: 5, startIndex: 20_000 }))
    unmatchedCases.push(await createCase({ ...input, drugs: [...input.drugs, { name: "Zyprxa", role: "suspect" }] }, actor));
  const mended = unmatchedCases[0]!;
  await updateCase(mended.id, { expectedRevision: mended.revision, drugs: [{ name: "olanzapine", role: "suspect" }] }, actor);
  for (const view of created.slice(10, 20)) {
    const current = (await getCase(view.id))!;
    await nullifyCase(view.id, current.revision, "rollup test", actor);
  }
  // Confirmed duplicates (issue 15) leave the counts: five cases become secondaries of others, one returns.
  const masters = created.slice(20, 30).map((v) => v.id);
  for (let i = 0; i < 5; i++)
    await getPrisma().$executeRaw`UPDATE case_report SET duplicate_of = ${masters[i + 5]}::uuid WHERE id = ${masters[i]}::uuid`;
  await getPrisma().$executeRaw`UPDATE case_report SET duplicate_of = NULL WHERE id = ${masters[0]}::uuid`;
  // Two cases trade sexes in one statement: each (year, classes, sex) count is unchanged, but
  // which cases it counts is not — the record-key sums (the cell-key rule's) must follow.
  const swapped = await getPrisma().$executeRaw`
    WITH pair AS (
      SELECT m.id AS male, f.id AS female FROM case_report m JOIN case_report f
        ON date_trunc('year', m.onset_date) = date_trunc('year', f.onset_date) AND m.attributing_classes = f.attributing_classes AND m.outcome = f.outcome
      WHERE m.sex = 'male' AND f.sex = 'female' AND m.deleted_at IS NULL AND f.deleted_at IS NULL
        AND m.duplicate_of IS NULL AND f.duplicate_of IS NULL AND m.status <> 'draft' AND f.status <> 'draft'
      LIMIT 1)
    UPDATE case_report c SET sex = (CASE WHEN c.id = pair.male THEN 'female' ELSE 'male' END)::"Sex"
    FROM pair WHERE c.id IN (pair.male, pair.female)`;
  expect(swapped).toBe(2);
  // The edits above scheduled a background fold 30 s later; on a loaded machine it would run during
  // the delta-row test below and leave the compaction test nothing to fold.
  cancelScheduledRollupCompaction();
}, 120_000);
afterAll(() => database.close());

const YEARS = ["2014", "2016", "2018", "2019", "2020", "2022"];
const subset = <T>(values: readonly T[]) => fc.subarray([...values], { maxLength: 2 });
const dateBound = (side: "from" | "to") =>
  fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(...YEARS).map((y) => (side === "from" ? `${y}-01-01` : `${y}-12-31`)),
    fc.constantFrom(...YEARS).map((y) => (side === "from" ? `${y}-04-01` : `${y}-06-30`)),
    fc.constantFrom(...YEARS).map((y) => `${y}-05-17`),
  );

/** Every filter of the descriptors: its fixed categories, or a few real values (drugs, countries). */
const NO_FILTERS = ZAggregateQuery.parse({ by: "sex" });
const FILTER_VALUES: Record<string, readonly string[]> = {
  ...Object.fromEntries(FILTER_KEYS.map((key) => [key, categoriesOf(key, NO_FILTERS).map((c) => c.key)])),
  drug: ["haloperidol", "olanzapine", "metoclopramide", DRUG_CATALOGUE[5]!.name],
  country: ["GB", "US", "unknown"],
  meetsConsensus: ["true", "false"],
};

/** by, maybe then, maybe dates, and zero to two filters — what dashboard URLs look like. */
const queryParams = fc
  .record({
    by: fc.constantFrom(...DIMENSIONS),
    then: fc.option(fc.constantFrom(...DIMENSIONS), { nil: undefined }),
    from: dateBound("from"),
    to: dateBound("to"),
    filters: fc
      .subarray(Object.keys(FILTER_VALUES), { maxLength: 2 })
      .chain((names) =>
        fc.tuple(
          ...names.map((name) =>
            fc.tuple(fc.constant(name), name === "meetsConsensus" ? fc.constantFrom("true", "false") : subset(FILTER_VALUES[name]!)),
          ),
        ),
      ),
  })
  .map(({ by, then, from, to, filters }) => ({
    by,
    ...(then && then !== by ? { then } : {}),
    ...(from && to && from > to ? { from: to, to: from } : { from, to }),
    ...Object.fromEntries(filters),
  }));

async function compareOnRandomQueries(runs: number): Promise<number> {
  let answeredByRollup = 0;
  await fc.assert(
    fc.asyncProperty(queryParams, async (params) => {
      const parsed = ZAggregateQuery.safeParse(params);
      if (!parsed.success) return;
      const query = parsed.data;
      const fromRollup = await getAggregates(query);
      const fromCases = await getAggregates(query, { source: "cases" });
      expect(fromRollup).toEqual(fromCases);
      await expectSameKeySums(query);
      if (chooseCuboid(query, null) !== null) answeredByRollup++;
    }),
    { numRuns: runs },
  );
  return answeredByRollup;
}

/** Fixed queries, one per dimension the rollup holds: the rollup path is exercised every run, however few random queries fit a cuboid. */
async function compareHeldDimensions(): Promise<void> {
  const held = DIMENSIONS.filter((by) => rollupColumnOf(by) !== null);
  expect(held.length).toBeGreaterThan(0);
  for (const by of held) {
    const query = ZAggregateQuery.parse({ by, from: "2016-01-01", to: "2020-12-31" });
    expect(chooseCuboid(query, null), by).not.toBeNull();
    expect(await getAggregates(query), by).toEqual(await getAggregates(query, { source: "cases" }));
    await expectSameKeySums(query);
    await expectSameKeySums(ZAggregateQuery.parse({ by }));
  }
}

/** The record-key sums behind researchers' answers (lib/stats/cell-key.ts), from the rollup and from the case tables. */
async function expectSameKeySums(query: TAggregateQuery): Promise<void> {
  const fromRollup = await countAggregateCells(query, null, { cellKeys: true });
  const fromCases = await countAggregateCells(query, null, { source: "cases", cellKeys: true });
  expect(fromRollup.total.keys).toBeDefined();
  expect(fromRollup, `${query.by}/${query.then}`).toEqual(fromCases);
  // The unmatched-suspect count every answer carries, with its key sum.
  expect(await countUnmatchedSuspects(query), `unmatched ${query.by}`).toEqual(await countUnmatchedSuspects(query, { source: "cases" }));
}

/** Live cases whose stored unmatched-suspect flag disagrees with their drug rows (the derivation's truth). */
async function flagsDisagreeingWithDrugRows(): Promise<{ stored: number; disagreeing: number }> {
  const [row] = await getPrisma().$queryRaw<{ stored: bigint; disagreeing: bigint }[]>`
    SELECT count(*) FILTER (WHERE c.unmatched_suspect) AS stored,
      count(*) FILTER (WHERE c.unmatched_suspect <> EXISTS (
        SELECT 1 FROM case_drug d WHERE d.case_id = c.id AND d.catalogue_drug_id IS NULL
          AND d.role IN ('suspect', 'interacting', 'withdrawn') AND NOT d.name_ignored)) AS disagreeing
    FROM case_report c`;
  return { stored: Number(row!.stored), disagreeing: Number(row!.disagreeing) };
}

describe("case_rollup", () => {
  it("holds every cuboid the query layer knows, and nothing else", async () => {
    const rows = await getPrisma().caseRollup.findMany({ distinct: ["cuboid"], select: { cuboid: true } });
    expect(rows.map((r) => r.cuboid).sort((a, b) => a - b)).toEqual(CUBOIDS.map(cuboidId).sort((a, b) => a - b));
  });

  it("stores each case's unmatched-suspect flag as its drug rows say, through every write path", async () => {
    const flags = await flagsDisagreeingWithDrugRows();
    // The demo data names no drug the catalogue lacks: the flagged cases are the setup's, less the one mended.
    expect(flags.stored).toBe(unmatchedCases.length - 1);
    expect(flags.disagreeing).toBe(0);
  });

  it("answers every dimension the rollup holds from a cuboid, exactly as the case tables do", async () => {
    await compareHeldDimensions();
  }, 300_000);

  it("answers random queries exactly as the case tables do, from the delta rows", async () => {
    // How many of them fit a cuboid varies with the draw (8–25 of 150 seen); some always do.
    expect(await compareOnRandomQueries(150)).toBeGreaterThan(0);
  }, 300_000);

  it("and after compaction, which folds the deltas into fewer rows", async () => {
    const { before, after } = await compactRollup();
    expect(after).toBeLessThan(before);
    await compareHeldDimensions();
    await compareOnRandomQueries(60); // each query asserts rollup == case tables inside the property
    // Folded: one row per key, and a second fold has nothing to do.
    expect(await compactRollup()).toEqual({ before: 0, after: 0 });
  }, 300_000);

  it("folds only the keys a later write touched, leaving the other rows as they are", async () => {
    const [input] = [...generateCases({ count: 1, seed: 4, startIndex: 30_000 })];
    await createCase(input!, { name: "rollup-test" });
    cancelScheduledRollupCompaction();
    const rows = await getPrisma().caseRollup.count();
    // The new case adds a delta row to one key of each cuboid; at most that key's folded row joins it.
    const { before, after } = await compactRollup();
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThanOrEqual(2 * CUBOIDS.length);
    expect(after).toBeLessThanOrEqual(before);
    expect(await getPrisma().caseRollup.count()).toBe(rows - before + after);
    await compareHeldDimensions();
  }, 300_000);

  it("sums per cuboid to the live cases", async () => {
    const live = await getPrisma().caseReport.count({ where: { deletedAt: null, duplicateOf: null } });
    const sums = await getPrisma().caseRollup.groupBy({ by: ["cuboid"], _sum: { cases: true } });
    expect(sums).toHaveLength(CUBOIDS.length);
    for (const sum of sums) expect(sum._sum.cases).toBe(live);
  });
});
