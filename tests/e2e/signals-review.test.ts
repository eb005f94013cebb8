// The signal review as a safety officer does it: a FAERS quarter comes in through the CLI and
// raises alerts; open the alerts page, raise a topic from an alert (which closes it), assign it,
// comment, change its status, and read the history — each step checked against the API. Then
// dismiss another alert with a reason (its history shows it), link the cases of a drill-down to
// the topic, and read the signals page's crude-against-adjusted table for sex strata.
// Screenshots of the alerts, topic, drill-down and signals pages at 1440 and 390 px.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TAlert } from "@/lib/queries/find-alerts";
import type { TTopic } from "@/lib/queries/find-signal-topics";
import type { TSignalReport } from "@/lib/queries/get-signal-tables";
import { formatInterval } from "@/app/signals/_components/format";
import { closeAppPage, openAppPage } from "./app-page";
import type { TAppServer } from "./app-server";
import { SCREENSHOT_DIR } from "./browser";
import { signIn } from "./dashboard-helpers";
import { writeSignalQuarter } from "./signals-quarters";

let app: TAppServer;
let browser: Browser;
let page: Page;
let fixtures: string;
const OFFICER = "safety@nms.local";

beforeAll(async () => {
  fixtures = mkdtempSync(path.join(os.tmpdir(), "nms-review-"));
  ({ app, browser, page } = await openAppPage());
  await signIn(page, app.baseUrl, OFFICER, "/alerts");
});
afterAll(async () => {
  await closeAppPage({ app, browser });
  rmSync(fixtures, { recursive: true, force: true });
});

const api = async <T>(pathname: string) => (await (await page.request.get(`${app.baseUrl}${pathname}`)).json()) as T;

/** Waits until React has hydrated the form (its button carries React's own properties). */
const hydrated = (testId: string) =>
  page.waitForFunction((id) => {
    const button = document.querySelector(`[data-testid=${id}] button`);
    return button !== null && Object.keys(button).some((key) => key.startsWith("__react"));
  }, testId);

