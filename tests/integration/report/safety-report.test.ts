// `cli report`: the periodic safety report rendered from demo data (synthetic cases and exposure,
// plus a FAERS quarter for the background counts) to PDF by Chromium; the text pdftotext extracts
// from the pages must carry the numbers GET /api/v1/aggregates and /api/v1/signals answer.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAggregatesRoute } from "@/app/api/v1/aggregates/route";
import { GET as getSignalsRoute } from "@/app/api/v1/signals/route";
import { GET as getReportRoute } from "@/app/api/v1/reports/safety/route";
import { reportCommand } from "@/lib/cli/commands/report";
import { readEnv } from "@/lib/db/config";
import { formatCount, formatPercent, formatRange } from "@/lib/format";
import type { TAggregatesResponse } from "@/lib/queries/aggregates/types";
import type { TSignalReport } from "@/lib/queries/get-signal-tables";
import { runImport } from "@/lib/imports/write/run-import";
import { createTopic } from "@/lib/signals/topics/topic-commands";
import { ZTopicCreate } from "@/lib/signals/topics/topic-schema";
import { writeDemoCases, writeDemoExposure } from "@/seed/write-demo-data";
import { writeReferenceData } from "@/seed/write-reference-data";
import { noParams, requestsAs } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { MAIN_QUARTER, quarterFiles } from "../../unit/imports/faers-fixtures";

const FROM = "2023-01-01";
const TO = "2023-12-31";
const CASES = 1500;
let database: TTestDatabase;
let work: string;
let pdfText: string;
let html: string;
let pages: number;
let get: (method: string, url: string) => Request;

const tools = existsSync(readEnv().chromiumPath) && existsSync("/usr/bin/pdftotext");
/** One line of text; pdftotext may drop the spaces around a slash ("0 / 9" → "0/9"). */
const squash = (text: string) => text.replace(/\s+/g, " ").replace(/ ?\/ ?/g, "/");

async function aggregates(query: string): Promise<TAggregatesResponse> {
  const response = await getAggregatesRoute(get("GET", `http://localhost/api/v1/aggregates?${query}`), noParams);
  expect(response.status).toBe(200);
  return (await response.json()) as TAggregatesResponse;
}

beforeAll(async () => {
  if (!tools) return;
  database = await openTestDatabase();
  await writeReferenceData();
  await writeDemoCases(CASES, { seed: 19 });
  await writeDemoExposure(CASES, 19);
  work = mkdtempSync(path.join(os.tmpdir(), "nms-report-"));
  const quarter = path.join(work, "2023Q4");
  mkdirSync(quarter);
  for (const [file, content] of Object.entries(quarterFiles(MAIN_QUARTER))) writeFileSync(path.join(quarter, file), content);
  await runImport(quarter);
  get = await requestsAs("safety_officer");
  await createTopic(
    ZTopicCreate.parse({ subjectKind: "class", subjectKey: "first_generation", title: "Typical antipsychotics: NMS reporting 2023" }),
    { name: "officer@example.org" },
  );
  const out = path.join(work, "report.pdf");
  await reportCommand({ from: FROM, to: TO, out });
  // To look at the pages: NMS_KEEP_REPORT=/tmp/report.pdf, then pdftoppm -png -r 80 /tmp/report.pdf /tmp/page.
  if (process.env.NMS_KEEP_REPORT) copyFileSync(out, process.env.NMS_KEEP_REPORT);
  html = readFileSync(path.join(work, "report.html"), "utf8");
  pdfText = squash(execFileSync("pdftotext", ["-layout", out, "-"], { encoding: "utf8" }));
  pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [out], { encoding: "utf8" }))?.[1]);
}, 180_000);
afterAll(async () => {
  if (!tools) return;
  await database.close();
  rmSync(work, { recursive: true, force: true });
});

