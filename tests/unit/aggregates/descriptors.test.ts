// One descriptor per dimension (lib/queries/aggregates/descriptors.ts), and every place that
// used to list the dimensions or filters by hand derived from it: the query schema, both URL
// directions, the line listing's filters, drill-down, the filter bar, the export form's and
// page's parameters, the API description, the rollup mapping and the incidence strata. A new
// descriptor that one of them misses fails here, not silently in production.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { staticFilterOptions } from "@/app/_dashboard/filter-options";
import { parsePageParams } from "@/app/exports/page-params";
import { queryParameters } from "@/lib/api/openapi-schemas";
import { drillHref } from "@/lib/dashboard/drill";
import { parseDashboardFilters, type TDashboardFilters } from "@/lib/dashboard/filters";
import { paramsObject } from "@/lib/domain/search-params";
import { canonicalQueryString } from "@/lib/exports/export-options";
import {
  DESCRIPTORS,
  DIMENSIONS,
  FILTER_KEYS,
  categoriesOf,
  noFilterValues,
  type TDimension,
  type TFilterKey,
} from "@/lib/queries/aggregates/descriptors";
import { DIMENSION_SQL } from "@/lib/queries/aggregates/dimensions";
import { planIncidence } from "@/lib/queries/aggregates/incidence";
import { LISTING_FILTER_PARAMS, ZAggregateQuery, parseAggregateQuery, type TAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import { querySearch } from "@/lib/queries/aggregates/query-url";
import { CUBOIDS, ROLLUP_COLUMNS, chooseCuboid } from "@/lib/queries/aggregates/rollup";
import type { TExposureStratum } from "@/lib/queries/aggregates/get-exposure-strata";
import { ZCaseListQuery } from "@/lib/queries/find-cases";

const NONE: TDashboardFilters = { from: null, to: null, ...noFilterValues(), meetsConsensus: null, ci: "wilson" };
const query = (by: TDimension, then: TDimension | null = null, filters: Partial<TDashboardFilters> = {}): TAggregateQuery => ({
  ...NONE,
  ...filters,
  by,
  then,
});
/** Some categories of a filter: the fixed ones, or a few real values for the data-dependent ones. */
const someValues = (key: TFilterKey): string[] => (key === "country" ? ["GB", "US", "unknown"] : categoriesOf(key, NONE).map((c) => c.key));

describe("the dimension descriptors", () => {
  it("every filter is a dimension of the same name; only the onset year is a dimension without one", () => {
    expect(DIMENSIONS.filter((d) => !(FILTER_KEYS as readonly string[]).includes(d))).toEqual(["year"]);
    for (const key of FILTER_KEYS) expect(someValues(key).length).toBeGreaterThan(0);
  });

  it("the query schema takes every dimension as by/then and every filter, normalised by its codec", () => {
    for (const by of DIMENSIONS) expect(ZAggregateQuery.parse({ by }).by).toBe(by);
    const parsed = ZAggregateQuery.parse({ by: "sex" });
    expect(Object.keys(parsed).sort()).toEqual(["by", "ci", "from", "meetsConsensus", "then", "to", ...FILTER_KEYS].sort());
    for (const key of FILTER_KEYS) {
      const value = someValues(key)[0]!;
      expect(parseAggregateQuery(new URLSearchParams({ by: "sex", [key]: value }))[key]).toEqual([value]);
      expect(() => parseAggregateQuery(new URLSearchParams({ by: "sex", [key]: "no-such-value" }))).toThrow(key);
    }
  });

  it("the line listing takes the same filters and normalises them as the aggregates do", () => {
    for (const key of FILTER_KEYS) {
      for (const value of someValues(key)) {
        const raw = key === "country" ? value.toLowerCase() : key === "ageBand" && value === "65+" ? "65 " : value;
        const listing = ZCaseListQuery.parse({ [key]: raw });
        expect(listing[key]).toEqual(parseAggregateQuery(new URLSearchParams({ by: "sex", [key]: raw }))[key]);
      }
      expect(ZCaseListQuery.safeParse({ [key]: "no-such-value" }).success).toBe(false);
    }
  });

  it("query → URL → query gives the same query, in either direction's every use", () => {
    const filterValues = fc.record(
      Object.fromEntries(FILTER_KEYS.map((key) => [key, fc.subarray(someValues(key), { maxLength: 2 })])) as Record<
        TFilterKey,
        fc.Arbitrary<string[]>
      >,
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...DIMENSIONS),
        fc.constantFrom(null, ...DIMENSIONS),
        filterValues,
        fc.constantFrom("wilson", "exact"),
        (by, then, filters, ci) => {
          const original = parseAggregateQuery(
            new URLSearchParams([
              ["by", by],
              ...(then && then !== by ? [["then", then]] : []),
              ["ci", ci],
              ...Object.entries(filters).flatMap(([k, vs]) => vs.map((v) => [k, v])),
            ]),
          );
          expect(parseAggregateQuery(querySearch(original))).toEqual(original);
          expect(parseAggregateQuery(new URLSearchParams(canonicalQueryString(original)))).toEqual(original);
          const { by: _b, then: _t, ...dashboard } = original;
          const reread = parseDashboardFilters(querySearch(dashboard));
          expect(reread.ok && reread.filters).toEqual(dashboard);
          // The listing reads the dashboard's URL as the same filters.
          const listing = ZCaseListQuery.parse(paramsObject(querySearch({ ...dashboard, ci: "wilson" })));
          for (const key of FILTER_KEYS) expect(listing[key]).toEqual(original[key]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("drill-down puts each filter's category into the listing URL", () => {
    for (const key of FILTER_KEYS) {
      const value = someValues(key)[0]!;
      const href = drillHref(NONE, { [key]: value });
      expect(new URL(href!, "http://x").searchParams.getAll(key)).toEqual([value]);
    }
  });

  it("the filter bar offers one select per filter, labelled by its descriptor", () => {
    const selects = staticFilterOptions(["US"]);
    expect(selects.map((s) => s.key)).toEqual(FILTER_KEYS);
    for (const select of selects) {
      const d = DESCRIPTORS[select.key as TFilterKey];
      expect([select.label, select.all]).toEqual([d.label, d.allLabel]);
      expect(select.options.length).toBeGreaterThan(0);
    }
  });

  it("the exports page passes every filter on to the line listing, and the API description lists each", () => {
    const raw = Object.fromEntries(FILTER_KEYS.map((key) => [key, someValues(key)[0]!]));
    const page = parsePageParams({ by: "sex", ...raw }, "admin");
    expect(page.ok).toBe(true);
    for (const key of FILTER_KEYS) expect(page.listingSearch.get(key)).toBe(raw[key]);
    expect([...LISTING_FILTER_PARAMS]).toEqual(expect.arrayContaining([...FILTER_KEYS]));
    const parameters = queryParameters(ZAggregateQuery).map((p) => p.name);
    expect(parameters).toEqual(expect.arrayContaining([...FILTER_KEYS]));
    for (const key of FILTER_KEYS) {
      const values = DESCRIPTORS[key].filter.values;
      if (values) expect(queryParameters(ZAggregateQuery).find((p) => p.name === key)?.schema.items).toMatchObject({ enum: [...values] });
    }
  });

  it("the SQL and the rollup map every dimension: a rollup column the migration holds, or the case tables", () => {
    for (const dimension of DIMENSIONS) {
      const d = DESCRIPTORS[dimension];
      expect(DIMENSION_SQL[dimension].kind).toBe(d.sql.kind);
      const cuboid = chooseCuboid(query(dimension), null);
      if (d.rollupColumn === null) {
        expect(cuboid).toBeNull();
        continue;
      }
      expect(ROLLUP_COLUMNS).toContain(d.rollupColumn);
      expect(CUBOIDS.some((columns) => columns.includes(d.rollupColumn!))).toBe(true);
      // Grouped by it (years whole) the rollup answers, from a cuboid holding its column.
      expect(cuboid?.columns).toContain(dimension === "year" ? "year" : d.rollupColumn);
    }
  });

  it("incidence: a rate only by stratified dimensions, and no rate under a filter exposure is not broken down by", () => {
    const strata: TExposureStratum[] = [
      { drugClass: "first_generation", year: 2020, sex: "all", ageBand: "all", country: "", personYears: 1000, source: "test" },
    ];
    for (const dimension of DIMENSIONS) {
      const plan = planIncidence(query("drugClass", dimension === "drugClass" ? null : dimension), strata);
      const refused = "note" in plan && plan.note.includes(`not broken down by ${dimension}`);
      expect(refused).toBe(!DESCRIPTORS[dimension].stratified);
    }
    // Country filters alone may keep a rate: exposure names one country or all (incidence.ts).
    for (const key of FILTER_KEYS) {
      const plan = planIncidence(query("drugClass", null, { [key]: [someValues(key)[0]!] }), strata);
      const refused = "note" in plan && plan.note.includes(`with a ${key} filter`);
      expect(refused).toBe(!DESCRIPTORS[key].stratified && key !== "country");
    }
  });
});
