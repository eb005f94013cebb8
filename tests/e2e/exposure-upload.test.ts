// What an administrator does to give the dashboard real denominators: remove the synthetic demo
// exposure (the rate panel then says "No exposure"), upload an exposure CSV on the imports page, and
// see the panel switch to numbers labelled "reporting rate" with the dataset named.
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
let baseUrl = "";

beforeAll(async () => {
  ({ app, browser, page } = await openAppPage());
  baseUrl = app.baseUrl;
});
afterAll(() => closeAppPage({ app, browser }));

const SOURCE = "Browser test claims 1995-2025";
const file = path.join(tempDir("nms-e2e-exposure-"), "claims.csv");
const years = Array.from({ length: 31 }, (_, i) => 1995 + i);
writeFileSync(
  file,
  [
    "year,country,setting,drug_class,drug,sex,age_band,person_years,persons_exposed,source",
    ...years.flatMap((year) => [
      `${year},,population,first_generation,,all,all,2000000,,${SOURCE}`,
      `${year},,population,second_generation,,all,all,5000000,,${SOURCE}`,
    ]),
  ].join("\n") + "\n",
);

const ratePanel = () => page.locator("[data-panel=incidence]");

describe("exposure upload", () => {
  it("switches the rate panel from 'No exposure' to reporting rates naming the dataset", async () => {
    const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!;
    await page.goto(`${baseUrl}/exposure`);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${baseUrl}/exposure`);

    // The demo's exposure is labelled synthetic; delete it.
    const demo = page.getByTestId("exposure-dataset").filter({ hasText: "Synthetic demo exposure" });
    expect(await demo.textContent()).toMatch(/\(synthetic\)/);
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Delete Synthetic demo exposure" }).click();
    await page.getByTestId("no-exposure").waitFor();

    await page.goto(`${baseUrl}/`);
    await ratePanel().getByTestId("rate-state").waitFor();
    expect(await ratePanel().getByTestId("rate-state").textContent()).toBe("No exposure");

    await page.goto(`${baseUrl}/imports`);
    await page.getByLabel("File", { exact: true }).setInputFiles(file);
    await page.getByLabel("Format", { exact: true }).selectOption("exposure");
    await page.getByRole("button", { name: "Upload and import" }).click();
    await page.locator("[data-job-status=succeeded]").waitFor({ timeout: 30_000 });

    await page.goto(`${baseUrl}/`);
    const state = ratePanel().getByTestId("rate-state");
    await state.waitFor();
    const text = (await state.textContent()) ?? "";
    expect(text).toMatch(/^Reporting rate — exposure: /);
    expect(text).toContain(SOURCE);
    expect(text).not.toMatch(/synthetic/);
    expect(await ratePanel().getByRole("heading").first().textContent()).toBe("Reporting rate per 100,000 person-years by drug class");
    // Numbers: bars are drawn for the classes the dataset covers (charts render after hydration).
    const bars = ratePanel().locator('[data-chart="incidence"] [data-bar]');
    await bars.first().waitFor({ timeout: 15_000 });
    expect(await bars.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-bar")))).toEqual(
      expect.arrayContaining(["first_generation", "second_generation"]),
    );
    expect(await ratePanel().textContent()).toMatch(/it is not an incidence/);

    await ratePanel().scrollIntoViewIfNeeded();
    await page.setViewportSize({ width: 1440, height: 900 });
    await ratePanel().screenshot({ path: `${SCREENSHOT_DIR}/rate-panel-1440.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await ratePanel().screenshot({ path: `${SCREENSHOT_DIR}/rate-panel-390.png` });
    await page.goto(`${baseUrl}/exposure`);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/exposure-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/exposure-1440.png`, fullPage: true });
    expect(await page.getByTestId("exposure-dataset").filter({ hasText: SOURCE }).textContent()).toMatch(
      /1995–2025.*62.*217,000,000.*reporting rates.*admin@nms\.local/s,
    );
  });
});
