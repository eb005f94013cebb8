// The researcher disclosure rule (docs/security.md) on a real database, through the routes a
// researcher uses: no small count is published, and two overlapping answers cannot be differenced
// into a count under the threshold. Staff keep exact counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as aggregatesRoute } from "@/app/api/v1/aggregates/route";
import { GET as jsonExport } from "@/app/api/v1/export/aggregates.json/route";
import type { TAggregatesExport } from "@/lib/exports/build-aggregates-export";
import { parseAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import type { TAggregatesResponse } from "@/lib/queries/aggregates/types";
import { getOnsetLatency } from "@/lib/queries/get-onset-latency";
import { writeReferenceData } from "@/seed/write-reference-data";
import { noParams, requestsAs } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { CLASS_PLAN, FIXTURE_TOTAL, writeFixtureCases } from "../exports/fixture-cases";

const THRESHOLD = 5;
let database: TTestDatabase;
let researcher: Awaited<ReturnType<typeof requestsAs>>;
let officer: Awaited<ReturnType<typeof requestsAs>>;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  await writeFixtureCases();
  researcher = await requestsAs("researcher");
  officer = await requestsAs("safety_officer");
});
afterAll(() => database.close());

async function aggregates(as: typeof researcher, query: string): Promise<TAggregatesResponse> {
  const response = await aggregatesRoute(as("GET", `http://nms.test/api/v1/aggregates?${query}`), noParams);
  expect(response.status).toBe(200);
  return (await response.json()) as TAggregatesResponse;
}

/** The true counts a published figure may stand for, by the rule the answer declares about itself. */
function candidates(answer: TAggregatesResponse, published: number | null): number[] {
  // An answer that declares no protection (today's code before the rule) is exact.
  const disclosure = (answer as Partial<TAggregatesResponse>).disclosure;
  const noise = disclosure?.method === "cell-key" ? disclosure.maxNoise : 0;
  if (published === null) return Array.from({ length: THRESHOLD + noise }, (_, i) => i + 1);
  if (published === 0) return [0];
  return Array.from({ length: 2 * noise + 1 }, (_, i) => published - noise + i).filter((n) => n >= 1);
}

const counts = (answer: TAggregatesResponse) => [answer.total, ...answer.groups, ...answer.groups.flatMap((g) => g.groups ?? [])];

