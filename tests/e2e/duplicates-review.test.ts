// What a safety officer does with suspected duplicates: two reports of one episode are entered,
// the scan after the second save puts the pair in the review queue, the page shows them side by
// side with the differences marked, the officer confirms the duplicate with a master (the listing
// then shows the copy under it, the overview counts one case less) and undoes the decision.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/auth/users";
import type { TDuplicatePair } from "@/lib/queries/find-duplicate-pairs";
import { REPORT_A, REPORT_B } from "../integration/duplicates/fixture";
import { closeAppPage, openAppPage, type TAppPage } from "./app-page";
import { SCREENSHOT_DIR } from "./browser";
import { signIn } from "./dashboard-helpers";

let fixture: TAppPage;
let page: Page;
let baseUrl = "";
const officer = DEMO_ACCOUNTS.find((a) => a.role === "safety_officer")!;
const ids = { a: "", b: "" };

beforeAll(async () => {
  fixture = await openAppPage();
  ({ page } = fixture);
  baseUrl = fixture.app.baseUrl;
}, 180_000);
afterAll(() => closeAppPage(fixture));

async function api<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const session = (await (await page.request.get(`${baseUrl}/api/auth/session`)).json()) as { csrfToken: string };
  const response = await page.request.fetch(`${baseUrl}${path}`, { method, data: body, headers: { "x-csrf-token": session.csrfToken } });
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

async function waitForPair(): Promise<TDuplicatePair> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const { pairs } = await api<{ pairs: TDuplicatePair[] }>("GET", "/api/v1/duplicates?status=candidate");
    const found = pairs.find((p) => p.cases.some((c) => c.id === ids.a) && p.cases.some((c) => c.id === ids.b));
    if (found) return found;
    await page.waitForTimeout(500);
  }
  throw new Error("the pair never reached the queue");
}

/** Waits until React has hydrated the decision form (its button carries React's own properties). */
const hydrated = () =>
  page.waitForFunction(() => {
    const button = document.querySelector("[data-testid=duplicate-pair] button");
    return button !== null && Object.keys(button).some((key) => key.startsWith("__react"));
  });

const totalCases = async () => (await api<{ total: { cases: number } }>("GET", "/api/v1/aggregates?by=sex")).total.cases;

describe("the duplicate review page", () => {
  it("queues the pair found after the second report is saved", async () => {
    await signIn(page, baseUrl, officer.email, "/duplicates");
    ids.a = (await api<{ id: string }>("POST", "/api/v1/cases", REPORT_A)).id;
    ids.b = (await api<{ id: string }>("POST", "/api/v1/cases", REPORT_B)).id;
    const pair = await waitForPair();
    expect(pair.score).toBeGreaterThanOrEqual(16);
  });

  it("shows the pair side by side with the differences marked, at desktop and phone widths", async () => {
    const pair = await waitForPair();
    await page.goto(`${baseUrl}/duplicates?pair=${pair.id}`);
    const compare = page.getByTestId("duplicate-compare");
    await compare.waitFor();
    const differs = (label: string) => compare.locator(`tr[data-field="${label}"]`).getAttribute("data-differs");
    expect(await differs("Source")).toBe("true");
    expect(await differs("Age")).toBe("true");
    expect(await differs("Onset")).toBe("false");
    expect(await differs("Country")).toBe("false");
    await expect.poll(() => page.getByTestId("duplicate-queue").getByRole("link").count()).toBeGreaterThanOrEqual(1);
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/duplicates-review-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/duplicates-review-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("confirms the duplicate with the chosen master, lists the copy under it, counts it once, and undoes", async () => {
    const pair = await waitForPair();
    const before = await totalCases();
    await page.goto(`${baseUrl}/duplicates?pair=${pair.id}`);
    // The form is a client island: act once it has hydrated.
    await hydrated();
    // The page labels the sides A and B in the pair's stored order (by case id), not in the order
    // the reports were entered: choose report B by its source id.
    const master = page.getByRole("radio", { name: new RegExp(`^[AB]: .*${REPORT_B.sourceId}$`) });
    await master.check();
    expect(await master.isChecked()).toBe(true);
    await page.getByRole("button", { name: "Same patient: duplicate" }).click();
    await page.getByRole("button", { name: "Undo decision" }).waitFor();
    const decided = await api<TDuplicatePair>("GET", `/api/v1/duplicates/${pair.id}`);
    expect(decided).toMatchObject({ status: "duplicate", master: ids.b });
    expect(await totalCases()).toBe(before - 1);

    await page.goto(`${baseUrl}/cases?q=${REPORT_B.sourceId}`);
    const row = page.locator(`[data-case="${ids.b}"]`);
    await expect.poll(() => row.getByTestId("listing-duplicates").textContent()).toContain(REPORT_A.sourceId);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/duplicates-listing.png` });

    await page.goto(`${baseUrl}/duplicates?status=duplicate&pair=${pair.id}`);
    await hydrated();
    await page.getByRole("button", { name: "Undo decision" }).click();
    await page.getByRole("button", { name: "Same patient: duplicate" }).waitFor();
    expect((await api<TDuplicatePair>("GET", `/api/v1/duplicates/${pair.id}`)).status).toBe("candidate");
    expect(await totalCases()).toBe(before);
  });

  it("shows the suspected duplicates on the overview and counts without them on request", async () => {
    await page.goto(`${baseUrl}/`);
    const notice = page.getByTestId("duplicates-notice");
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/suspected duplicate/);
    await page.getByTestId("duplicates-toggle").click();
    await page.waitForURL(/duplicates=suspected/);
    const without = (await api<{ total: { cases: number } }>("GET", "/api/v1/aggregates?by=sex&duplicates=suspected")).total.cases;
    expect(without).toBeLessThan(await totalCases());
  });
});
