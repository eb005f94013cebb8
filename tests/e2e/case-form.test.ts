// What a drug-safety officer does to enter a case: the form flags a wrong temperature as it is
// typed, accepts it in °F (converted to °C), suggests catalogue drugs while typing a brand, and
// saves through the API to the new case's page — the stored case holds what was entered. Then
// the case is edited at its revision.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/auth/users";
import { closeAppPage, openAppPage } from "./app-page";
import type { TAppServer } from "./app-server";
import { SCREENSHOT_DIR } from "./browser";

let app: TAppServer;
let browser: Browser;
let page: Page;
// Browsed at 127.0.0.1 on purpose: the CSRF origin check must accept the host the browser used.
let baseUrl = "";

beforeAll(async () => {
  ({ app, browser, page } = await openAppPage());
  baseUrl = app.baseUrl;
});
afterAll(() => closeAppPage({ app, browser }));

const officer = DEMO_ACCOUNTS.find((a) => a.role === "safety_officer")!;
type TStoredCase = {
  id: string;
  revision: number;
  sourceId: string;
  maxTempC: number;
  ageYears: number;
  sex: string;
  rigidity: boolean | null;
  outcome: string;
  drugs: { name: string; role: string; catalogue: { name: string } | null }[];
};

describe("the case form", () => {
  let caseId = "";
  let sourceId = "";

  it("signs in and opens a new case", async () => {
    await page.goto(`${baseUrl}/cases/new`);
    await page.waitForURL(/\/login\?next=%2Fcases%2Fnew/);
    await page.getByLabel("Email").fill(officer.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${baseUrl}/cases/new`);
    sourceId = await page.getByLabel("Report ID").inputValue();
    expect(sourceId).toMatch(/^MAN-\d{8}-[0-9A-F]{4}$/);
  });

  it("shows a temperature error as it is typed, and accepts the value in °F", async () => {
    const temperature = page.getByRole("textbox", { name: "Maximum temperature" });
    await temperature.pressSequentially("104");
    const error = page.locator('[data-error-for="maxTempC"]');
    await expect.poll(() => error.textContent()).toBe("Maximum temperature must be at most 46 °C");
    expect(await temperature.getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByText("104 looks like °F").count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/case-form-error.png` });

    // Saving now is refused in the page, with a summary that links to the field.
    await page.getByRole("button", { name: "Save case" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "before the case can be saved" });
    await summary.waitFor();
    // The new case's empty drug row is flagged too: a drug is named below, or the row removed.
    expect(await summary.getByRole("link").allTextContents()).toEqual([
      "Drug 1: name is required",
      "Maximum temperature must be at most 46 °C",
    ]);
    expect(page.url()).toBe(`${baseUrl}/cases/new`);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/case-form-summary.png` });

    await page.getByLabel("Maximum temperature unit").selectOption("F");
    await expect.poll(() => error.count()).toBe(0);
    expect(await summary.getByRole("link").allTextContents()).toEqual(["Drug 1: name is required"]);
    expect(await temperature.getAttribute("aria-invalid")).toBeNull();
    expect(await page.getByText("= 40 °C").count()).toBe(1);
  });

  it("suggests catalogue drugs for a typed brand", async () => {
    const name = page.getByRole("combobox", { name: "Name" });
    await name.pressSequentially("Haldol");
    const option = page.getByRole("option", { name: /Haloperidol/ }).first();
    await option.waitFor();
    expect(await option.textContent()).toContain("First-generation (typical)");
    await option.click();
    expect(await name.inputValue()).toBe("Haloperidol");
    expect(await page.getByText("Catalogue: Haloperidol · First-generation (typical)").count()).toBe(1);
  });

  it("saves the case and lands on its page", async () => {
    await page.getByLabel("Received", { exact: true }).fill("2024-05-09");
    await page.getByLabel("Onset", { exact: true }).fill("2024-05-02");
    await page.getByLabel("Sex", { exact: true }).selectOption("male");
    await page.getByRole("textbox", { name: "Age" }).fill("31");
    await page.getByRole("radiogroup", { name: "Rigidity" }).getByLabel("Yes").check();
    await page.getByRole("radiogroup", { name: "Mental status change" }).getByLabel("Yes").check();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/case-form.png`, fullPage: true });

    await page.getByRole("button", { name: "Save case" }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    caseId = new URL(page.url()).pathname.split("/").pop()!;
    const response = await page.request.get(`${baseUrl}/api/v1/cases/${caseId}`);
    expect(response.status()).toBe(200);
    const stored = (await response.json()) as TStoredCase;
    expect(stored).toMatchObject({ sourceId, maxTempC: 40, ageYears: 31, sex: "male", rigidity: true, revision: 1 });
    expect(stored.drugs).toEqual([
      expect.objectContaining({
        name: "Haloperidol",
        role: "suspect",
        catalogue: expect.objectContaining({ name: "haloperidol" }) as unknown,
      }),
    ]);
  });

  it("edits the case at its revision", async () => {
    await page.goto(`${baseUrl}/cases/${caseId}/edit`);
    expect(await page.getByRole("textbox", { name: "Maximum temperature" }).inputValue()).toBe("40");
    await page.getByRole("combobox", { name: "Outcome", exact: true }).selectOption("recovered");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.waitForURL(`${baseUrl}/cases/${caseId}`);
    const stored = (await (await page.request.get(`${baseUrl}/api/v1/cases/${caseId}`)).json()) as TStoredCase;
    expect(stored).toMatchObject({ outcome: "recovered", revision: 2, maxTempC: 40 });
  });

  it("records each of the form's changes as one audit event with the right before and after", async () => {
    const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!;
    const context = await browser.newContext();
    try {
      expect(
        (await context.request.post(`${baseUrl}/api/auth/login`, { data: { email: admin.email, password: DEMO_PASSWORD } })).status(),
      ).toBe(200);
      const response = await context.request.get(`${baseUrl}/api/v1/audit?entity=case&entityId=${caseId}`);
      expect(response.status()).toBe(200);
      type TEvent = {
        action: string;
        actor: string;
        before: { outcome?: string } | null;
        after: { outcome?: string; maxTempC?: number } | null;
      };
      // Changes only: opening the case's page is a data-access event (docs/security.md), not a change.
      const events = ((await response.json()) as { events: TEvent[] }).events.filter((e) => e.action !== "access");
      const [update, create] = events; // newest first
      expect(events).toHaveLength(2);
      expect(create).toMatchObject({ action: "create", actor: officer.email, before: null, after: { maxTempC: 40, sourceId } });
      expect(update).toMatchObject({ action: "update", actor: officer.email, after: { outcome: "recovered" } });
      expect(update!.before!.outcome).not.toBe("recovered");
    } finally {
      await context.close();
    }
  });
});
