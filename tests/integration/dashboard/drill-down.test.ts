// The drill-down contract on a real database: for every bar of every dimension, under no filter
// and under filters, the line listing behind the bar (drillHref → ZCaseListQuery → findCases)
// counts exactly the cases the aggregate counted; and onset latency per bucket, by hand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCaseRows } from "@/lib/cases/to-case-rows";
import { insertCaseRows } from "@/lib/db/bulk/insert-cases";
import { withTransaction } from "@/lib/db/transaction";
import { drillHref, type TDrillTarget } from "@/lib/dashboard/drill";
import { aggregateQuery, parseDashboardFilters } from "@/lib/dashboard/filters";
import { ZCaseInput, type TCaseInputRaw } from "@/lib/domain/case-schema";
import { getAggregates } from "@/lib/queries/aggregates/get-aggregates";
import { DIMENSIONS } from "@/lib/queries/aggregates/descriptors";
import { ZCaseListQuery, findCases } from "@/lib/queries/find-cases";
import { paramsObject } from "@/lib/domain/search-params";
import { getCatalogueIndex } from "@/lib/queries/get-catalogue-index";
import { getOnsetLatency } from "@/lib/queries/get-onset-latency";
import { writeReferenceData } from "@/seed/write-reference-data";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { writeFixture } from "../aggregates/fixture";

// Four cases in NL whose latency is known by construction (onset 2024-05-10).
const LATENCY_CASES: TCaseInputRaw[] = [
  // Started 2 days before onset → 0–3.
  {
    sourceId: "L1",
    country: "NL",
    sex: "female",
    onsetDate: "2024-05-10",
    drugs: [{ name: "haloperidol", role: "suspect", startDate: "2024-05-08" }],
  },
  // Started 40 days before, increased 10 days before: the latest trigger counts → 8–14.
  {
    sourceId: "L2",
    country: "NL",
    sex: "male",
    onsetDate: "2024-05-10",
    drugs: [{ name: "olanzapine", role: "suspect", startDate: "2024-03-31", doseChange: "increased", doseChangeDate: "2024-04-30" }],
  },
  // Withdrawn levodopa stopped 5 days before → 4–7 (its start years earlier does not count).
  {
    sourceId: "L3",
    country: "NL",
    sex: "male",
    onsetDate: "2024-05-10",
    drugs: [{ name: "levodopa", role: "withdrawn", startDate: "2015-01-01", doseChange: "stopped", doseChangeDate: "2024-05-05" }],
  },
  // Started after onset, and a concomitant drug before it: no trigger → unknown.
  {
    sourceId: "L4",
    country: "NL",
    sex: "male",
    onsetDate: "2024-05-10",
    drugs: [
      { name: "haloperidol", role: "suspect", startDate: "2024-05-12" },
      { name: "olanzapine", role: "concomitant", startDate: "2024-05-01" },
    ],
  },
];

let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  await writeFixture();
  const catalogue = await getCatalogueIndex();
  const built = LATENCY_CASES.map((raw) => toCaseRows(ZCaseInput.parse(raw), catalogue));
  await withTransaction(({ sql: client }) =>
    insertCaseRows(
      client,
      built.map((b) => b.caseRow),
      built.flatMap((b) => b.drugRows),
    ),
  );
});
afterAll(() => database.close());

async function listingTotal(href: string): Promise<number> {
  const query = ZCaseListQuery.parse(paramsObject(new URL(href, "http://nms.test").searchParams));
  return (await findCases(query)).total;
}

describe("drill-down from a bar to the line listing", () => {
  it.each(["", "sex=male", "from=2020-06-01&to=2023-04-30&outcome=fatal&outcome=recovered", "drugClass=first_generation&ageBand=40-64"])(
    "lists exactly each bar's cases (filters: %s)",
    async (search) => {
      const parsed = parseDashboardFilters(new URLSearchParams(search));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      let checked = 0;
      for (const dimension of DIMENSIONS) {
        const answer = await getAggregates(aggregateQuery(parsed.filters, dimension));
        for (const group of answer.groups) {
          const target: TDrillTarget = { [dimension]: group.key };
          const href = drillHref(parsed.filters, target);
          // The page links no empty bar; a bar without a listing (see drillHref) has no link at all.
          if (group.cases === 0 || href === null) continue;
          expect([dimension, group.key, await listingTotal(href)]).toEqual([dimension, group.key, group.cases]);
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(search ? 5 : 25);
    },
  );
});

describe("onset latency", () => {
  it("counts each case in the bucket of its latest trigger before onset, unknown without one", async () => {
    const parsed = parseDashboardFilters(new URLSearchParams("country=NL"));
    if (!parsed.ok) throw new Error("bad filters");
    const latency = await getOnsetLatency(aggregateQuery(parsed.filters, "drugClass"));
    expect(Object.fromEntries(latency.buckets.map((b) => [b.key, b.cases]))).toEqual({
      "0-3": 1,
      "4-7": 1,
      "8-14": 1,
      "15-30": 0,
      "31-90": 0,
      "over-90": 0,
      unknown: 1,
    });
    for (const bucket of latency.buckets) {
      expect(await listingTotal(drillHref(parsed.filters, { latency: bucket.key })!)).toBe(bucket.cases);
    }
  });

  it("follows the filters: the fixture's cases carry no drug dates, so all are unknown", async () => {
    const parsed = parseDashboardFilters(new URLSearchParams("country=FR"));
    if (!parsed.ok) throw new Error("bad filters");
    const latency = await getOnsetLatency(aggregateQuery(parsed.filters, "drugClass"));
    expect(latency.total).toBe(3);
    expect(latency.buckets.find((b) => b.key === "unknown")?.cases).toBe(3);
  });
});
