// Onset latency as an aggregate dimension and filter (`by=latency`, `latency=0-3`): the days from
// the latest dated trigger (start, dose change, a withdrawn drug's stop) on or before onset, over
// the attributing drugs; answered from the case tables, the same buckets as the dashboard's
// latency panel, in the API, the exports and the line listing.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as aggregatesRoute } from "@/app/api/v1/aggregates/route";
import { GET as csvExport } from "@/app/api/v1/export/aggregates.csv/route";
import { createCase, nullifyCase } from "@/lib/cases/case-commands";
import { ZCaseInput, type TCaseDrugInput, type TCaseInputRaw } from "@/lib/domain/case-schema";
import { LATENCY_BUCKETS, latencyBucketOf } from "@/lib/domain/onset-latency";
import { getAggregates } from "@/lib/queries/aggregates/get-aggregates";
import { parseAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import { chooseCuboid } from "@/lib/queries/aggregates/rollup";
import { ZCaseListQuery, findCases } from "@/lib/queries/find-cases";
import { getOnsetLatency } from "@/lib/queries/get-onset-latency";
import { writeReferenceData } from "@/seed/write-reference-data";
import { noParams, requestsAs } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

const ONSET = "2022-04-30";
const daysBefore = (days: number) => new Date(Date.parse(ONSET) - days * 86_400_000).toISOString().slice(0, 10);
const base = { source: "manual", sex: "female", country: "DE", onsetDate: ONSET, outcome: "recovered" } satisfies Partial<TCaseInputRaw>;
const suspect = (extra: Partial<TCaseDrugInput> = {}): TCaseDrugInput => ({ name: "haloperidol", role: "suspect", ...extra });

/** Each case with the latency in days the rule gives it (null: unknown), worked out by hand. */
const CASES: { raw: TCaseInputRaw; days: number | null }[] = [
  { raw: { ...base, sourceId: "L0", drugs: [suspect({ startDate: ONSET })] }, days: 0 },
  { raw: { ...base, sourceId: "L3", drugs: [suspect({ startDate: daysBefore(3) })] }, days: 3 },
  // The latest trigger counts: started 200 days before, dose increased 5 days before.
  {
    raw: {
      ...base,
      sourceId: "L5",
      drugs: [suspect({ startDate: daysBefore(200), doseChange: "increased", doseChangeDate: daysBefore(5) })],
    },
    days: 5,
  },
  // An "unchanged" dose is no trigger: the start, 14 days before, is.
  {
    raw: {
      ...base,
      sourceId: "L14",
      drugs: [suspect({ startDate: daysBefore(14), doseChange: "unchanged", doseChangeDate: daysBefore(1) })],
    },
    days: 14,
  },
  { raw: { ...base, sourceId: "L30", outcome: "fatal", drugs: [suspect({ startDate: daysBefore(30) })] }, days: 30 },
  // A withdrawn dopaminergic drug's stop is its trigger.
  { raw: { ...base, sourceId: "L31", drugs: [{ name: "levodopa", role: "withdrawn", stopDate: daysBefore(31) }] }, days: 31 },
  { raw: { ...base, sourceId: "L91", drugs: [suspect({ startDate: daysBefore(91) })] }, days: 91 },
  // A concomitant drug never dates the reaction; a start after onset cannot have caused it.
  {
    raw: { ...base, sourceId: "U1", drugs: [suspect(), { name: "lorazepam", role: "concomitant", startDate: daysBefore(2) }] },
    days: null,
  },
  { raw: { ...base, sourceId: "U2", onsetDate: daysBefore(10), drugs: [suspect({ startDate: daysBefore(2) })] }, days: null },
  { raw: { ...base, sourceId: "U3", onsetDate: null, onsetUnknown: true, drugs: [suspect({ startDate: daysBefore(2) })] }, days: null },
  // A draft counts nowhere.
  { raw: { ...base, sourceId: "D1", status: "draft", drugs: [suspect({ startDate: daysBefore(1) })] }, days: null },
];
const COUNTED = CASES.filter((c) => c.raw.status !== "draft");
const expected = LATENCY_BUCKETS.map((key) => [key, COUNTED.filter((c) => latencyBucketOf(c.days) === key).length] as const);

let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  for (const { raw } of CASES) await createCase(ZCaseInput.parse({ reporterType: "physician", ...raw }), { name: "latency@test" });
});
afterAll(() => database.close());

