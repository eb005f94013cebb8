// Exports through their route handlers on a real database: researchers get small cells suppressed
// (complementary too, a true zero kept), staff the plain figures, metadata that reproduces the
// result, and the staff-only line listing in canonical, formula-safe CSV that re-imports.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as csvExport } from "@/app/api/v1/export/aggregates.csv/route";
import { GET as jsonExport } from "@/app/api/v1/export/aggregates.json/route";
import { GET as casesCsv } from "@/app/api/v1/export/cases.csv/route";
import type { TAggregatesExport } from "@/lib/exports/build-aggregates-export";
import type { TExportGroup } from "@/lib/exports/suppress-aggregates";
import { CSV_COLUMNS } from "@/lib/imports/csv/columns";
import { parseCanonicalCsv } from "@/lib/imports/csv/parse-csv";
import { getAggregates } from "@/lib/queries/aggregates/get-aggregates";
import { parseAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import { writeReferenceData } from "@/seed/write-reference-data";
import { noParams, requestsAs } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { CLASS_PLAN, FIXTURE_TOTAL, FORMULA_DRUG, FORMULA_NARRATIVE, FORMULA_SOURCE_ID, writeFixtureCases } from "./fixture-cases";

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

const url = (file: string, query: string) => `http://nms.test/api/v1/export/${file}?${query}`;
async function exportJson(as: typeof researcher, query: string) {
  const response = await jsonExport(as("GET", url("aggregates.json", query)), noParams);
  return { status: response.status, body: (await response.json()) as TAggregatesExport & { error?: { code: string } } };
}
const byKey = (groups: TExportGroup[], key: string) => groups.find((g) => g.key === key)!;

describe("aggregates export for researchers", () => {
  it("suppresses the small class and a complement, keeps a true zero, and says so", async () => {
    // Table suppression on exact counts (a staff export asking for it): deterministic. Researchers'
    // exports get it on top of their perturbed counts (tests/integration/security/disclosure.test.ts).
    const { status, body } = await exportJson(officer, "by=drugClass&suppress=true");
    expect(status).toBe(200);
    const sg = byKey(body.groups, "second_generation");
    expect(sg).toMatchObject({ cases: null, fatal: null, knownOutcome: null, caseFatality: null, share: null, suppressed: true });
    expect(sg.comparisons).toEqual([]);
    // Complement: the smallest other non-zero class (6 cases), so 3 cannot be had from the total.
    expect(byKey(body.groups, "other_antidopaminergic")).toMatchObject({ cases: null, suppressed: true });
    expect(byKey(body.groups, "dopaminergic_withdrawal")).toMatchObject({ cases: 0, suppressed: false, suppressedFields: [] });
    expect(byKey(body.groups, "first_generation").cases).toBe(CLASS_PLAN.first_generation.cases);
    expect(body.total.cases).toBe(FIXTURE_TOTAL);
    // Deaths are a table of their own: 2 deaths among first-generation cases are hidden too.
    expect(byKey(body.groups, "first_generation")).toMatchObject({ fatal: null, caseFatality: null, suppressedFields: ["fatal"] });
    expect(body.metadata.suppression).toMatchObject({ applied: true, threshold: 5 });
  });

  it("never lets one hidden count stand alone in a line of a cross-tab (cells, row and column totals)", async () => {
    const { body } = await exportJson(officer, "by=sex&then=drugClass&suppress=true");
    const hidden = (g: { cases: number | null }) => g.cases === null;
    const rows = body.groups.map((row) => [...row.groups!.map(hidden), hidden(row)]);
    rows.push([...body.columns!.map(hidden), hidden(body.total)]);
    const lines = [...rows, ...rows[0]!.map((_, j) => rows.map((r) => r[j]!))];
    for (const line of lines) expect(line.filter(Boolean).length).not.toBe(1);
    expect(rows.flat().some(Boolean)).toBe(true);
  });

  it("refuses to switch suppression off or lower the threshold; a higher one hides more", async () => {
    expect((await exportJson(researcher, "by=drugClass&suppress=false")).status).toBe(403);
    expect((await exportJson(researcher, "by=drugClass&threshold=3")).status).toBe(400);
    const strict = await exportJson(researcher, "by=drugClass&threshold=10");
    const antiemetic = byKey(strict.body.groups, "antiemetic").cases; // 8 cases, perturbed by at most 2
    expect(antiemetic === null || antiemetic >= 10).toBe(true);
    expect((await exportJson(researcher, "by=drugClass&bogus=1")).status).toBe(400);
  });

  it("serves the CSV with suppressed cells empty and marked, a true zero as 0, formulas never", async () => {
    const response = await csvExport(officer("GET", url("aggregates.csv", "by=drugClass&ci=exact&suppress=true")), noParams);
    expect(response.headers.get("content-type")).toMatch(/text\/csv/);
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="nms-aggregates-drugClass-[0-9a-f]{16}\.csv"/);
    const rows = parse<Record<string, string>>(await response.text(), { columns: true });
    const row = (key: string) => rows.find((r) => r.by_key === key)!;
    expect(row("second_generation")).toMatchObject({
      level: "group",
      cases: "",
      suppressed: "yes",
      suppressed_fields: "cases fatal knownOutcome",
    });
    expect(row("dopaminergic_withdrawal")).toMatchObject({ cases: "0", suppressed: "no" });
    expect(row("(all)")).toMatchObject({ level: "total", cases: String(FIXTURE_TOTAL), ci_method: "exact" });
    expect(row("first_generation").query).toBe("by=drugClass&ci=exact");
    // A researcher's CSV marks suppression the same way and publishes no count from 1 to 4.
    const theirs = parse<Record<string, string>>(
      await (await csvExport(researcher("GET", url("aggregates.csv", "by=drugClass")), noParams)).text(),
      { columns: true },
    );
    expect(theirs.find((r) => r.by_key === "dopaminergic_withdrawal")).toMatchObject({ cases: "0", suppressed: "no" });
    expect(theirs.every((r) => (r.cases === "" ? r.suppressed === "yes" : Number(r.cases) === 0 || Number(r.cases) >= 5))).toBe(true);
    expect(rows.every((r) => r.app_version === "0.1.0" && /^[0-9a-f]{16}$/.test(r.data_version!))).toBe(true);
  });
});

