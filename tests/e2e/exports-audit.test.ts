// What a researcher and an administrator do on a fresh start: the researcher picks a breakdown on
// /exports and downloads its CSV (small cells suppressed, no case-level column); the administrator
// reads the audit trail; pages carry a nonce-based CSP and still hydrate with no CSP violation.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/auth/users";
import { startApp, type TAppServer } from "./app-server";
import { launchBrowser, SCREENSHOT_DIR } from "./browser";
import { signIn } from "./dashboard-helpers";

let app: TAppServer;
let browser: Browser;
const [admin, , researcher] = DEMO_ACCOUNTS;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A page that records every CSP violation the browser reports, and every uncaught error. */
async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ acceptDownloads: true });
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  return { page, problems };
}

describe("security headers", () => {
  it("serves pages with a per-response nonce CSP, and API answers with the static headers", async () => {
    const first = await fetch(`${app.baseUrl}/login`);
    const second = await fetch(`${app.baseUrl}/login`);
    const csp = first.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"])
      expect(csp).toContain(directive);
    expect(second.headers.get("content-security-policy")).not.toBe(csp); // a fresh nonce each time
    expect(csp.startsWith("default-src 'self'")).toBe(true); // one policy, the proxy's (not merged with the static one)
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    const html = await first.text();
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inline.length).toBeGreaterThan(0);
    expect(inline.every((m) => m[1]!.includes(`nonce="${nonce}"`))).toBe(true);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const api = await fetch(`${app.baseUrl}/api/health`);
    expect(api.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("exports and audit in the browser", () => {
  it("a researcher downloads a suppressed CSV from /exports, and the pages hydrate under the CSP", async () => {
    const { page, problems } = await watchedPage();
    // Signing in goes through the client-side form: it only works if the page hydrated.
    await signIn(page, app.baseUrl, researcher!.email, "/exports");
    await page.getByLabel("Group by").selectOption("country");
    await page.getByLabel("Then by (cross-tab)").selectOption("sex");
    await page.getByRole("button", { name: "Update preview and links" }).click();
    await page.waitForURL(/by=country&then=sex/);
    await expect(page.getByTestId("suppression").textContent()).resolves.toBe("counts under 5");
    expect(await page.locator("tr[data-suppressed=true]").count()).toBeGreaterThan(0);
    await page.screenshot({
      path: `${SCREENSHOT_DIR}/exports-researcher.png`,
      fullPage: true,
      clip: { x: 0, y: 0, width: 1280, height: 1600 },
    });
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-csv").click()]);
    expect(download.suggestedFilename()).toMatch(/^nms-aggregates-country-sex-[0-9a-f]{16}\.csv$/);
    const rows = parse<Record<string, string>>(readFileSync(await download.path(), "utf8"), { columns: true });
    expect(rows.length).toBeGreaterThan(10);
    expect(Object.keys(rows[0]!)).not.toEqual(expect.arrayContaining(["source_id"]));
    expect(Object.keys(rows[0]!)).not.toContain("narrative");
    const hidden = rows.filter((r) => r.suppressed === "yes");
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((r) => r.cases === "" && r.fatal === "")).toBe(true);
    // Every count published is 0 or at least the threshold.
    expect(rows.filter((r) => r.cases !== "").every((r) => Number(r.cases) === 0 || Number(r.cases) >= 5)).toBe(true);
    // Case-level pages stay closed to a researcher.
    await page.goto(`${app.baseUrl}/cases`);
    await page.waitForURL(/\/forbidden/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("an administrator opens /audit and sees the events, filtered by entity", async () => {
    const { page, problems } = await watchedPage();
    await signIn(page, app.baseUrl, admin!.email, "/audit");
    await expect(page.locator("h1").textContent()).resolves.toBe("Audit trail");
    expect(await page.getByTestId("audit-event").count()).toBeGreaterThan(3);
    await page.locator("select[name=entity]").selectOption("user");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/entity=user/);
    const users = page.getByTestId("audit-event");
    expect(await users.count()).toBe(DEMO_ACCOUNTS.length);
    for (const account of DEMO_ACCOUNTS) await expect(page.locator("td", { hasText: account.email }).count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/audit.png`, fullPage: true });
    await page.goto(`${app.baseUrl}/api-docs`);
    await expect(page.locator("h1").textContent()).resolves.toBe("API");
    expect(await page.locator("section[id^=get]").count()).toBeGreaterThan(10);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/api-docs.png` });
    await page.locator("#getApiV1ExportAggregatesCsv").screenshot({ path: `${SCREENSHOT_DIR}/api-docs-operation.png` });
    expect(problems).toEqual([]);
    await page.close();
  });
});