const query = (search: string) => parseAggregateQuery(new URLSearchParams(search));

describe("onset latency dimension", () => {
  it("groups live cases by latency bucket, every bucket present, from the case tables, as the latency panel counts them", async () => {
    expect(expected.map(([, n]) => n)).toEqual([2, 1, 1, 1, 1, 1, 3]);
    expect(chooseCuboid(query("by=latency"), null)).toBeNull();
    const answer = await getAggregates(query("by=latency"));
    expect(answer.groups.map((g) => [g.key, g.cases])).toEqual(expected);
    expect(answer.total.cases).toBe(COUNTED.length);
    const panel = await getOnsetLatency(query("by=drugClass"));
    expect(panel.buckets.map((b) => [b.key, b.cases])).toEqual(expected);
    // L30 is the only death: case fatality 1 of 1 in 15–30 days.
    expect(answer.groups.find((g) => g.key === "15-30")).toMatchObject({ cases: 1, fatal: 1, knownOutcome: 1 });
  });

  it("answers the panel from the exact answer cache until the data change, then counts again", async () => {
    const before = await getOnsetLatency(query("by=drugClass"));
    // A copy from the cache, not the cached object itself.
    before.buckets[0]!.cases = -1;
    expect((await getOnsetLatency(query("by=drugClass"))).buckets.map((b) => [b.key, b.cases])).toEqual(expected);
    const later = await createCase(
      ZCaseInput.parse({ reporterType: "physician", ...base, sourceId: "LATER", drugs: [suspect({ startDate: daysBefore(2) })] }),
      { name: "latency@test" },
    );
    const after = await getOnsetLatency(query("by=drugClass"));
    expect(after.buckets.find((b) => b.key === "0-3")!.cases).toBe(expected.find(([key]) => key === "0-3")![1] + 1);
    await nullifyCase(later.id, later.revision, "cache test over", { name: "latency@test" });
    expect((await getOnsetLatency(query("by=drugClass"))).buckets.map((b) => [b.key, b.cases])).toEqual(expected);
  });

  it("filters by latency in the aggregates and the line listing alike, and as then=", async () => {
    const early = await getAggregates(query("by=sex&latency=0-3&latency=4-7"));
    expect(early.total.cases).toBe(3);
    const listing = await findCases(ZCaseListQuery.parse({ latency: ["unknown"] }));
    expect(listing.cases.map((c) => c.sourceId).sort()).toEqual(["U1", "U2", "U3"]);
    const cross = await getAggregates(query("by=outcome&then=latency"));
    const fatal = cross.groups.find((g) => g.key === "fatal")?.groups?.map((g) => [g.key, g.cases]);
    expect(fatal).toEqual(LATENCY_BUCKETS.map((key) => [key, key === "15-30" ? 1 : 0]));
  });

  it("is served by the aggregates API and the exports, and a bad bucket is a 400 naming the parameter", async () => {
    const officer = await requestsAs("safety_officer");
    const api = await aggregatesRoute(officer("GET", "http://nms.test/api/v1/aggregates?by=latency"), noParams);
    expect(api.status).toBe(200);
    const body = (await api.json()) as { groups: { key: string; label: string; cases: number }[] };
    expect(body.groups.map((g) => [g.key, g.cases])).toEqual(expected);
    expect(body.groups[0]?.label).toBe("0–3 days");

    const csv = await csvExport(officer("GET", "http://nms.test/api/v1/export/aggregates.csv?by=latency"), noParams);
    expect(csv.status).toBe(200);
    const rows = parse<Record<string, string>>((await csv.text()).replace(/^(#.*\r?\n)+/, ""), { columns: true, relax_column_count: true });
    const counts = rows.filter((r) => LATENCY_BUCKETS.some((k) => Object.values(r).includes(k)));
    expect(counts).toHaveLength(LATENCY_BUCKETS.length);

    const bad = await aggregatesRoute(officer("GET", "http://nms.test/api/v1/aggregates?by=latency&latency=2-weeks"), noParams);
    expect(bad.status).toBe(400);
    const error = (await bad.json()) as { error: { issues: { path: string; message: string }[] } };
    expect(error.error.issues[0]?.path).toBe("latency");
    expect(error.error.issues[0]?.message).toMatch(/must be one of 0-3, 4-7/);
  });
});