describe.runIf(tools)("periodic safety report", () => {
  it("is a paginated PDF whose every page says which page it is", () => {
    expect(pages).toBeGreaterThan(1);
    for (let page = 1; page <= pages; page++) expect(pdfText).toContain(`Page ${page} of ${pages}`);
    expect(html).toContain("<svg"); // charts are vector graphics
  });

  it("states the period's and the cumulative totals as the aggregates API does", async () => {
    const period = await aggregates(`by=drugClass&from=${FROM}&to=${TO}`);
    const cumulative = await aggregates(`by=drugClass&to=${TO}`);
    const t = period.total;
    expect(t.cases).toBeGreaterThan(0);
    expect(pdfText).toContain(
      `Cases in the period ${formatCount(t.cases)}; fatal ${formatCount(t.fatal)} of ${formatCount(t.knownOutcome)} with known outcome; case fatality ${formatPercent(t.caseFatality?.estimate)} (95% CI ${formatRange(t.caseFatality)})`,
    );
    expect(pdfText).toContain(
      `Cumulative cases ${formatCount(cumulative.total.cases)}; case fatality ${formatPercent(cumulative.total.caseFatality?.estimate)}`,
    );
  });

  it.each(["drugClass", "sex", "ageBand", "outcome", "seriousness", "source"])(
    "lists every %s category with the API's counts, shares and case fatality",
    async (by) => {
      const period = await aggregates(`by=${by}&from=${FROM}&to=${TO}`);
      const cumulative = new Map((await aggregates(`by=${by}&to=${TO}`)).groups.map((g) => [g.key, g]));
      expect(period.groups.length).toBeGreaterThan(1);
      for (const g of period.groups) {
        const c = cumulative.get(g.key);
        // One table row: the numbers in column order (a long label may wrap onto the next line).
        const row = `${formatCount(g.cases)} ${formatPercent(g.share?.estimate)} ${formatRange(g.share)} ${formatCount(g.fatal)} / ${formatCount(g.knownOutcome)} ${formatPercent(g.caseFatality?.estimate)} ${formatRange(g.caseFatality)} ${formatCount(c?.cases)} ${formatPercent(c?.caseFatality?.estimate)} ${formatRange(c?.caseFatality)}`;
        expect(pdfText, `${by} ${g.key}`).toContain(squash(row));
      }
    },
  );

  it.each(["drugClass", "sex", "ageBand", "outcome"])(
    "draws the %s shares and case fatality with their intervals as a vector chart",
    async (by) => {
      const period = await aggregates(`by=${by}&from=${FROM}&to=${TO}`);
      const cumulative = new Map((await aggregates(`by=${by}&to=${TO}`)).groups.map((g) => [g.key, g]));
      const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
      const text = (i: { estimate: number; lower: number; upper: number } | null | undefined) =>
        i ? `${pct(i.estimate)} (${pct(i.lower)}–${pct(i.upper)})` : "no estimate";
      const description = (g: (typeof period.groups)[number]) =>
        `${g.label}: share ${text(g.share)}; case fatality ${text(g.caseFatality)}, cumulative ${text(cumulative.get(g.key)?.caseFatality)}`;
      const charts = [...html.matchAll(/<svg class="chart interval-chart".*?<\/svg>/gs)]
        .map((m) => m[0])
        .filter((svg) => period.groups.every((g) => svg.includes(description(g).replace(/&/g, "&#38;"))));
      expect(charts, `an interval chart with every ${by} category`).toHaveLength(1);
      // One point per interval drawn (a dot, or a hollow square for the cumulative), plus the legend's two.
      const drawn = period.groups.flatMap((g) => [g.share, g.caseFatality, cumulative.get(g.key)?.caseFatality]).filter(Boolean).length;
      expect(charts[0]!.match(/<circle /g)!.length + charts[0]!.match(/<rect /g)!.length).toBe(drawn + 2);
      expect(pdfText).toContain("Share of the period's cases (95% CI)");
    },
  );

  it("labels rates as the app does, with the API's figures", async () => {
    const period = await aggregates(`by=drugClass&from=${FROM}&to=${TO}`);
    const rated = period.groups.filter((g) => g.rate);
    expect(rated.length).toBeGreaterThan(0); // the demo exposure covers the period
    expect(pdfText).toContain("Reporting rate per 100,000 person-years by drug class");
    expect(pdfText).toContain("it is not an incidence");
    for (const g of rated)
      expect(pdfText).toContain(`${g.rate!.per100kPersonYears.toFixed(1)} ${formatRange(g.rate, "rate")} ${formatCount(g.rate!.cases)}`);
  });

  it("cites every baseline it compares with", async () => {
    const period = await aggregates(`by=drugClass&from=${FROM}&to=${TO}`);
    expect(period.total.comparisons.length).toBeGreaterThan(0);
    for (const c of period.total.comparisons) expect(html).toContain(c.citation.replace(/&/g, "&#38;").replace(/'/g, "&#39;"));
  });

  it("shows the disproportionality background the signals API uses", async () => {
    const response = await getSignalsRoute(get("GET", "http://localhost/api/v1/signals?from=2023Q1&to=2023Q4"), noParams);
    const signals = (await response.json()) as TSignalReport;
    expect(signals.periods.used).toEqual(["2023Q4"]);
    expect(pdfText).toContain(
      `Background: FAERS periods 2023Q4; ${formatCount(signals.totals.reports)} reports, ${formatCount(signals.totals.nmsReports)} with NMS.`,
    );
  });

  it("lists the signal topics under review with their status", () => {
    expect(pdfText).toContain("Signals under review");
    expect(html).toContain('<th scope="row">Typical antipsychotics: NMS reporting 2023</th><td>class: first_generation</td><td>New</td>');
    // On the page the title wraps in its cell; its words and the status are there.
    for (const words of ["Typical antipsychotics: NMS", "reporting 2023", "first_generation", "class: New"])
      expect(pdfText).toContain(words);
  });

  it("is served by GET /api/v1/reports/safety as PDF or HTML; a bad period is a 400 naming the parameter", async () => {
    const pdf = await getReportRoute(get("GET", `http://localhost/api/v1/reports/safety?from=${FROM}&to=${TO}`), noParams);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toBe(`attachment; filename="nms-safety-report-${FROM}-to-${TO}.pdf"`);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    const page = await getReportRoute(get("GET", `http://localhost/api/v1/reports/safety?from=${FROM}&to=${TO}&format=html`), noParams);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toContain("periodic safety report, 2023");
    const bad = await getReportRoute(get("GET", `http://localhost/api/v1/reports/safety?from=${TO}&to=${FROM}`), noParams);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { issues: { path: string; message: string }[] } };
    expect(body.error.issues[0]).toMatchObject({ path: "from", message: "must not be after to" });
  });

  it("refuses a bad period naming the option", async () => {
    await expect(reportCommand({ from: "2023-02-30x", to: TO, out: "x.pdf" })).rejects.toThrow(/--from must be a date YYYY-MM-DD/);
    await expect(reportCommand({ from: TO, to: FROM, out: "x.pdf" })).rejects.toThrow(
      /--from must not be after --to \(got 2023-12-31 and 2023-01-01\)/,
    );
    await expect(reportCommand({ from: FROM, to: TO, out: "x.txt" })).rejects.toThrow(/--out must name the PDF/);
  });
});
