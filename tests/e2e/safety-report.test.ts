// What a safety officer does for the periodic report: on /exports, choose the period and make the
// report; the browser receives the PDF, whose extracted text names the period and its cases as
// the aggregates API does. Screenshots of the form at desktop and phone widths.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/auth/users";
import { formatCount } from "@/lib/format";
import { startApp, type TAppServer } from "./app-server";
import { launchBrowser, SCREENSHOT_DIR } from "./browser";
import { aggregates, signIn } from "./dashboard-helpers";

let app: TAppServer;
let browser: Browser;
let work: string;
const officer = DEMO_ACCOUNTS[1]!;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  work = mkdtempSync(path.join(os.tmpdir(), "nms-report-e2e-"));
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe("periodic safety report from the exports page", () => {
  it("downloads the PDF for the chosen period, with the API's case count", async () => {
    const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1440, height: 900 } });
    await signIn(page, app.baseUrl, officer.email, "/exports");
    const form = page.getByRole("form", { name: "Safety report" });
    await form.getByLabel("Onset from").fill("2023-01-01");
    await form.getByLabel("Onset to").fill("2023-12-31");
    await form.scrollIntoViewIfNeeded();
    await page
      .locator("#safety-report")
      .locator("..")
      .screenshot({ path: `${SCREENSHOT_DIR}/safety-report-form-1440.png` });
    const [download] = await Promise.all([page.waitForEvent("download"), form.getByTestId("safety-report").click()]);
    expect(download.suggestedFilename()).toBe("nms-safety-report-2023-01-01-to-2023-12-31.pdf");
    const file = path.join(work, "report.pdf");
    await download.saveAs(file);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    const answer = await aggregates(page, app.baseUrl, "by=drugClass&from=2023-01-01&to=2023-12-31");
    expect(text).toContain("periodic safety report, 2023");
    expect(text).toContain(`Cases in the period ${formatCount(answer.total.cases)};`);

    await page.setViewportSize({ width: 390, height: 844 });
    await form.scrollIntoViewIfNeeded();
    await page
      .locator("#safety-report")
      .locator("..")
      .screenshot({ path: `${SCREENSHOT_DIR}/safety-report-form-390.png` });
    const box = await form.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390); // the form fits the phone's width
  }, 120_000);

  it("is not offered to researchers", async () => {
    const page = await browser.newPage();
    await signIn(page, app.baseUrl, DEMO_ACCOUNTS[2]!.email, "/exports");
    expect(await page.getByRole("form", { name: "Safety report" }).count()).toBe(0);
  });
});