async function screenshots(name: string): Promise<void> {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${width}.png`, fullPage: true });
    // Nothing wider than the window.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe("signal review", () => {
  let alert: TAlert;
  let topicUrl: string;

  it("shows the alerts an imported quarter raised, with the cases behind them", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NMS_DATA_DIR: app.dataDir };
    delete env.DATABASE_URL;
    delete env.NMS_DATABASE_KIND;
    await promisify(execFile)(process.execPath, ["--import", "tsx", "lib/cli/main.ts", "import", writeSignalQuarter(fixtures, "24Q1")], {
      env,
      timeout: 120_000,
    });
    const { alerts } = await api<{ alerts: TAlert[] }>("/api/v1/alerts");
    expect(alerts.length).toBeGreaterThan(0);
    alert = alerts.find((a) => a.subjectKey === "haloperidol") ?? alerts[0]!;
    await page.goto(`${app.baseUrl}/alerts`);
    await expect(page.getByTestId("alert").count()).resolves.toBe(alerts.length);
    const row = page.locator(`[data-alert-id="${alert.id}"]`);
    await expect(row.getByRole("link", { name: "Cases behind it" }).getAttribute("href")).resolves.toBe(alert.casesUrl);
    await screenshots("alerts");
  });

  it("raises a topic from the alert, which closes it", async () => {
    await page.locator(`[data-alert-id="${alert.id}"]`).getByTestId("create-topic").click();
    await page.waitForURL(/\/signals\/topics\/new\?alert=/);
    await hydrated("create-topic-form");
    await page.getByTestId("create-topic-form").getByRole("button", { name: "Create topic" }).click();
    await page.waitForURL(/\/signals\/topics\/[0-9a-f-]{36}$/);
    topicUrl = page.url();
    await expect(page.getByTestId("topic-status").textContent()).resolves.toBe("New");
    const { alerts } = await api<{ alerts: TAlert[] }>("/api/v1/alerts?status=closed");
    expect(alerts.map((a) => a.id)).toContain(alert.id);
  });

  it("assigns the topic, comments, changes its status and shows each step in the history", async () => {
    await hydrated("assign-form");
    await page.getByTestId("assign-form").locator("select[name=assignee]").selectOption(OFFICER);
    await page.getByTestId("assign-form").getByRole("button", { name: "Assign" }).click();
    await expect.poll(() => page.getByTestId("topic-assignee").textContent()).toBe(OFFICER);

    await page.getByTestId("comment-form").locator("textarea").fill("Two fatal cases on depot haloperidol: request follow-up.");
    await page.getByTestId("comment-form").getByRole("button", { name: "Add comment" }).click();
    await page.locator('[data-testid=topic-history] li[data-kind="comment"]').waitFor();

    await page.getByTestId("status-form").locator("select").selectOption("under_evaluation");
    await page.getByTestId("status-form").getByRole("button", { name: "Change status" }).click();
    await expect.poll(() => page.getByTestId("topic-status").textContent()).toBe("Under evaluation");

    const kinds = await page
      .locator("[data-testid=topic-history] li")
      .evaluateAll((items) => items.map((li) => li.getAttribute("data-kind")));
    expect(kinds).toEqual(["created", "assigned", "comment", "status"]);
    const topic = await api<TTopic>(`/api/v1/signals/topics/${topicUrl.split("/").at(-1)!}`);
    expect(topic.events.map((e) => e.kind)).toEqual(kinds);
    expect(topic).toMatchObject({ status: "under_evaluation", assignee: OFFICER, subjectKey: alert.subjectKey });
    await expect(page.locator('[data-testid=topic-history] li[data-kind="comment"]').textContent()).resolves.toContain("request follow-up");

    // The inbox lists it under "assigned to me".
    await page.goto(`${app.baseUrl}/signals/topics?view=mine`);
    await expect(page.getByTestId("topic-list").getByRole("link").first().textContent()).resolves.toBe(topic.title);
    await page.goto(topicUrl);
    await page.getByTestId("topic-history").waitFor();
    await screenshots("signal-topic");
  });

  it("dismisses another alert with a reason, shown in its history, without raising a topic", async () => {
    const { alerts } = await api<{ alerts: TAlert[] }>("/api/v1/alerts");
    const other = alerts.find((a) => a.id !== alert.id)!;
    await page.goto(`${app.baseUrl}/alerts`);
    const row = page.locator(`[data-alert-id="${other.id}"]`);
    await page.waitForFunction((id) => {
      const button = document.querySelector(`[data-alert-id="${id}"] [data-testid=dismiss]`);
      return button !== null && Object.keys(button).some((key) => key.startsWith("__react"));
    }, other.id);
    await row.getByTestId("dismiss").click();
    const reason = "Reported with a known interaction; no new information.";
    await row.getByTestId("alert-change-form").locator("textarea").fill(reason);
    await row.getByRole("button", { name: "Dismiss the alert" }).click();
    // Gone from the open list; listed under Dismissed with its reason and history.
    await expect.poll(async () => page.locator(`[data-alert-id="${other.id}"]`).count()).toBe(0);
    await page.goto(`${app.baseUrl}/alerts?status=dismissed`);
    const dismissed = page.locator(`[data-alert-id="${other.id}"]`);
    await expect(dismissed.getByTestId("dismissed-note").textContent()).resolves.toContain(reason);
    await dismissed.locator("summary").click();
    const kinds = await dismissed
      .locator("[data-testid=alert-history] li")
      .evaluateAll((items) => items.map((li) => li.getAttribute("data-kind")));
    expect(kinds).toEqual(["raised", "dismissed"]);
    const answer = await api<{ alerts: TAlert[] }>("/api/v1/alerts?status=dismissed");
    expect(answer.alerts.find((a) => a.id === other.id)).toMatchObject({ status: "dismissed", dismissReason: reason, closedBy: OFFICER });
    await screenshots("alerts-dismissed");
  });

  it("links the cases of the alert's drill-down to the topic", async () => {
    await page.goto(`${app.baseUrl}${alert.casesUrl}`);
    const form = page.getByTestId("add-to-topic");
    await hydrated("add-to-topic");
    const listed = Number((await page.getByTestId("case-total").textContent())!.replace(/\D/g, ""));
    await form.locator("select[name=topic]").selectOption({ index: 1 });
    await form.getByRole("button", { name: "Add" }).click();
    await expect.poll(() => form.getByRole("status").textContent()).toContain(`${Math.min(listed, 50)} linked`);
    const topic = await api<TTopic>(`/api/v1/signals/topics/${topicUrl.split("/").at(-1)!}`);
    expect(topic.cases).toBe(Math.min(listed, 50));
    await screenshots("drill-down-linked");
  });

  it("shows crude and sex-adjusted estimates side by side, chosen with the Adjust for control", async () => {
    await page.goto(`${app.baseUrl}/signals`);
    await page.getByTestId("adjusted-panel").waitFor();
    await expect(page.locator("#signals-adjusted").textContent()).resolves.toBe("Crude and adjusted for period");
    await page.waitForFunction(() => {
      const button = document.querySelector("[data-testid=signal-filters] button");
      return button !== null && Object.keys(button).some((key) => key.startsWith("__react"));
    });
    await page.getByTestId("strata-select").selectOption("sex");
    await page.getByTestId("signal-filters").getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/strata=sex/);
    await expect.poll(() => page.locator("#signals-adjusted").textContent()).toBe("Crude and adjusted for sex");
    const report = await api<TSignalReport>("/api/v1/signals?strata=sex");
    const row = report.drugs.find((d) => d.key === "haloperidol")!;
    expect(row.stratified).toMatchObject({ by: ["sex"], strata: 2 });
    const cells = page.locator('[data-testid=adjusted-table-drug] tr[data-key="haloperidol"]');
    await expect(cells.locator('[data-col="prr-crude"]').textContent()).resolves.toBe(formatInterval(row.prr));
    await expect(cells.locator('[data-col="prr-adjusted"]').textContent()).resolves.toBe(formatInterval(row.stratified!.prr));
    await expect(page.getByTestId("adjusted-panel").textContent()).resolves.toContain(
      "Unknown sex and unknown age are strata of their own",
    );
    await screenshots("signals-adjusted-sex");
  });
});