describe("aggregates export for staff", () => {
  it("is the aggregates answer itself (no suppression unless asked), with reproducible metadata", async () => {
    const { body } = await exportJson(officer, "by=drugClass&sex=female&sex=male");
    const answer = await getAggregates(parseAggregateQuery(new URLSearchParams("by=drugClass&sex=female&sex=male")));
    expect(body.groups.map((g) => [g.key, g.cases, g.fatal, g.caseFatality])).toEqual(
      answer.groups.map((g) => [g.key, g.cases, g.fatal, g.caseFatality]),
    );
    expect(body.metadata.queryString).toBe("by=drugClass&sex=female&sex=male&ci=wilson");
    const again = await exportJson(officer, "sex=male&by=drugClass&sex=female");
    expect(again.body.metadata.dataVersion).toEqual(body.metadata.dataVersion);
    expect(again.body.groups).toEqual(body.groups);
    const asked = await exportJson(officer, "by=drugClass&suppress=true");
    expect(byKey(asked.body.groups, "second_generation").suppressed).toBe(true);
  });
});

describe("line-listing CSV", () => {
  it("is for safety officers and administrators only", async () => {
    const refused = await casesCsv(researcher("GET", url("cases.csv", "")), noParams);
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toMatch(/LEAK-/);
  });

  it("writes the canonical columns, neutralises formulas, filters like the listing, and re-imports", async () => {
    const response = await casesCsv(officer("GET", url("cases.csv", "drugClass=first_generation")), noParams);
    expect(response.status).toBe(200);
    const text = await response.text();
    const rows = parse<Record<string, string>>(text, { columns: true });
    expect(Object.keys(rows[0]!)).toEqual(CSV_COLUMNS.map((c) => c.column));
    expect(rows).toHaveLength(CLASS_PLAN.first_generation.cases);
    const risky = rows.find((r) => r.source_id === `'${FORMULA_SOURCE_ID}`)!;
    expect(risky.narrative).toBe(`'${FORMULA_NARRATIVE}`);
    expect(risky.drugs).toBe(`'${FORMULA_DRUG}:concomitant;haloperidol:suspect`);
    expect(text.split("\r\n").every((line) => !/^[=+\-@]/.test(line))).toBe(true);
    const reimported: string[] = [];
    for await (const record of parseCanonicalCsv({ name: "export.csv", bytes: new TextEncoder().encode(text) })) {
      if (record.kind === "case") reimported.push(record.case.sourceId);
      else expect(record.kind).not.toBe("reject");
    }
    expect(reimported).toHaveLength(CLASS_PLAN.first_generation.cases);
  });
});
