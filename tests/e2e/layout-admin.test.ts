// Every page (each app/**/page.tsx, checked) each role can open, at 1440×1000 and 390×844: the document is never wider than the
// window (no sideways scrolling), the header folds into a Menu on the phone; the forbidden page
// speaks to the role; the New case link; and an administrator's accounts and tokens flow.
import { readdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/auth/users";
import type { Role } from "@/lib/domain/vocabulary";
import { startApp, type TAppServer } from "./app-server";
import { SCREENSHOT_DIR, launchBrowser } from "./browser";
import { signIn } from "./dashboard-helpers";

let app: TAppServer;
let browser: Browser;
let baseUrl = "";

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  baseUrl = app.baseUrl;
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const SIZES = [
  { name: "1440", width: 1440, height: 1000 },
  { name: "390", width: 390, height: 844 },
] as const;
const emailOf = (role: Role) => DEMO_ACCOUNTS.find((a) => a.role === role)!.email;

const READERS: readonly Role[] = ["researcher", "safety_officer", "admin"];
const STAFF: readonly Role[] = ["safety_officer", "admin"];
const ADMIN: readonly Role[] = ["admin"];
/**
 * Every page (app/**\/page.tsx, as a route pattern) and the roles that open it; the test below
 * fails when a page is added without a row here. [id] is filled with a real case, topic or saved analysis.
 */
const PAGE_ROLES: Record<string, readonly Role[]> = {
  "/": READERS,
  "/signals": READERS,
  "/exposure": READERS,
  "/baselines": READERS,
  "/exports": READERS,
  "/analyses": READERS,
  "/analyses/[id]": READERS,
  "/api-docs": READERS,
  "/forbidden": READERS,
  "/cases": STAFF,
  "/cases/new": STAFF,
  "/cases/queue": STAFF,
  "/cases/[id]": STAFF,
  "/cases/[id]/edit": STAFF,
  "/duplicates": STAFF,
  "/alerts": STAFF,
  "/signals/topics": STAFF,
  "/signals/topics/new": STAFF,
  "/signals/topics/[id]": STAFF,
  "/imports": STAFF,
  "/drug-names": STAFF,
  "/audit": ADMIN,
  "/admin/users": ADMIN,
  "/admin/sessions": ADMIN,
  "/admin/tokens": ADMIN,
  // Signed out: visited at both sizes in its own test.
  "/login": [],
};

/** Route patterns of every page file under app/ ("app/cases/[id]/page.tsx" → "/cases/[id]"). */
function pageRoutes(dir = "app", prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory())
      return entry.name.startsWith("_") || entry.name === "api" ? [] : pageRoutes(`${dir}/${entry.name}`, `${prefix}/${entry.name}`);
    return entry.name === "page.tsx" ? [prefix || "/"] : [];
  });
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page.mouse.move(0, 0);
}

/** How far the document runs past the window's width (0: no sideways scrolling). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function signedInContext(role: Role, size: (typeof SIZES)[number]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
  const page = await context.newPage();
  await signIn(page, baseUrl, emailOf(role));
  return { context, page };
}

/** Real ids for the [id] pages: a saved analysis of the role's own, and for staff a case and a signal topic (opened for haloperidol when none exists). */
async function pathIds(page: Page, role: Role): Promise<{ caseId?: string; topicId?: string; analysisId: string }> {
  const { csrfToken } = (await (await page.request.get(`${baseUrl}/api/auth/session`)).json()) as { csrfToken: string };
  const post = (path: string, data: object) =>
    page.request.post(`${baseUrl}${path}`, {
      headers: { "x-csrf-token": csrfToken, origin: baseUrl, "content-type": "application/json" },
      data,
    });
  const analysis = await post("/api/v1/analyses", { kind: "dashboard", name: `Layout test view (${role})`, query: "by=sex" });
  expect(analysis.status()).toBe(201);
  const analysisId = ((await analysis.json()) as { id: string }).id;
  if (role === "researcher") return { analysisId };
  const cases = (await (await page.request.get(`${baseUrl}/api/v1/cases?pageSize=1`)).json()) as { cases: { id: string }[] };
  const topics = (await (await page.request.get(`${baseUrl}/api/v1/signals/topics`)).json()) as { topics?: { id: string }[] };
  let topicId = topics.topics?.[0]?.id;
  if (!topicId) {
    const created = await post("/api/v1/signals/topics", { subjectKind: "drug", subjectKey: "haloperidol", title: "Layout test topic" });
    topicId = ((await created.json()) as { id: string }).id;
  }
  return { caseId: cases.cases[0]!.id, topicId, analysisId };
}

