// The signals page as a safety officer uses it: empty before any import, then — after two FAERS
// quarters come in through the CLI — the table's numbers equal the API's, sorting rewrites the URL,
// the forest plot draws one interval per drug, and the trend follows the drug chosen in the URL.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCount, formatInterval, formatNumber } from "@/app/signals/_components/format";
import { signalsCsv } from "@/app/signals/_components/signals-csv";
import { sortRows } from "@/app/signals/_components/sort-rows";
import { catalogueDrugByName } from "@/lib/domain/drug-catalogue";
import type { TSignalReport } from "@/lib/queries/get-signal-tables";
import { closeAppPage, openAppPage } from "./app-page";
import type { TAppServer } from "./app-server";
import { SCREENSHOT_DIR } from "./browser";
import { signIn } from "./dashboard-helpers";
import { SIGNAL_DRUGS, writeSignalQuarter } from "./signals-quarters";

let app: TAppServer;
let browser: Browser;
let page: Page;
let fixtures: string;

beforeAll(async () => {
  fixtures = mkdtempSync(path.join(os.tmpdir(), "nms-signals-"));
  ({ app, browser, page } = await openAppPage());
  await signIn(page, app.baseUrl, "safety@nms.local", "/signals");
});
afterAll(async () => {
  await closeAppPage({ app, browser });
  rmSync(fixtures, { recursive: true, force: true });
});

/** `cli import` against the running app's embedded database (the CLI goes through its owner). */
async function importQuarter(folder: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, NMS_DATA_DIR: app.dataDir };
  delete env.DATABASE_URL;
  delete env.NMS_DATABASE_KIND;
  await promisify(execFile)(process.execPath, ["--import", "tsx", "lib/cli/main.ts", "import", folder], { env, timeout: 120_000 });
}

