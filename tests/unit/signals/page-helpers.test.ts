// The signals page's pure helpers: number formats, sorting with nulls last, the CSV, log ticks.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { formatCount, formatInterval, formatNumber, formatTick } from "@/app/signals/_components/format";
import { logDomain, logTicks } from "@/app/signals/_components/log-ticks";
import { signalsCsv } from "@/app/signals/_components/signals-csv";
import { parseSort, sortRows } from "@/app/signals/_components/sort-rows";
import type { TInterval, TSignalRow } from "@/lib/queries/signals/score-tables";

const interval = (estimate: number | null, lower: number | null = null, upper: number | null = null): TInterval => ({
  estimate,
  lower,
  upper,
  reason: estimate === null ? "why" : null,
});
const row = (key: string, a: number, prr: number | null): TSignalRow => ({
  kind: "drug",
  key,
  label: key[0]!.toUpperCase() + key.slice(1),
  drugClass: "first_generation",
  a,
  drugReports: 10 * a,
  table: { a, b: 9 * a, c: 5, d: 100 },
  expected: 1.5,
  prr: { ...interval(prr, prr, prr), chiSquare: null, pValue: null },
  ror: interval(2.5, 1.25, 5),
  ic: interval(-0.5, -1.2, 0.3),
  ebgm: interval(null),
  flags: { prr: true, ror: false, ic: null, ebgm: null, any: true },
  reason: null,
});

describe("formats", () => {
  it("writes statistics to 3 significant digits, counts whole, intervals with commas", () => {
    expect([formatNumber(1.6), formatNumber(0.5), formatNumber(1234.5), formatNumber(0), formatNumber(null)]).toEqual([
      "1.60",
      "0.500",
      "1,235",
      "0",
      "—",
    ]);
    expect(formatCount(35000)).toBe("35,000");
    expect(formatInterval(interval(-0.5, -1.2, 0.3))).toBe("-0.500 (-1.20, 0.300)");
    expect(formatInterval(interval(0))).toBe("0");
    expect(formatInterval(interval(null))).toBe("—");
    expect([formatTick(0.05), formatTick(2), formatTick(20)]).toEqual(["0.05", "2", "20"]);
  });
});

describe("sorting", () => {
  const rows = [row("b", 3, 2), row("a", 5, null), row("c", 1, 4)];
  it("sorts by a column either way, rows without a value last", () => {
    expect(sortRows(rows, "prr", "desc").map((r) => r.key)).toEqual(["c", "b", "a"]);
    expect(sortRows(rows, "prr", "asc").map((r) => r.key)).toEqual(["b", "c", "a"]);
    expect(sortRows(rows, "drug", "asc").map((r) => r.key)).toEqual(["a", "b", "c"]);
  });
  it("reads unknown sort parameters as the default", () => {
    expect(parseSort("bogus", "sideways")).toEqual({ key: "a", dir: "desc" });
    expect(parseSort("drug", null)).toEqual({ key: "drug", dir: "asc" });
  });
});

describe("CSV export", () => {
  it("has a header and one full-precision row per drug; empty cells for missing values; the query and data version", () => {
    const query = JSON.stringify({ source: "faers", from: "2024Q1" });
    const lines = signalsCsv([row("haloperidol", 3, 2.123456789)], { query, dataVersion: "0123abcd" })
      .trimEnd()
      .split("\r\n");
    expect(lines).toHaveLength(2);
    const parsed = parse<Record<string, string>>(lines.join("\n"), { columns: true });
    expect(parsed[0]).toMatchObject({
      key: "haloperidol",
      a: "3",
      b: "27",
      prr: "2.123456789",
      ebgm: "",
      signal_prr: "true",
      signal_ic: "",
      query,
      data_version: "0123abcd",
    });
  });
});

describe("log axis", () => {
  it("spans powers of ten around the data and always holds 1", () => {
    expect(logDomain(3, 40)).toEqual([0.5, 100]);
    expect(logDomain(0.03, 0.8)).toEqual([0.01, 2]);
    expect(logTicks([0.5, 100])).toEqual([0.5, 1, 2, 5, 10, 20, 50, 100]);
    expect(logTicks([0.001, 1000])).toEqual([0.001, 0.01, 0.1, 1, 10, 100, 1000]);
  });
});