/** A route pattern with its [id] filled in. */
const fillIds = (pattern: string, ids: Awaited<ReturnType<typeof pathIds>>) =>
  pattern
    .replace("/cases/[id]", `/cases/${ids.caseId}`)
    .replace("/topics/[id]", `/topics/${ids.topicId}`)
    .replace("/analyses/[id]", `/analyses/${ids.analysisId}`);

describe("no sideways scrolling", () => {
  it("every page under app/ is in the table of pages and roles", () => {
    expect(pageRoutes().sort()).toEqual(Object.keys(PAGE_ROLES).sort());
  });

  for (const size of SIZES) {
    it(`signed out at ${size.width}×${size.height}: the sign-in page fits the window`, async () => {
      const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/login`);
      await settle(page);
      const extra = await overflow(page);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/layout-signed-out-login-${size.name}.png` });
      await context.close();
      expect(extra).toBeLessThanOrEqual(0);
    });
  }

  for (const role of READERS) {
    for (const size of SIZES) {
      it(`${role} at ${size.width}×${size.height}: every page fits the window`, async () => {
        const { context, page } = await signedInContext(role, size);
        const ids = await pathIds(page, role);
        const wide: string[] = [];
        const paths = Object.entries(PAGE_ROLES)
          .filter(([, roles]) => roles.includes(role))
          .map(([pattern]) => fillIds(pattern, ids));
        for (const path of paths) {
          const response = await page.goto(`${baseUrl}${path}`);
          expect(response?.status(), path).toBeLessThan(400);
          await settle(page);
          const extra = await overflow(page);
          if (extra > 0) wide.push(`${path} +${extra}px`);
          const slug =
            path === "/"
              ? "overview"
              : path
                  .slice(1)
                  .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, "id")
                  .replace(/\//g, "-");
          // The first screen of each page: readable at full size (full-page shots of the dashboard are ~8,000 px tall).
          await page.screenshot({ path: `${SCREENSHOT_DIR}/layout-${role}-${slug}-${size.name}.png` });
        }
        await context.close();
        expect(wide).toEqual([]);
      });
    }
  }
});

