import { describe, expect, it } from "vitest";
import { garwoodInterval, incidenceRate } from "@/lib/stats/poisson";
import { expectClose, reportLargestErrorsAfterAll } from "./expect-close";

reportLargestErrorsAfterAll();

// R 4.2.2: poisson.test(count, 1, conf.level = level)$conf.int (reference/reference-values.R).
const GARWOOD = [
  { count: 0, level: 0.95, lower: 0, upper: 3.68887945411 },
  { count: 1, level: 0.95, lower: 0.0253178079843, upper: 5.57164339094 },
  { count: 2, level: 0.95, lower: 0.242209278544, upper: 7.22468766772 },
  { count: 5, level: 0.95, lower: 1.62348639012, upper: 11.6683320793 },
  { count: 10, level: 0.95, lower: 4.79538869613, upper: 18.390356042 },
  { count: 50, level: 0.95, lower: 37.1109637375, upper: 65.9187666643 },
  { count: 1000, level: 0.95, lower: 938.973018408, upper: 1063.95213602 },
  { count: 5000, level: 0.95, lower: 4862.35918869, upper: 5140.54894854 },
  { count: 0, level: 0.9, lower: 0, upper: 2.99573227355 },
  { count: 3, level: 0.99, lower: 0.337863388728, upper: 10.9774774953 },
  { count: 25, level: 0.8, lower: 18.844324197, upper: 32.7112067072 },
];

// R 4.2.2: poisson.test(events, personYears, conf.level = level)$conf.int * 1e5 (reference-values.R).
const INCIDENCE = [
  { events: 15, personYears: 100000, level: 0.95, per100k: 15, lower: 8.39538613278, upper: 24.7402188715 },
  { events: 3, personYears: 12345.6, level: 0.95, per100k: 24.300155521, lower: 5.01127626762, upper: 71.0153663633 },
  { events: 0, personYears: 5000, level: 0.95, per100k: 0, lower: 0, upper: 73.7775890823 },
  { events: 250, personYears: 1500000, level: 0.95, per100k: 16.6666666667, lower: 14.6645330421, upper: 18.8658470028 },
  { events: 1, personYears: 0.5, level: 0.95, per100k: 200000, lower: 5063.56159686, upper: 1114328.67819 },
  { events: 42, personYears: 987654, level: 0.9, per100k: 4.25250138206, lower: 3.23373678652, upper: 5.50030136938 },
  { events: 1500, personYears: 1e7, level: 0.95, per100k: 15, lower: 14.2504246826, upper: 15.7787704712 },
];

describe("garwoodInterval", () => {
  it.each(GARWOOD)("matches poisson.test for count = $count, level = $level", ({ count, level, lower, upper }) => {
    const result = garwoodInterval(count, level);
    expectClose(result.lower, lower, 1e-6, "garwood lower");
    expectClose(result.upper, upper, 1e-6, "garwood upper");
  });

  it("defaults to 95% and gives −ln(0.025) as the upper limit for zero events", () => {
    expect(garwoodInterval(0)).toEqual({ lower: 0, upper: garwoodInterval(0, 0.95).upper });
    expectClose(garwoodInterval(0).upper, -Math.log(0.025), 1e-12, "garwood upper");
  });

  it.each([[-1], [2.5], [Number.NaN]])("rejects count = %s with a RangeError naming count", (count) => {
    expect(() => garwoodInterval(count)).toThrow(/^count must be/);
  });
});

describe("incidenceRate", () => {
  it.each(INCIDENCE)(
    "matches poisson.test for $events events in $personYears person-years",
    ({ events, personYears, level, per100k, lower, upper }) => {
      const result = incidenceRate(events, personYears, 100_000, level);
      expect(result?.events).toBe(events);
      expect(result?.personYears).toBe(personYears);
      expectClose(result?.per100k, per100k, 1e-6, "incidence rate");
      expectClose(result?.lower, lower, 1e-6, "incidence lower");
      expectClose(result?.upper, upper, 1e-6, "incidence upper");
    },
  );

  it("returns null when there is no person-time, with or without events", () => {
    expect(incidenceRate(0, 0)).toBeNull();
    expect(incidenceRate(3, 0)).toBeNull();
  });

  it("scales by `per` (here per 1,000)", () => {
    const per1000 = incidenceRate(15, 100_000, 1000);
    expectClose(per1000?.per100k, 0.15, 1e-12, "incidence rate");
    expectClose(per1000?.upper, 0.247402188715, 1e-6, "incidence upper");
  });

  it.each([
    [() => incidenceRate(1, -5), /^personYears must be/],
    [() => incidenceRate(1, Number.POSITIVE_INFINITY), /^personYears must be/],
    [() => incidenceRate(-1, 10), /^events must be/],
    [() => incidenceRate(1, 10, 0), /^per must be/],
    [() => incidenceRate(1, 10, 100_000, 95), /^level must/],
  ])("throws a RangeError naming the bad argument (%#)", (call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
