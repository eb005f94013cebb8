// What a new user sees after `npm start` on a fresh machine: the embedded database is created,
// migrated and seeded with the demo data, the health check reports it, and the home page shows
// the case counts by drug class — the same numbers the database holds.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/auth/users";
import { ZCaseInput } from "@/lib/domain/case-schema";
import { settleStatus } from "@/lib/domain/case-validity";
import { DRUG_CLASSES } from "@/lib/domain/vocabulary";
import { generateCases } from "@/seed";
import { DEFAULT_DEMO_CASES } from "@/seed/write-demo-data";
import { startApp, type TAppServer } from "./app-server";
import { launchBrowser, SCREENSHOT_DIR } from "./browser";

let app: TAppServer;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("first start on the embedded database", () => {
  it("serves the health check with the demo's valid cases, drafts left out (the count only to staff)", async () => {
    const anonymous = await fetch(`${app.baseUrl}/api/health`);
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ status: "ok", database: "embedded" });
    const login = await fetch(`${app.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: DEMO_ACCOUNTS[1]!.email, password: DEMO_PASSWORD }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    const response = await fetch(`${app.baseUrl}/api/health`, { headers: { cookie } });
    const health = (await response.json()) as { status: string; database: string; cases: number };
    expect(health).toMatchObject({ status: "ok", database: "embedded" });
    // The demo writes DEFAULT_DEMO_CASES generated cases; those missing a minimum criterion are drafts and count nowhere.
    const counted = [...generateCases({ count: DEFAULT_DEMO_CASES })].filter(
      (generated) => settleStatus(null, ZCaseInput.parse(generated)).status !== "draft",
    ).length;
    expect(counted).toBeGreaterThan(DEFAULT_DEMO_CASES * 0.9);
    expect(health.cases).toBe(counted);
  });

  it("shows case counts by drug class on the home page", async () => {
    const page = await browser.newPage();
    await page.goto(app.baseUrl);
    // Signed out: the app asks for a sign-in, then returns to the page asked for.
    await page.waitForURL(/\/login\?next=%2F/);
    await page.getByLabel("Email").fill(DEMO_ACCOUNTS[1]!.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${app.baseUrl}/`);
    await expect(page.locator("h1").textContent()).resolves.toContain("NMS case reports");
    const counts = await Promise.all(
      DRUG_CLASSES.map(async (key) => Number((await page.getByTestId(`count-${key}`).textContent())?.replace(/,/g, ""))),
    );
    expect(counts.every((n) => Number.isInteger(n) && n > 0)).toBe(true);
    // First-generation agents carry the most reports in the literature-shaped demo data.
    expect(Math.max(...counts)).toBe(counts[DRUG_CLASSES.indexOf("first_generation")]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/home.png`, fullPage: true });
    await page.close();
  });

  it("stops cleanly, releasing the data directory", async () => {
    const stopped = app;
    app = undefined as unknown as TAppServer;
    expect(await stopped.stop({ keepDataDir: true })).toBe(0);
    expect(existsSync(path.join(stopped.dataDir, "owner.lock"))).toBe(false);
    expect(existsSync(path.join(stopped.dataDir, "owner.json"))).toBe(false);
    expect(existsSync(path.join(stopped.dataDir, "pgdata", "PG_VERSION"))).toBe(true);
    rmSync(stopped.dataDir, { recursive: true, force: true });
  });
});