describe("header", () => {
  it("folds behind a Menu button at 390 px, opens, navigates and closes again", async () => {
    const { context, page } = await signedInContext("admin", SIZES[1]);
    const nav = page.getByRole("navigation", { name: "Main" });
    expect(await nav.isVisible()).toBe(false);
    const menu = page.getByRole("button", { name: "Menu" });
    await menu.click();
    expect(await nav.isVisible()).toBe(true);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/header-menu-open-390.png` });
    await nav.getByRole("link", { name: "Accounts" }).click();
    await page.waitForURL(`${baseUrl}/admin/users`);
    await page.getByRole("heading", { name: "Administration" }).waitFor();
    expect(await nav.isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Menu" }).getAttribute("aria-expanded")).toBe("false");
    await context.close();
  });

  it("shows every link inline at 1440 px, with no Menu button", async () => {
    const { context, page } = await signedInContext("admin", SIZES[0]);
    expect(await page.getByRole("button", { name: "Menu" }).isVisible()).toBe(false);
    const links = await page.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents();
    expect(links).toContain("Accounts");
    for (const name of links)
      expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true }).isVisible()).toBe(true);
    await page.locator("header").screenshot({ path: `${SCREENSHOT_DIR}/header-admin-1440.png` });
    await context.close();
  });
});

describe("role-aware pages", () => {
  it("tell a safety officer, not a researcher, why a page is closed; offer New case to a safety officer only", async () => {
    const officer = await signedInContext("safety_officer", SIZES[0]);
    await officer.page.goto(`${baseUrl}/audit`);
    await officer.page.waitForURL(`${baseUrl}/forbidden`);
    const message = await officer.page.getByTestId("forbidden-message").textContent();
    expect(message).toMatch(/administrator account/);
    expect(message).not.toMatch(/Researchers/);
    await officer.page.goto(`${baseUrl}/cases`);
    await officer.page.getByRole("link", { name: "New case" }).click();
    await officer.page.waitForURL(`${baseUrl}/cases/new`);
    await officer.context.close();

    const researcher = await signedInContext("researcher", SIZES[0]);
    await researcher.page.goto(`${baseUrl}/cases`);
    await researcher.page.waitForURL(`${baseUrl}/forbidden`);
    expect(await researcher.page.getByTestId("forbidden-message").textContent()).toMatch(/^Researchers see aggregates/);
    await researcher.context.close();
  });
});

describe("administration", () => {
  it("creates an account (password shown once), changes its role, disables and enables it; creates, uses and revokes a token", async () => {
    const { context, page } = await signedInContext("admin", SIZES[0]);
    page.on("dialog", (dialog) => void dialog.accept());
    await page.goto(`${baseUrl}/admin/users`);
    const form = page.getByRole("form", { name: "Create an account" });
    await form.getByLabel("Email").fill("new.officer@nms.local");
    await form.getByLabel("Name").fill("New officer");
    await form.getByRole("button", { name: "Create account" }).click();
    const secret = page.getByTestId("one-time-password");
    await secret.waitFor();
    const password = (await secret.locator("code").textContent()) ?? "";
    expect(password).toHaveLength(20);
    const row = page.locator('[data-testid=account-row][data-email="new.officer@nms.local"]');
    await row.waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-users-created-1440.png`, fullPage: true });

    // The new password signs in.
    const other = await browser.newContext();
    const newcomer = await other.newPage();
    await newcomer.goto(`${baseUrl}/login`);
    await newcomer.getByLabel("Email").fill("new.officer@nms.local");
    await newcomer.getByLabel("Password").fill(password);
    await newcomer.getByRole("button", { name: "Sign in" }).click();
    await newcomer.waitForURL(`${baseUrl}/`);

    await row.getByLabel("Role of new.officer@nms.local").selectOption("researcher");
    await page.waitForFunction(
      () => document.querySelector<HTMLSelectElement>('[data-email="new.officer@nms.local"] select')?.value === "researcher",
    );
    await row.getByRole("button", { name: "Disable" }).click();
    await row.getByText(/^Disabled /).waitFor();
    // Disabling ended the newcomer's session.
    expect((await newcomer.request.get(`${baseUrl}/api/auth/session`)).status()).toBe(401);
    await other.close();
    await row.getByRole("button", { name: "Enable" }).click();
    await row.getByText("Active", { exact: true }).waitFor();

    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "API tokens" }).click();
    await page.waitForURL(`${baseUrl}/admin/tokens`);
    const tokenForm = page.getByRole("form", { name: "Create an API token" });
    await tokenForm.getByLabel("Name (what uses it)").fill("browser-test script");
    await tokenForm.getByLabel("Expires after (days; 0 never)").fill("30");
    await tokenForm.getByRole("button", { name: "Create token" }).click();
    const shown = page.getByTestId("one-time-token");
    await shown.waitFor();
    const token = ((await shown.locator("code").textContent()) ?? "").replace("Authorization: Bearer ", "");
    expect(token).toMatch(/^nmsw_/);
    const tokenRow = page.locator('[data-testid=token-row][data-name="browser-test script"]');
    await tokenRow.waitFor();
    expect(await tokenRow.textContent()).toContain("never");

    const scripted = await fetch(`${baseUrl}/api/v1/aggregates?by=sex`, { headers: { authorization: `Bearer ${token}` } });
    expect(scripted.status).toBe(200);
    await page.reload();
    // In the reader's time zone and locale, the date ISO (lib/format.ts formatLocalDateTime).
    expect(await tokenRow.locator("td").nth(4).textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}\b/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-tokens-1440.png`, fullPage: true });

    await tokenRow.getByRole("button", { name: "Revoke token browser-test script" }).click();
    await tokenRow
      .getByTestId("token-state")
      .getByText(/^Revoked /)
      .waitFor();
    expect((await fetch(`${baseUrl}/api/v1/aggregates?by=sex`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);

    await page.setViewportSize({ width: 390, height: 844 });
    await settle(page);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-tokens-390.png`, fullPage: true });
    await page.goto(`${baseUrl}/admin/users`);
    await settle(page);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-users-390.png`, fullPage: true });

    // Sessions: a fresh sign-in is listed first, with its browser; ending it signs that browser out.
    const officer = await signedInContext("safety_officer", SIZES[0]);
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto(`${baseUrl}/admin/sessions`);
    const sessionRow = page.getByTestId("session-row").first();
    await sessionRow.waitFor();
    expect(await sessionRow.getAttribute("data-email")).toBe(emailOf("safety_officer"));
    expect(await sessionRow.textContent()).toMatch(/Chrome/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-sessions-1440.png`, fullPage: true });
    await sessionRow.getByRole("button", { name: `End this session of ${emailOf("safety_officer")}` }).click();
    await expect.poll(async () => (await officer.page.request.get(`${baseUrl}/api/auth/session`)).status(), { timeout: 15_000 }).toBe(401);
    await officer.context.close();
    await context.close();
  });
});
