// What an officer does to load a CSV through the browser: choose the file, ask to skip invalid
// rows, upload, and watch the job to its summary — counts, the unmapped drug name and the
// rejected row with its line and column — and the job in the recent-imports table.
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/auth/users";
import { closeAppPage, openAppPage } from "./app-page";
import type { TAppServer } from "./app-server";
import { SCREENSHOT_DIR } from "./browser";
import { tempDir } from "../helpers/temp-dir";

let app: TAppServer;
let browser: Browser;
let page: Page;
// As in case-form.test.ts: the CSRF origin check only recognises the host Next calls itself.
let baseUrl = "";

beforeAll(async () => {
  ({ app, browser, page } = await openAppPage());
  baseUrl = app.baseUrl;
});
afterAll(() => closeAppPage({ app, browser }));

const HEADER =
  "source_id,received_date,onset_date,country,sex,age_years,drugs,max_temp_c,rigidity,mental_status_change,ck_max,outcome,narrative";
const file = path.join(tempDir("nms-e2e-upload-"), "ward-7.csv");
writeFileSync(
  file,
  [
    HEADER,
    "W7-1,2024-03-10,2024-03-01,GB,M,34,HALDOL:suspect;QUETIAPINEX:concomitant,40.1,yes,yes,12000,recovered,",
    "W7-2,2024-04-02,2024-03-28,GB,F,,olanzapine:suspect,38.6,yes,,900,fatal,",
    "W7-3,2024-02-30,,GB,M,40,haloperidol:suspect,,,,,recovered,",
  ].join("\n") + "\n",
);

describe("the upload page", () => {
  it("uploads a CSV and shows the job's summary", async () => {
    const officer = DEMO_ACCOUNTS.find((a) => a.role === "safety_officer")!;
    await page.goto(`${baseUrl}/imports`);
    await page.getByLabel("Email").fill(officer.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${baseUrl}/imports`);

    await page.getByLabel("File", { exact: true }).setInputFiles(file);
    await page.getByLabel("Format", { exact: true }).selectOption("csv");
    await page.getByLabel(/Skip invalid records/).check();
    await page.getByRole("button", { name: "Upload and import" }).click();

    const status = page.locator("[data-job-status=succeeded]");
    await status.waitFor({ timeout: 30_000 });
    expect(await status.getByRole("status").textContent()).toMatch(
      /ward-7\.csv: succeeded — 3 NMS reports read: 2 new, 0 updated, 0 unchanged, 1 rejected/,
    );
    expect(await status.getByText("1 drug name not in the catalogue").count()).toBe(1);
    const reject = status.getByRole("row").filter({ hasText: "received_date" });
    expect(await reject.textContent()).toMatch(/ward-7\.csv\s*4\s*received_date/);
    // The finished job joins the recent imports (the page's server list is re-read).
    await page.getByRole("link", { name: "ward-7.csv" }).waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/imports.png`, fullPage: true });
  });
});