describe("researcher answers", () => {
  it("publish no count from 1 to threshold−1, and say how they are protected", async () => {
    for (const query of ["by=drugClass", "by=sex&then=drugClass", "by=country&then=outcome", "by=year&sex=female"]) {
      const answer = await aggregates(researcher, query);
      expect(answer.disclosure).toMatchObject({ method: "cell-key", threshold: THRESHOLD });
      for (const cell of counts(answer)) {
        for (const value of [cell.cases, cell.fatal, cell.knownOutcome]) {
          expect(value === null || value === 0 || value >= THRESHOLD, `${query}: ${String(value)}`).toBe(true);
        }
      }
    }
    // One male second-generation case: suppressed (1 + noise ≤ 3), not zero, nothing derived from it left.
    const bySex = await aggregates(researcher, "by=sex&then=drugClass");
    const one = bySex.groups.find((g) => g.key === "male")!.groups!.find((g) => g.key === "second_generation")!;
    expect(one).toMatchObject({ cases: null, share: null, caseFatality: null, comparisons: [] });
    const byClass = await aggregates(researcher, "by=drugClass");
    expect(byClass.groups.find((g) => g.key === "dopaminergic_withdrawal")!.cases).toBe(0);
  });

  it("cannot be differenced: two overlapping answers leave every count under the threshold undetermined", async () => {
    // All of a class minus its male and unknown-sex cases = its female cases: 4 haloperidol, 3 metoclopramide.
    const all = await aggregates(researcher, "by=drugClass");
    const notFemale = await aggregates(researcher, "by=drugClass&sex=male&sex=unknown");
    const truth = await aggregates(officer, "by=drugClass&sex=female");
    let targets = 0;
    for (const group of all.groups) {
      const hiddenTrue = truth.groups.find((g) => g.key === group.key)!.cases!;
      if (hiddenTrue < 1 || hiddenTrue >= THRESHOLD) continue;
      targets++;
      const part = notFemale.groups.find((g) => g.key === group.key)!;
      // Every difference of a total and a part consistent with what was published.
      const derivable = new Set<number>();
      for (const whole of candidates(all, group.cases)) {
        for (const rest of candidates(notFemale, part.cases))
          if (whole - rest >= 1 && whole - rest < THRESHOLD) derivable.add(whole - rest);
      }
      expect(derivable.has(hiddenTrue), `${group.key}: the truth must remain possible`).toBe(true);
      expect(
        derivable.size,
        `${group.key}: ${hiddenTrue} derivable exactly from ${String(group.cases)} − ${String(part.cases)}`,
      ).toBeGreaterThan(1);
    }
    expect(targets).toBeGreaterThanOrEqual(2);
  });

  it("would be differenced without the rule: the same attack on exact answers derives each hidden count", async () => {
    // The control for the test above: exact answers (what researchers got before) give the count away.
    const all = await aggregates(officer, "by=drugClass");
    const notFemale = await aggregates(officer, "by=drugClass&sex=male&sex=unknown");
    const female = await aggregates(officer, "by=drugClass&sex=female");
    const first = (answer: TAggregatesResponse) => answer.groups.find((g) => g.key === "first_generation")!.cases!;
    const derived = new Set(
      candidates(all, first(all)).flatMap((whole) => candidates(notFemale, first(notFemale)).map((rest) => whole - rest)),
    );
    expect([...derived]).toEqual([first(female)]);
    expect(first(female)).toBeLessThan(THRESHOLD);
  });

  it("answer the same set of cases the same way however it is asked, so nothing averages out", async () => {
    const first = await aggregates(researcher, "by=drugClass");
    const again = await aggregates(researcher, "by=drugClass");
    // A date range holding every fixture case (onsets 2020–2023) selects the same cases.
    const rephrased = await aggregates(researcher, "by=drugClass&from=2019-01-01&to=2024-12-31");
    expect(again.groups.map((g) => g.cases)).toEqual(first.groups.map((g) => g.cases));
    expect(rephrased.groups.map((g) => g.cases)).toEqual(first.groups.map((g) => g.cases));
    expect(rephrased.total.cases).toBe(first.total.cases);
  });

  it("reach exports through the same rule (a suppressed count stays null, a zero stays 0)", async () => {
    const response = await jsonExport(researcher("GET", "http://nms.test/api/v1/export/aggregates.json?by=drugClass"), noParams);
    const body = (await response.json()) as TAggregatesExport;
    for (const g of body.groups) expect(g.cases === null ? g.suppressed : g.cases === 0 || g.cases >= THRESHOLD).toBe(true);
    expect(body.groups.find((g) => g.key === "dopaminergic_withdrawal")).toMatchObject({ cases: 0, suppressed: false });
    const api = await aggregates(researcher, "by=drugClass");
    const published = body.groups.filter((g) => g.cases !== null);
    for (const g of published) expect(g.cases).toBe(api.groups.find((a) => a.key === g.key)!.cases);
  });
});

describe("the dashboard's onset-latency panel", () => {
  it("gives a researcher protected bucket counts and staff exact ones", async () => {
    const query = parseAggregateQuery(new URLSearchParams("by=drugClass"));
    const theirs = await getOnsetLatency(query, { kind: "researcher", threshold: THRESHOLD });
    for (const bucket of [...theirs.buckets.map((b) => b.cases), theirs.total])
      expect(bucket === null || bucket === 0 || bucket >= THRESHOLD).toBe(true);
    expect((await getOnsetLatency(query)).total).toBe(FIXTURE_TOTAL);
    // The 3 second-generation cases: exact for staff, never a small number for a researcher.
    const few = parseAggregateQuery(new URLSearchParams("by=drugClass&drugClass=second_generation"));
    expect((await getOnsetLatency(few)).total).toBe(3);
    const fewTheirs = await getOnsetLatency(few, { kind: "researcher", threshold: THRESHOLD });
    for (const value of [fewTheirs.total, ...fewTheirs.buckets.map((b) => b.cases)])
      expect(value === null || value === 0 || value >= THRESHOLD).toBe(true);
  });
});

describe("staff answers", () => {
  it("are exact", async () => {
    const answer = await aggregates(officer, "by=drugClass");
    expect(answer.disclosure).toEqual({ method: "exact" });
    expect(answer.total.cases).toBe(FIXTURE_TOTAL);
    for (const [key, plan] of Object.entries(CLASS_PLAN)) expect(answer.groups.find((g) => g.key === key)!.cases).toBe(plan.cases);
  });
});
