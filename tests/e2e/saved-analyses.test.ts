// A safety officer saves a filtered dashboard view with its numbers frozen, the data then change
// through the API, and reopening the saved analysis shows the frozen numbers intact beside
// today's with the difference; the library lists it, renames it and opens the live view.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/auth/users";
import { closeAppPage, openAppPage, type TAppPage } from "./app-page";
import { SCREENSHOT_DIR } from "./browser";
import { aggregates, signIn } from "./dashboard-helpers";

let fixture: TAppPage;
const officer = DEMO_ACCOUNTS[1]!;
const ADDED = 3;
/** A count as the page writes it (thousands separated). */
const n = (value: number | null | undefined) => (value ?? 0).toLocaleString("en");

beforeAll(async () => {
  fixture = await openAppPage();
});
afterAll(() => closeAppPage(fixture));

/** The frozen, today and difference cells of one comparison row ("total:cases", "first_generation:fatal"). */
async function compared(page: Page, row: string) {
  const cells = page.locator(`[data-testid=compare-drugClass] tr[data-row="${row}"]`);
  const text = async (id: string) => ((await cells.getByTestId(id).textContent()) ?? "").trim();
  return { frozen: await text("frozen-value"), today: await text("today-value"), difference: await text("difference") };
}

async function addFemaleCases(page: Page, baseUrl: string) {
  const { csrfToken } = (await (await page.request.get(`${baseUrl}/api/auth/session`)).json()) as { csrfToken: string };
  for (let i = 0; i < ADDED; i++) {
    const created = await page.request.post(`${baseUrl}/api/v1/cases`, {
      headers: { "x-csrf-token": csrfToken },
      data: {
        sourceId: `E2E-FROZEN-${i}`,
        onsetDate: "2024-06-02",
        receivedDate: "2024-06-09",
        sex: "female",
        ageYears: 44,
        reporterType: "physician",
        outcome: i === 0 ? "fatal" : "recovered",
        drugs: [{ name: "haloperidol", role: "suspect", startDate: "2024-05-28" }],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
  }
}

describe("saved and frozen analyses in the browser", () => {
  it("freezes a dashboard view, and after the data change shows the old numbers beside the new", async () => {
    const { page, app } = fixture;
    await signIn(page, app.baseUrl, officer.email, "/?sex=female");
    const before = await aggregates(page, app.baseUrl, "by=drugClass&sex=female");
    const firstBefore = before.groups.find((g) => g.key === "first_generation")!;

    await page.getByText("Save this view").click();
    const form = page.getByRole("form", { name: "Save this view" });
    await form.getByLabel("Name").fill("Women, all classes");
    await form.getByLabel("Description").fill("Frozen for the browser test");
    await form.getByRole("checkbox").check();
    await form.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "with its numbers frozen" }).waitFor();
    await page.getByTestId("saved-link").click();
    await page.waitForURL(/\/analyses\/[0-9a-f-]{36}$/);
    const analysisUrl = page.url();
    expect(await compared(page, "total:cases")).toEqual({
      frozen: n(before.total.cases),
      today: n(before.total.cases),
      difference: "0",
    });
    expect(await page.getByTestId("changed-count").textContent()).toBe("0");

    await addFemaleCases(page, app.baseUrl);
    const after = await aggregates(page, app.baseUrl, "by=drugClass&sex=female");
    expect(after.total.cases).toBe(before.total.cases! + ADDED);

    await page.goto(analysisUrl);
    expect(await compared(page, "total:cases")).toEqual({
      frozen: n(before.total.cases),
      today: n(after.total.cases),
      difference: `+${ADDED}`,
    });
    expect(await compared(page, "first_generation:cases")).toEqual({
      frozen: n(firstBefore.cases),
      today: n(firstBefore.cases! + ADDED),
      difference: `+${ADDED}`,
    });
    expect(await compared(page, "first_generation:fatal")).toMatchObject({ frozen: n(firstBefore.fatal), difference: "+1" });
    const versions = (await page.getByTestId("data-versions").textContent())!.split(" · ");
    expect(versions[0]).not.toBe(versions[1]);
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/analysis-frozen-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/analysis-frozen-390.png`, fullPage: true });
    // Nothing wider than the phone's screen but the table's own scroller.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The frozen CSV is the dashboard's class breakdown as it was.
    const csv = await page.request.get(`${analysisUrl.replace("/analyses/", "/api/v1/analyses/")}/export.csv?section=drugClass`);
    expect(csv.status()).toBe(200);
    const totalLine = (await csv.text()).split("\n").find((line) => line.startsWith("total,"))!;
    expect(totalLine.split(",")[4]).toBe(String(before.total.cases));
  });

  it("lists the analysis in the library, renames it, and opens the live view with its query", async () => {
    const { page, app } = fixture;
    await page.goto(`${app.baseUrl}/analyses`);
    const row = page.getByTestId("analysis-row").filter({ hasText: "Women, all classes" });
    await row.getByRole("button", { name: "Rename" }).click();
    await row.getByLabel("New name").fill("Women (frozen)");
    await row.getByRole("button", { name: "Save name" }).click();
    await page.getByTestId("analysis-row").filter({ hasText: "Women (frozen)" }).waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/analyses-library.png`, fullPage: true });
    await page.getByTestId("analysis-row").filter({ hasText: "Women (frozen)" }).getByRole("link", { name: "Open dashboard" }).click();
    await page.waitForURL((url) => url.pathname === "/" && url.searchParams.get("sex") === "female");
  });
});