const api = async (search: string) => (await (await page.request.get(`${app.baseUrl}/api/v1/signals${search}`)).json()) as TSignalReport;
const rowKeys = (p: Page) =>
  p.locator('[data-testid="signal-table-drug"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute("data-key")));

describe("signals page", () => {
  it("explains where background counts come from before any import", async () => {
    await expect(page.getByTestId("signals-empty").textContent()).resolves.toContain("npm run cli -- import");
  });

  it("shows the API's numbers for every drug after two FAERS quarters are imported", async () => {
    await importQuarter(writeSignalQuarter(fixtures, "24Q1"));
    await importQuarter(writeSignalQuarter(fixtures, "24Q2"));
    await page.goto(`${app.baseUrl}/signals`);
    await page.getByTestId("signal-table-drug").waitFor();
    const report = await api("?source=faers");
    expect(report.periods.used).toEqual(["2024Q1", "2024Q2"]);
    // An NMS treatment (bromocriptine…) never withdrawn in these reports is no cause: it has no row (docs/signals.md).
    const causes = SIGNAL_DRUGS.filter((name) => !catalogueDrugByName(name)?.treatsNms);
    expect(causes.length).toBeLessThan(SIGNAL_DRUGS.length);
    expect(report.drugs.map((d) => d.key).sort()).toEqual([...causes].sort());
    expect(report.ebgmPrior.fitted).toBe(true);
    expect(report.drugs.filter((d) => d.a >= 3).length).toBeGreaterThanOrEqual(5);
    expect(await page.getByTestId("total-reports").textContent()).toBe(formatCount(report.totals.reports));

    type TShownRow = { key: string | null; cells: Record<string, { text: string | null; value: string | null }> };
    const shown = await page.locator('[data-testid="signal-table-drug"] tbody tr').evaluateAll((rows): TShownRow[] =>
      rows.map((r) => ({
        key: r.getAttribute("data-key"),
        cells: Object.fromEntries(
          [...r.querySelectorAll("td[data-col]")].map((td) => [
            td.getAttribute("data-col") ?? "",
            { text: td.textContent, value: td.getAttribute("data-value") },
          ]),
        ),
      })),
    );
    expect(shown).toHaveLength(report.drugs.length);
    for (const drug of report.drugs) {
      const row = shown.find((s) => s.key === drug.key)!;
      expect(row.cells.a).toEqual({ text: formatCount(drug.a), value: String(drug.a) });
      expect(row.cells.drugReports).toEqual({ text: formatCount(drug.drugReports), value: String(drug.drugReports) });
      expect(row.cells.expected).toEqual({ text: formatNumber(drug.expected), value: String(drug.expected) });
      expect(row.cells.chi2).toEqual({ text: formatNumber(drug.prr.chiSquare), value: String(drug.prr.chiSquare) });
      for (const stat of ["prr", "ror", "ic", "ebgm"] as const) {
        expect(row.cells[stat], `${drug.key} ${stat}`).toEqual({ text: formatInterval(drug[stat]), value: String(drug[stat].estimate) });
      }
      const fired = (["prr", "ror", "ic", "ebgm"] as const).filter((s) => drug.flags[s]).map((s) => s.toUpperCase());
      expect(row.cells.signals!.text).toBe(fired.length ? fired.join(", ") : "none");
    }
  });

  it("sorts by a column header and keeps the sort in the URL", async () => {
    const report = await api("?source=faers");
    await page.locator('button[data-sort="prr"]').click();
    await page.waitForURL(/sort=prr&dir=desc/);
    // The URL changes first; the table re-sorts on the next render, so wait for it.
    await expect.poll(() => rowKeys(page)).toEqual(sortRows(report.drugs, "prr", "desc").map((d) => d.key));
    await page.locator('button[data-sort="prr"]').click();
    await page.waitForURL(/sort=prr&dir=asc/);
    await expect.poll(() => rowKeys(page)).toEqual(sortRows(report.drugs, "prr", "asc").map((d) => d.key));
    // The URL reproduces the view.
    await page.reload();
    await page.getByTestId("signal-table-drug").waitFor();
    await expect.poll(() => rowKeys(page)).toEqual(sortRows(report.drugs, "prr", "asc").map((d) => d.key));
  });

  it("exports the table as shown (same order, the API's full-precision numbers)", async () => {
    const report = await api("?source=faers");
    await expect.poll(() => rowKeys(page)).toEqual(sortRows(report.drugs, "prr", "asc").map((d) => d.key));
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator('section[aria-labelledby="signals-drugs"]').getByRole("button", { name: "Export CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("nms-signals-faers-2024Q1-2024Q2-drugs.csv");
    const file = await download.path();
    const text = readFileSync(file, "utf8");
    expect(text).toBe(
      signalsCsv(sortRows(report.drugs, "prr", "asc"), { query: JSON.stringify(report.query), dataVersion: report.dataVersion }),
    );
  });

  it("draws one ROR mark with its interval per drug, each row labelled", async () => {
    const report = await api("?source=faers");
    const plotted = report.drugs.filter((d) => d.ror.lower !== null && d.ror.upper !== null);
    const plot = page.getByTestId("ror-forest-plot");
    await plot.locator(".recharts-scatter-symbol").first().waitFor();
    expect(await plot.locator(".recharts-scatter-symbol").count()).toBe(plotted.length);
    expect(await plot.locator(".recharts-errorBar").count()).toBe(plotted.length);
    const labels = await plot.locator('.recharts-cartesian-axis-tick-value[orientation="left"]').allTextContents();
    expect([...labels].sort()).toEqual(plotted.map((d) => d.label).sort());
  });

  it("draws the cumulative IC025 of the drug chosen in the URL", async () => {
    const chart = page.getByTestId("ic-trend-chart");
    await chart.locator(".recharts-line-dot").first().waitFor();
    expect(await page.getByTestId("trend-drug").inputValue()).toBe("haloperidol"); // the most reported
    await page.getByTestId("trend-drug").selectOption("olanzapine");
    await page.waitForURL(/trend=olanzapine/);
    await expect.poll(() => chart.locator("figcaption").textContent()).toContain("Olanzapine");
    const trend = (await api("?source=faers&drug=olanzapine")).trend!;
    expect(trend.points.map((p) => p.period)).toEqual(["2024Q1", "2024Q2"]);
    expect(await chart.locator(".recharts-line-dot").count()).toBe(trend.points.length);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/signals.png`, fullPage: true });
  });
});
