// A safety officer's draft, completion and nullification of a case, and an administrator's
// restoration (docs/case-processing.md), at 1440×1000 and 390×844: the form ticks the minimum
// criteria as they are met and says an incomplete case saves as a draft; the draft waits in the
// work queue until an edit completes it; a nullified case stays readable with its reason until an
// administrator restores it. No page is wider than the window.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/auth/users";
import { startApp, type TAppServer } from "./app-server";
import { SCREENSHOT_DIR, launchBrowser } from "./browser";

let app: TAppServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let baseUrl = "";

const SIZES = [
  { name: "1440", width: 1440, height: 1000 },
  { name: "390", width: 390, height: 844 },
] as const;
const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;

async function signIn(target: Page, role: string) {
  await target.goto(`${baseUrl}/login`);
  await target.getByLabel("Email").fill(account(role).email);
  await target.getByLabel("Password").fill(DEMO_PASSWORD);
  await target.getByRole("button", { name: "Sign in" }).click();
  await target.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** A screenshot at each size, failing when the document is wider than the window (naming the widest element). */
async function atBothSizes(target: Page, name: string) {
  for (const size of SIZES) {
    await target.setViewportSize({ width: size.width, height: size.height });
    await target.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${size.name}.png`, fullPage: true });
    const width = await target.evaluate(() => document.documentElement.scrollWidth);
    const widest = await target.evaluate(
      (limit) =>
        [...document.querySelectorAll("body *")]
          .filter((e) => e.getBoundingClientRect().right > limit)
          .map((e) => `${e.tagName}.${e.className}`)
          .slice(0, 5),
      size.width,
    );
    expect(width, `${name} at ${size.name} px: ${widest.join(", ")}`).toBeLessThanOrEqual(size.width);
  }
  await target.setViewportSize({ width: 1440, height: 1000 });
}

type TCase = {
  id: string;
  status: string;
  revision: number;
  nullified: { reason: string } | null;
  missingCriteria: { criterion: string }[];
};
const stored = async (id: string) => (await (await page.request.get(`${baseUrl}/api/v1/cases/${id}`)).json()) as TCase;

beforeAll(async () => {
  app = await startApp();
  baseUrl = app.baseUrl;
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  page = await context.newPage();
  await signIn(page, "safety_officer");
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("a case from draft to nullified and back", () => {
  let caseId = "";

  it("saves a case without an identifiable reporter as a draft, saying so before the save", async () => {
    await page.goto(`${baseUrl}/cases/new`);
    await page.getByLabel("Onset", { exact: true }).fill("2024-05-02");
    await page.getByLabel("Sex", { exact: true }).selectOption("female");
    await page.getByRole("combobox", { name: "Name" }).fill("haloperidol");
    const criteria = page.getByTestId("minimum-criteria");
    await expect
      .poll(() => criteria.locator('li[data-met="false"]').allTextContents())
      .toEqual([expect.stringContaining("Identifiable reporter")]);
    expect(await criteria.getByRole("status").textContent()).toContain("Saves as a draft");
    await criteria.scrollIntoViewIfNeeded();
    await atBothSizes(page, "case-draft-form");

    await page.getByRole("button", { name: "Save case" }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    caseId = new URL(page.url()).pathname.split("/").pop()!;
    expect(await page.getByTestId("case-status").textContent()).toContain("Status: Draft");
    expect(await page.getByTestId("missing-criteria").textContent()).toContain("identifiable reporter");
    expect((await stored(caseId)).status).toBe("draft");
    await atBothSizes(page, "case-draft-page");
  });

  it("lists the draft in the work queue with what it misses", async () => {
    await page.goto(`${baseUrl}/cases`);
    await page.getByRole("link", { name: /Work queue/ }).click();
    await page.waitForURL(`${baseUrl}/cases/queue`);
    const drafts = page.getByRole("list", { name: "Drafts" });
    const row = drafts.getByRole("listitem").filter({ has: page.locator(`a[href="/cases/${caseId}"]`) });
    expect(await row.textContent()).toContain("identifiable reporter");
    await atBothSizes(page, "case-work-queue");
  });

  it("completes the draft by naming the reporter: it counts from then on", async () => {
    await page.goto(`${baseUrl}/cases/${caseId}`);
    await page.getByRole("link", { name: "Complete this draft" }).click();
    await page.waitForURL(`${baseUrl}/cases/${caseId}/edit`);
    await page.getByLabel("Reporter", { exact: true }).selectOption("physician");
    await expect.poll(() => page.getByTestId("minimum-criteria").locator('li[data-met="false"]').count()).toBe(0);
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.waitForURL(`${baseUrl}/cases/${caseId}`);
    expect(await page.getByTestId("case-status").textContent()).toContain("Status: Complete");
    expect(await stored(caseId)).toMatchObject({ status: "complete", missingCriteria: [] });
  });

  it("nullifies the case with a reason; it stays readable, marked, and no longer editable", async () => {
    await page.getByRole("button", { name: "Nullify" }).click();
    const error = page.locator("form[aria-label='Nullify this case'] [role=alert]");
    await error.waitFor();
    expect(await error.textContent()).toContain("Reason is required");
    await page.getByLabel("Reason for nullifying (required)").fill("Entered twice: see the earlier report");
    await page.getByRole("button", { name: "Nullify" }).click();
    const banner = page.getByTestId("case-nullified");
    await banner.waitFor();
    expect(await banner.textContent()).toContain("Entered twice: see the earlier report");
    expect(await page.getByRole("link", { name: /Edit this case|Complete this draft/ }).count()).toBe(0);
    expect(await page.getByText("Only an administrator can restore a nullified case.").count()).toBe(1);
    expect((await stored(caseId)).nullified).toMatchObject({ reason: "Entered twice: see the earlier report" });
    await atBothSizes(page, "case-nullified");
  });

  it("is restored by an administrator", async () => {
    const adminContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const admin = await adminContext.newPage();
      await signIn(admin, "admin");
      await admin.goto(`${baseUrl}/cases/${caseId}`);
      await admin.getByRole("button", { name: "Restore this case" }).click();
      await admin.getByTestId("case-nullified").waitFor({ state: "detached" });
      expect(await admin.getByTestId("case-status").textContent()).toContain("Status: Complete");
      await atBothSizes(admin, "case-restored");
    } finally {
      await adminContext.close();
    }
    expect((await stored(caseId)).nullified).toBeNull();
  });
});
