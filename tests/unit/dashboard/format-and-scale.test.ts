// How figures read (lib/format) and how value axes are chosen (lib/dashboard/scale): the edges
// that would otherwise show "0.0%" for a small share, "NaN", or a 60% axis for a 41% maximum.
import { describe, expect, it } from "vitest";
import { niceScale } from "@/lib/dashboard/scale";
import {
  MISSING,
  formatCount,
  formatDateTime,
  formatEstimate,
  formatLocalDateTime,
  formatMeasure,
  formatPercent,
  formatPointChange,
  formatPublishedPercent,
  formatRange,
  formatRelativeChange,
  formatTick,
} from "@/lib/format";

describe("format", () => {
  it("writes a timestamp's date ISO and its time in the reader's zone and locale", () => {
    const at = "2024-05-02T14:03:09.000Z";
    expect(formatDateTime(at)).toBe("2024-05-02 14:03 UTC");
    expect(formatLocalDateTime(at, { timeZone: "UTC", locale: "en-GB" })).toBe("2024-05-02 14:03 UTC");
    expect(formatLocalDateTime(at, { timeZone: "Europe/Berlin", locale: "en-GB" })).toBe("2024-05-02 16:03 CEST");
    // ICU puts a narrow no-break space or a space before AM, by version.
    expect(formatLocalDateTime(at, { timeZone: "America/New_York", locale: "en-US" })).toMatch(/^2024-05-02 10:03\sAM EDT$/);
    // The date is the reader's: 23:30 UTC is the next day in Tokyo.
    expect(formatLocalDateTime("2024-05-02T23:30:00Z", { timeZone: "Asia/Tokyo", locale: "en-GB" })).toBe("2024-05-03 08:30 GMT+9");
    expect(formatLocalDateTime(null)).toBe(MISSING);
    expect(formatLocalDateTime("not a time")).toBe(MISSING);
  });

  it.each([
    [0.0918, "9.2%"],
    [0, "0.0%"],
    [0.0004, "0.04%"],
    [1, "100.0%"],
    [null, MISSING],
    [Number.NaN, MISSING],
  ])("formatPercent(%s) = %s", (value, text) => expect(formatPercent(value)).toBe(text));

  it.each([
    [15.083333333333334, "15.1"],
    [40, "40"],
    [38.95, "39"],
    [1234.56, "1,234.6"],
    [null, MISSING],
    [Number.NaN, MISSING],
  ])("formatMeasure(%s) = %s", (value, text) => expect(formatMeasure(value)).toBe(text));

  it("writes intervals with the unit once, and a dash without one", () => {
    expect(formatRange({ lower: 0.0836, upper: 0.1008 })).toBe("8.4–10.1%");
    expect(formatRange({ lower: 14.17, upper: 15.44 }, "rate")).toBe("14.2–15.4");
    expect(formatEstimate({ estimate: 0.0919, lower: 0.0837, upper: 0.1008 })).toBe("9.2% (95% CI 8.4–10.1%)");
    expect(formatEstimate(null)).toBe(MISSING);
  });

  it("writes changes as relative for counts and in points for proportions", () => {
    expect(formatRelativeChange(1137, 985)).toBe("+15.4%");
    expect(formatRelativeChange(90, 100)).toBe("−10.0%");
    expect(formatRelativeChange(5, 0)).toBe(MISSING);
    expect(formatRelativeChange(0, 0)).toBe("no change");
    expect(formatPointChange(0.051, 0.055)).toBe("−0.4 pp");
    expect(formatPointChange(null, 0.1)).toBe(MISSING);
  });

  it("prints published figures and ticks without trailing zeros", () => {
    expect(formatPublishedPercent(0.0323)).toBe("3.23%");
    expect(formatPublishedPercent(2 / 3)).toBe("66.67%");
    expect(formatTick(0.2, "percent")).toBe("20%");
    expect(formatTick(12500, "count")).toBe(formatCount(12500));
  });
});

describe("niceScale", () => {
  it.each([
    [
      [0.38, 0.13],
      [0, 0.1, 0.2, 0.3, 0.4, 0.5],
    ],
    [[0.185], [0, 0.05, 0.1, 0.15, 0.2]],
    [
      [15.4, 15],
      [0, 5, 10, 15, 20],
    ],
    [[0], [0, 0.25, 0.5, 0.75, 1]],
  ])("%j → ticks %j", (values, ticks) => {
    const scale = niceScale(values);
    expect(scale.ticks).toEqual(ticks);
    expect(scale.max).toBe(ticks[ticks.length - 1]);
  });

  it("always leaves the highest value inside the axis", () => {
    for (const top of [0.011, 0.37, 0.99, 3.2, 47, 1234]) expect(niceScale([top]).max).toBeGreaterThan(top);
  });
});
