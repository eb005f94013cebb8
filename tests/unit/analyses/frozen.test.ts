// The frozen form and its comparison, without a database: a stored result is read back as the very
// object stored (key order kept, so exports re-serialise to the same bytes), a damaged one names
// its failing fields, and the comparison pairs rows by key with today − frozen as the difference.
import { describe, expect, it } from "vitest";
import { compareFrozen } from "@/lib/analyses/compare-frozen";
import { frozenExport } from "@/lib/analyses/frozen-export";
import { readFrozen, type TFrozenResult } from "@/lib/analyses/frozen-schema";
import type { TAggregatesExport } from "@/lib/exports/build-aggregates-export";
import type { TExportGroup } from "@/lib/exports/suppress-aggregates";

const ci = (x: number, n: number) => ({ estimate: x / n, lower: 0, upper: 1, method: "wilson" as const });
const figures = (cases: number | null, fatal: number | null, known: number) => ({
  cases,
  fatal,
  knownOutcome: known,
  caseFatality: fatal === null ? null : ci(fatal, known),
  share: null,
  comparisons: [],
  suppressed: cases === null,
  suppressedFields: cases === null ? (["cases"] as const).slice() : [],
});
const group = (key: string, cases: number | null, fatal: number | null, known: number): TExportGroup => ({
  key,
  label: key.toUpperCase(),
  ...figures(cases, fatal, known),
  rate: null,
});

function exportOf(groups: TExportGroup[], version: string): TAggregatesExport {
  const total = groups.reduce((n, g) => n + (g.cases ?? 0), 0);
  return {
    metadata: {
      query: { by: "sex", then: null } as TAggregatesExport["metadata"]["query"],
      queryString: "by=sex&ci=wilson",
      generatedAt: "2026-01-01T00:00:00.000Z",
      dataVersion: { version, liveCases: total, lastCaseChange: null },
      appVersion: "0.1.0",
      suppression: { applied: false, threshold: 0, zeros: "published", note: "none" },
      rates: "…",
    },
    total: figures(total, 1, 10),
    groups,
    columns: null,
  };
}

function result(data: TAggregatesExport): Extract<TFrozenResult, { kind: "export" | "dashboard" }> {
  return {
    format: "nms-watch/frozen-analysis",
    formatVersion: 1,
    kind: "export",
    query: data.metadata.queryString,
    frozenAt: "2026-01-01T00:00:00.000Z",
    appVersion: "0.1.0",
    dataVersion: data.metadata.dataVersion.version,
    audience: { kind: "staff" },
    sections: [{ key: "sex", title: "Export", export: data }],
  };
}

describe("frozen results", () => {
  const frozen = result(exportOf([group("male", 7, 1, 6), group("female", null, null, 3)], "aaaa"));
  const today = result(exportOf([group("male", 9, 1, 8), group("female", 5, 0, 4), group("unknown", 2, 0, 2)], "bbbb"));

  it("read back the object stored, byte for byte when serialised again", () => {
    const text = JSON.stringify(frozen);
    const read = readFrozen(text, "id-1");
    expect(JSON.stringify(read)).toBe(text);
    const exported = frozenExport(read, undefined, new Date("2027-05-05T05:05:05.000Z"));
    expect(JSON.stringify(exported)).toBe(
      JSON.stringify(frozen.sections[0]!.export).replace("2026-01-01T00:00:00.000Z", "2027-05-05T05:05:05.000Z"),
    );
  });

  it("name every failing field of a damaged stored form", () => {
    const damaged = JSON.stringify(frozen)
      .replace('"key":"male","label":"MALE","cases":7', '"key":"male","label":"MALE","cases":-7')
      .replace('"formatVersion":1', '"formatVersion":9');
    expect(() => readFrozen(damaged, "id-2")).toThrow(/saved analysis id-2 is damaged/);
    try {
      readFrozen(damaged, "id-2");
    } catch (error) {
      const paths = (error as { issues: { path: string }[] }).issues.map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(["frozen.formatVersion", "frozen.sections.0.export.groups.0.cases"]));
    }
    expect(() => readFrozen("[1, 2", "id-3")).toThrow(/damaged/);
  });

  it("compare figure by figure: today − frozen, none where either side is suppressed, new rows shown alone", () => {
    const comparison = compareFrozen(frozen, today);
    const row = (key: string, measure: string) => comparison.rows.find((r) => r.key === key && r.measure === measure);
    expect(row("male", "cases")).toMatchObject({ frozen: 7, today: 9, difference: 2 });
    expect(row("male", "caseFatality")).toMatchObject({ frozen: 1 / 6, today: 1 / 8, difference: 1 / 8 - 1 / 6 });
    expect(row("female", "cases")).toMatchObject({ frozen: null, today: 5, difference: null });
    expect(row("unknown", "cases")).toMatchObject({ frozen: null, today: 2, difference: null });
    expect(row("total", "cases")).toMatchObject({ frozen: 7, today: 16, difference: 9 });
    expect(comparison).toMatchObject({ frozenVersion: "aaaa", todayVersion: "bbbb" });
    expect(compareFrozen(frozen, frozen).changed).toBe(0);
  });
});
