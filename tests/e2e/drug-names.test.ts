// A safety officer's path with their own file: upload a CSV that spells a drug the catalogue does
// not know, see the dashboard warn that those cases count in no class, map the name on the Drug
// names page, and see the class count on the dashboard grow by exactly those cases.
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/auth/users";
import { closeAppPage, openAppPage } from "./app-page";
import type { TAppServer } from "./app-server";
import { SCREENSHOT_DIR } from "./browser";
import { signIn } from "./dashboard-helpers";
import { tempDir } from "../helpers/temp-dir";

let app: TAppServer;
let browser: Browser;
let page: Page;
let baseUrl = "";

beforeAll(async () => {
  ({ app, browser, page } = await openAppPage());
  baseUrl = app.baseUrl;
});
afterAll(() => closeAppPage({ app, browser }));

const HEADER =
  "source_id,received_date,onset_date,country,sex,age_years,drugs,max_temp_c,rigidity,mental_status_change,ck_max,outcome,narrative";
const MISSPELT = 6;
const file = path.join(tempDir("nms-e2e-names-"), "clinic-3.csv");
writeFileSync(
  file,
  [
    HEADER,
    ...Array.from(
      { length: MISSPELT },
      (_, i) => `C3-${i + 1},2024-05-0${i + 1},2024-05-01,IT,F,${40 + i},HALOPERIDOLO 5MG GOCCE:suspect,39.5,yes,yes,3000,recovered,`,
    ),
    "C3-9,2024-05-20,2024-05-18,IT,M,51,olanzapine:suspect,38.9,yes,,800,recovered,",
  ].join("\n") + "\n",
);

/** The first-generation count the dashboard's case-fatality table shows for the CSV cases. */
async function firstGenerationOnDashboard(): Promise<number> {
  await page.goto(`${baseUrl}/?source=csv`);
  const cell = page.getByTestId("count-first_generation");
  await cell.waitFor({ state: "attached" });
  return Number(((await cell.textContent()) ?? "").replace(/[^\d]/g, ""));
}

describe("the drug-name workbench", () => {
  it("maps an unmatched name and the dashboard's class counts follow", async () => {
    const officer = DEMO_ACCOUNTS.find((a) => a.role === "safety_officer")!;
    await signIn(page, baseUrl, officer.email, "/imports");
    await page.getByLabel("File", { exact: true }).setInputFiles(file);
    await page.getByLabel("Format", { exact: true }).selectOption("csv");
    await page.getByRole("button", { name: "Upload and import" }).click();
    const done = page.locator("[data-job-status=succeeded]");
    await done.waitFor({ timeout: 30_000 });
    expect(await done.textContent()).toMatch(new RegExp(`HALOPERIDOLO 5MG GOCCE \\(${MISSPELT}\\)`));

    expect(await firstGenerationOnDashboard()).toBe(0);
    expect(await page.getByTestId("unmatched-notice").textContent()).toMatch(new RegExp(`${MISSPELT} of these cases`));
    await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-unmatched-notice.png` });

    await page.getByRole("link", { name: /Map the names/ }).click();
    await page.waitForURL(`${baseUrl}/drug-names`);
    const row = page.locator('[data-testid=unmatched-names] tr[data-name="haloperidolo 5 mg gocce"]');
    await row.getByLabel(/Catalogue drug for/).selectOption("haloperidol");
    await row.getByRole("button", { name: "Map" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `${MISSPELT} cases re-derived` })
      .waitFor();
    await page.locator("[data-testid=mappings]").getByText("HALOPERIDOLO 5MG GOCCE").waitFor();
    expect(await row.count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/drug-names.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/drug-names-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    expect(await firstGenerationOnDashboard()).toBe(MISSPELT);
    expect(await page.getByTestId("unmatched-notice").count()).toBe(0);
  });
});
