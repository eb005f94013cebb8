// The aggregates and baselines route handlers on a real database: status and body shape, the
// error envelope naming the bad parameter, an empty result as zeros, and baselines as stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAggregatesRoute } from "@/app/api/v1/aggregates/route";
import { GET as getBaselinesRoute } from "@/app/api/v1/baselines/route";
import { getPrisma } from "@/lib/db/client";
import { BASELINES } from "@/lib/domain/baselines";
import type { TErrorBody } from "@/lib/api/errors";
import { noFilterValues } from "@/lib/queries/aggregates/descriptors";
import type { TAggregatesResponse } from "@/lib/queries/aggregates/types";
import { proportion } from "@/lib/stats";
import { writeReferenceData } from "@/seed/write-reference-data";
import { noParams, requestsAs } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { writeFixture } from "./fixture";

let database: TTestDatabase;
let asStaff: Awaited<ReturnType<typeof requestsAs>>;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  await writeFixture();
  // Exact counts are staff's (researchers get protected ones: tests/integration/security/disclosure.test.ts).
  asStaff = await requestsAs("safety_officer");
});
afterAll(() => database.close());

async function call<T>(
  handler: (request: Request, context: typeof noParams) => Promise<Response>,
  url: string,
): Promise<{ status: number; body: T; type: string | null }> {
  const response = await handler(asStaff("GET", url), noParams);
  return { status: response.status, body: (await response.json()) as T, type: response.headers.get("content-type") };
}
const aggregates = (qs: string) => call<TAggregatesResponse>(getAggregatesRoute, `http://x/api/v1/aggregates?${qs}`);
const failing = (qs: string) => call<TErrorBody>(getAggregatesRoute, `http://x/api/v1/aggregates?${qs}`);

const GROUP_KEYS = ["cases", "caseFatality", "comparisons", "fatal", "rate", "rateReason", "key", "knownOutcome", "label", "share"].sort();

describe("GET /api/v1/aggregates", () => {
  it("answers by=sex&from=2020-01-01 with the normalised query, the total and every sex", async () => {
    const { status, body, type } = await aggregates("by=sex&from=2020-01-01");
    expect(status).toBe(200);
    expect(type).toMatch(/application\/json/);
    expect(body.query).toEqual({
      // Every filter of the descriptors, empty (reporterType among them).
      by: "sex",
      then: null,
      from: "2020-01-01",
      to: null,
      ...noFilterValues(),
      meetsConsensus: null,
      ci: "wilson",
    });
    // Dated live cases: all but C8 (no onset) and C9 (deleted) = 10; fatal C1, C3, C6, C11; outcome unknown C4, C12.
    expect(body.total).toMatchObject({ cases: 10, fatal: 4, knownOutcome: 8, caseFatality: proportion(4, 8) });
    expect(Object.keys(body.total).sort()).toEqual([
      "caseFatality",
      "cases",
      "comparisons",
      "fatal",
      "knownOutcome",
      "rate",
      "rateReason",
      "share",
    ]);
    // male: C1, C3, C5, C10, C12; female: C2, C6, C7; unknown: C4, C11.
    expect(body.groups.map((g) => [g.key, g.label, g.cases])).toEqual([
      ["male", "Male", 5],
      ["female", "Female", 3],
      ["unknown", "Unknown", 2],
    ]);
    for (const group of body.groups) {
      expect(Object.keys(group).sort()).toEqual(GROUP_KEYS);
      expect(group.rate).toBeNull();
      for (const comparison of group.comparisons) {
        expect(Object.keys(comparison).sort()).toEqual(
          [
            "baseline",
            "citation",
            "high",
            "low",
            "metric",
            "pValue",
            "statement",
            "testedRange",
            "value",
            "verdict",
            ...(comparison.verdict === "not_comparable" ? ["reason"] : []),
          ].sort(),
        );
      }
    }
    expect(body.groups[0]!.share).toEqual(proportion(5, 10));
  });

  it("a cross-tab nests the second dimension's groups", async () => {
    const { status, body } = await aggregates("by=source&then=outcome&ci=exact");
    expect(status).toBe(200);
    expect(body.groups).toHaveLength(5);
    expect(body.groups.every((g) => g.groups?.length === 6)).toBe(true);
  });

  it("an empty result is 200 with every category at zero and null intervals", async () => {
    // The only e2b case (C6) is female.
    const { status, body } = await aggregates("by=sex&source=e2b&sex=male");
    expect(status).toBe(200);
    expect(body.total).toMatchObject({ cases: 0, fatal: 0, knownOutcome: 0, caseFatality: null, share: null, rate: null });
    expect(body.total.comparisons.every((c) => c.verdict === "not_comparable" && c.pValue === null)).toBe(true);
    expect(body.groups.map((g) => g.key)).toEqual(["male", "female", "unknown"]);
    for (const group of body.groups) {
      expect(group).toMatchObject({ cases: 0, fatal: 0, knownOutcome: 0, caseFatality: null, share: null, rate: null });
      expect(group.comparisons.every((c) => c.verdict === "not_comparable")).toBe(true);
    }
  });

  it.each([
    ["by=sex&from=2023-02-30", "from"],
    ["by=sex&from=2022-01-01&to=2021-01-01", "to"],
    ["by=species", "by"],
    ["by=sex&sex=yes", "sex"],
    ["by=sex&meetsConsensus=maybe", "meetsConsensus"],
    ["by=sex&drugs=haloperidol", "drugs"],
  ])("%s → 400 envelope naming %s", async (qs, parameter) => {
    const { status, body } = await failing(qs);
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.message).toContain(parameter);
    expect(body.error.issues.map((i) => i.path)).toContain(parameter);
  });
});

describe("GET /api/v1/baselines", () => {
  it("lists every stored baseline in order", async () => {
    const { status, body } = await call<{ baselines: { key: string; metric: string; citation: string }[] }>(
      getBaselinesRoute,
      "http://x/api/v1/baselines",
    );
    expect(status).toBe(200);
    expect(body.baselines.map((b) => b.key)).toEqual(BASELINES.map((b) => b.key));
    expect(body.baselines[0]).toEqual(BASELINES[0]);
  });

  it("filters by metric, and names a bad one", async () => {
    const { body } = await call<{ baselines: { metric: string }[] }>(
      getBaselinesRoute,
      "http://x/api/v1/baselines?metric=male_share&metric=incidence_per_100k_py",
    );
    const wanted = ["male_share", "incidence_per_100k_py"];
    expect(body.baselines.map((b) => b.metric).sort()).toEqual(
      BASELINES.filter((b) => wanted.includes(b.metric))
        .map((b) => b.metric)
        .sort(),
    );
    expect(body.baselines.length).toBeGreaterThan(0);
    const bad = await call<TErrorBody>(getBaselinesRoute, "http://x/api/v1/baselines?metric=mortality");
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0]!.path).toBe("metric");
  });

  it("comparisons cite what the baseline table holds, not the seed constant", async () => {
    const key = "shalev-1989-case-reports-1984-on";
    await getPrisma().baseline.update({ where: { key }, data: { citation: "Edited citation" } });
    try {
      const { body } = await aggregates("by=outcome");
      expect(body.total.comparisons.find((c) => c.baseline === key)!.citation).toBe("Edited citation");
    } finally {
      await writeReferenceData();
    }
  });
});
