import { describe, expect, it } from "vitest";
import { informationComponent, informationComponentFromTable } from "@/lib/stats/disproportionality";
import { expectRelative } from "./expect-relative";

// R references (reference.R, R 4.2.2): IC = log2((O + .5)/(E + .5)),
// IC_q = log2(qgamma(q, O + .5, rate = E + .5)) — Norén, Hopstadius & Bate 2013.
const IC = [
  { o: 0, e: 0.1, ic: -0.263034405834, ic025: -10.2549222216, ic975: 2.0657693755, ic05: -8.25350400215, ic95: 1.67861988264 },
  { o: 1, e: 0.05, ic: 1.44745897697, ic025: -2.34976829139, ic975: 3.08721649809, ic05: -1.64448620408, ic95: 2.82869211794 },
  { o: 3, e: 0.5, ic: 1.80735492206, ic025: -0.243088433784, ic975: 3.00115047589, ic05: 0.115932089129, ic95: 2.81425718403 },
  { o: 10, e: 2.3, ic: 1.90689059561, ic025: 0.876748149696, ic975: 2.66346156848, ic05: 1.04954429414, ic95: 2.54449304079 },
  { o: 50, e: 49, ic: 0.0288548626722, ic025: -0.398933184603, ic975: 0.400755494554, ic05: -0.328991540584, ic95: 0.341708861736 },
  { o: 1000, e: 800, ic: 0.321747859389, ic025: 0.230926531557, ic975: 0.409760779169, ic05: 0.245577898924, ic95: 0.395655597278 },
  { o: 5000, e: 4000, ic: 0.321892031568, ic025: 0.281622435386, ic975: 0.361599827768, ic05: 0.288106396085, ic95: 0.355225116061 },
  { o: 0, e: 0, ic: 0, ic025: -9.99188781581, ic975: 2.32880378134, ic05: -7.99046959632, ic95: 1.94165428847 },
];

describe("information component against R", () => {
  it.each(IC)("O=$o E=$e", (row) => {
    const r95 = informationComponent(row.o, row.e);
    expectRelative(r95.ic, row.ic, 1e-10, "IC");
    expectRelative(r95.lower, row.ic025, 1e-9, "IC025");
    expectRelative(r95.upper, row.ic975, 1e-9, "IC975");
    const r90 = informationComponent(row.o, row.e, { credibility: 0.9 });
    expectRelative(r90.lower, row.ic05, 1e-9, "IC05");
    expectRelative(r90.upper, row.ic95, 1e-9, "IC95");
  });

  it("from a 2×2 table uses E = (a + b)(a + c)/N", () => {
    const r = informationComponentFromTable({ a: 10, b: 90, c: 20, d: 880 });
    expect(r.expected).toBeCloseTo(3, 12);
    expectRelative(r.ic, Math.log2(10.5 / 3.5), 1e-12);
  });

  it("an empty table has no expected count: nulls with a reason", () => {
    const r = informationComponentFromTable({ a: 0, b: 0, c: 0, d: 0 });
    expect(r).toMatchObject({ expected: null, ic: null, lower: null, upper: null });
    expect(r.reason).toMatch(/N = 0/);
  });

  it("rejects invalid counts and levels", () => {
    expect(() => informationComponent(-1, 1)).toThrow(RangeError);
    expect(() => informationComponent(1.5, 1)).toThrow(RangeError);
    expect(() => informationComponent(1, -0.1)).toThrow(RangeError);
    expect(() => informationComponent(1, Infinity)).toThrow(RangeError);
    expect(() => informationComponent(1, 1, { credibility: 0 })).toThrow(RangeError);
  });
});
