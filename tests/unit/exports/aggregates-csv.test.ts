// The aggregates CSV: one tidy row per figure set, suppressed cells empty and marked, a true
// zero as 0, comparisons as columns, metadata on every row.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { aggregatesCsv } from "@/lib/exports/aggregates-csv";
import type { TAggregatesExport } from "@/lib/exports/build-aggregates-export";
import { suppressAggregates, unsuppressedAggregates } from "@/lib/exports/suppress-aggregates";
import { crossTab, line } from "./aggregate-fixture";

const metadata = (query: TAggregatesExport["metadata"]["query"]): TAggregatesExport["metadata"] => ({
  query,
  queryString: "by=sex&ci=wilson",
  generatedAt: "2026-01-01T00:00:00.000Z",
  dataVersion: { version: "0123456789abcdef", liveCases: 33, lastCaseChange: null },
  appVersion: "9.9.9",
  suppression: { applied: true, threshold: 5, zeros: "published", note: "" },
  rates: "A reporting rate is not an incidence.",
});

describe("aggregatesCsv", () => {
  it("writes a total row, a row per group, and the metadata", () => {
    const answer = line("by=sex", {
      male: { cases: 3, fatal: 0, knownOutcome: 3 },
      female: { cases: 20, fatal: 2, knownOutcome: 18 },
      unknown: { cases: 0, fatal: 0, knownOutcome: 0 },
    });
    const data = { metadata: metadata(answer.query), ...suppressAggregates(answer, null, { threshold: 5 }) };
    const rows = parse<Record<string, string>>(aggregatesCsv(data), { columns: true });
    expect(rows.map((r) => [r.level, r.by_key])).toEqual([
      ["total", "(all)"],
      ["group", "male"],
      ["group", "female"],
      ["group", "unknown"],
    ]);
    expect(rows[1]).toMatchObject({ cases: "", suppressed: "yes", suppressed_fields: "cases fatal knownOutcome" });
    expect(rows[3]).toMatchObject({ cases: "0", suppressed: "no", suppressed_fields: "" });
    expect(rows[0]).toMatchObject({ data_version: "0123456789abcdef", app_version: "9.9.9", suppression: "threshold 5" });
    // The total's 2 deaths are hidden, so its case-fatality comparison is too; unsuppressed it shows.
    expect(rows[0]!["b-case_fatality_verdict"]).toBe("");
    const plain = parse<Record<string, string>>(aggregatesCsv({ ...data, ...unsuppressedAggregates(answer, null) }), { columns: true });
    expect(plain[0]).toMatchObject({ "b-case_fatality_verdict": "consistent", "b-case_fatality_p_value": "0.5", cases: "23", fatal: "2" });
  });

  it("adds the second dimension's columns, cells and column totals for a cross-tab", () => {
    const { answer, columns } = crossTab("by=sex&then=source", {
      male: { manual: { cases: 9, fatal: 1, knownOutcome: 8 }, csv: { cases: 12, fatal: 0, knownOutcome: 10 } },
      female: { manual: { cases: 7, fatal: 0, knownOutcome: 7 }, csv: { cases: 11, fatal: 2, knownOutcome: 9 } },
    });
    const data = { metadata: metadata(answer.query), ...suppressAggregates(answer, columns, { threshold: 5 }) };
    const rows = parse<Record<string, string>>(aggregatesCsv(data), { columns: true });
    expect(rows.map((r) => `${r.level}:${r.by_key}/${r.then_key}`)).toEqual([
      "total:(all)/(all)",
      "group:male/(all)",
      "cell:male/manual",
      "cell:male/csv",
      "group:female/(all)",
      "cell:female/manual",
      "cell:female/csv",
      "column:(all)/manual",
      "column:(all)/csv",
    ]);
    expect(rows.find((r) => r.level === "cell" && r.by_key === "female" && r.then_key === "csv")!.cases).toBe("11");
  });
});
