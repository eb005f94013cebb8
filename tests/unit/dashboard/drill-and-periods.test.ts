// The drill-down URL behind a bar and the two periods the headline tiles compare: pure rules,
// table-driven, including the edges (a year clipped by the range, an open-ended range, no data).
import { describe, expect, it } from "vitest";
import { drillHref } from "@/lib/dashboard/drill";
import type { TDashboardFilters } from "@/lib/dashboard/filters";
import { planComparison } from "@/lib/dashboard/periods";
import { noFilterValues } from "@/lib/queries/aggregates/descriptors";

const NONE: TDashboardFilters = { from: null, to: null, ...noFilterValues(), meetsConsensus: null, ci: "wilson" };
const query = (href: string | null) =>
  href === null ? null : Object.fromEntries([...new URL(href, "http://x").searchParams].map(([k, v]) => [k, v]));

describe("drillHref", () => {
  it.each([
    [
      "a class bar replaces the class filter",
      { ...NONE, drugClass: ["antiemetic", "first_generation"] as never },
      { drugClass: "antiemetic" },
      { drugClass: "antiemetic" },
    ],
    [
      "other filters are kept",
      { ...NONE, sex: ["female"] as never, country: ["US"] },
      { ageBand: "65+" },
      { sex: "female", country: "US", ageBand: "65+" },
    ],
    ["a year becomes its onset range", NONE, { year: "2019" }, { from: "2019-01-01", to: "2019-12-31" }],
    [
      "a year is clipped by the page's range",
      { ...NONE, from: "2019-03-01", to: "2020-06-30" },
      { year: "2019" },
      { from: "2019-03-01", to: "2019-12-31" },
    ],
    [
      "a latency bucket is its own parameter",
      { ...NONE, meetsConsensus: true },
      { latency: "0-3" as const },
      { meetsConsensus: "true", latency: "0-3" },
    ],
    ["the interval method is dropped (not a listing filter)", { ...NONE, ci: "exact" as const }, { sex: "male" }, { sex: "male" }],
  ])("%s", (_name, filters, target, expected) => {
    expect(query(drillHref(filters, target))).toEqual(expected);
  });

  it("has no listing for cases without an onset year, nor for a category outside its dimension's filter", () => {
    expect(drillHref(NONE, { year: "unknown" })).toBeNull();
    // Under drugClass=first_generation the second-generation bar counts cases with both classes.
    expect(drillHref({ ...NONE, drugClass: ["first_generation"] }, { drugClass: "second_generation" })).toBeNull();
    expect(drillHref({ ...NONE, sex: ["male"] }, { sex: "female" })).toBeNull();
  });
});

describe("planComparison", () => {
  it("compares whole calendar years with as many years before (leap years or not)", () => {
    expect(planComparison({ from: "2020-01-01", to: "2020-12-31" }, [2019, 2020])).toMatchObject({
      kind: "range",
      current: { from: "2020-01-01", to: "2020-12-31" },
      previous: { from: "2019-01-01", to: "2019-12-31" },
      description: "2020 vs the year before (2019)",
    });
  });

  it("compares any other range with the same number of days just before it", () => {
    expect(planComparison({ from: "2024-03-01", to: "2024-03-31" }, [])).toMatchObject({
      previous: { from: "2024-01-30", to: "2024-02-29" },
      description: "2024-03-01 to 2024-03-31 vs the 31 days before (2024-01-30 to 2024-02-29)",
    });
  });

  it("fills an open side of the range from the onset years present", () => {
    expect(planComparison({ from: "2024-07-01", to: null }, [2010, 2025])).toMatchObject({
      current: { from: "2024-07-01", to: "2025-12-31" },
    });
    expect(planComparison({ from: null, to: "2011-12-31" }, [2010, 2025])).toMatchObject({
      current: { from: "2010-01-01", to: "2011-12-31" },
      previous: { from: "2008-01-01", to: "2009-12-31" },
    });
  });

  it("without a range, the last 5 onset years against the 5 before", () => {
    expect(planComparison({ from: null, to: null }, [1995, 2003, 2025])).toMatchObject({
      kind: "five-years",
      current: { from: "2021-01-01", to: "2025-12-31" },
      previous: { from: "2016-01-01", to: "2020-12-31" },
      description: "last 5 onset years (2021–2025) vs the 5 before (2016–2020)",
    });
  });

  it("plans nothing without dated cases or for an open range over no data", () => {
    expect(planComparison({ from: null, to: null }, [])).toBeNull();
    expect(planComparison({ from: "2020-01-01", to: null }, [])).toBeNull();
  });
});
