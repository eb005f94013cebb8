import { describe, expect, it } from "vitest";
import { rateRatio } from "@/lib/stats/rate-ratio";
import { expectClose, reportLargestErrorsAfterAll } from "./expect-close";

reportLargestErrorsAfterAll();

// R 4.2.2: poisson.test(c(events1, events2), c(py1, py2), conf.level = level) — $estimate and
// $conf.int; R's Inf is written null, the app's encoding of "unbounded" (reference-values.R).
const RATE_RATIOS = [
  { events1: 10, py1: 1000, events2: 5, py2: 1500, level: 0.95, estimate: 3, lower: 0.934289331524, upper: 11.1859438663 },
  { events1: 0, py1: 1000, events2: 7, py2: 2000, level: 0.95, estimate: 0, lower: 0, upper: 1.38762796019 },
  { events1: 7, py1: 2000, events2: 0, py2: 1000, level: 0.95, estimate: null, lower: 0.720654259418, upper: null },
  { events1: 30, py1: 12000, events2: 45, py2: 31000, level: 0.9, estimate: 1.72222222222, lower: 1.13179199287, upper: 2.59850355474 },
  { events1: 1, py1: 1, events2: 1, py2: 1, level: 0.95, estimate: 1, lower: 0.0127393670837, upper: 78.4968353163 },
  { events1: 120, py1: 500000, events2: 80, py2: 600000, level: 0.99, estimate: 1.8, lower: 1.23268001034, upper: 2.65113117221 },
];

describe("rateRatio", () => {
  it.each(RATE_RATIOS)(
    "matches poisson.test for $events1/$py1 vs $events2/$py2 at $level",
    ({ events1, py1, events2, py2, level, estimate, lower, upper }) => {
      const result = rateRatio(events1, py1, events2, py2, level);
      expectClose(result?.estimate ?? null, estimate, 1e-6, "rate ratio estimate");
      expectClose(result?.lower, lower, 1e-6, "rate ratio lower");
      expectClose(result?.upper ?? null, upper, 1e-6, "rate ratio upper");
    },
  );

  it("is null without person-time in either group or without any events", () => {
    expect(rateRatio(3, 0, 4, 100)).toBeNull();
    expect(rateRatio(3, 100, 4, 0)).toBeNull();
    expect(rateRatio(0, 100, 0, 200)).toBeNull();
  });

  it("serialises to JSON without Infinity when the ratio is unbounded", () => {
    expect(JSON.stringify(rateRatio(7, 2000, 0, 1000))).toMatch(/"estimate":null,.*"upper":null/);
  });

  it.each([
    [() => rateRatio(1.5, 10, 1, 10), /^events1 must be/],
    [() => rateRatio(1, -10, 1, 10), /^py1 must be/],
    [() => rateRatio(1, 10, -1, 10), /^events2 must be/],
    [() => rateRatio(1, 10, 1, Number.NaN), /^py2 must be/],
    [() => rateRatio(1, 10, 1, 10, 1.5), /^level must/],
  ])("throws a RangeError naming the bad argument (%#)", (call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
