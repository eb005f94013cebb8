// Helpers for the dashboard browser tests: sign in through the form, call the API with the
// page's own session, and read what a chart drew (its marks, whiskers and baseline labels).
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "@/lib/auth/users";
import type { TAggregatesResponse } from "@/lib/queries/aggregates/get-aggregates";

export async function signIn(page: Page, baseUrl: string, email: string, path = "/"): Promise<void> {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === path.split("?")[0]);
  // Park the pointer in a corner so no tooltip covers a chart in the screenshots.
  await page.mouse.move(0, 0);
}

/** GET /api/v1/aggregates with the browser's cookies: the numbers the page must show. */
export async function aggregates(page: Page, baseUrl: string, search: string): Promise<TAggregatesResponse> {
  const response = await page.request.get(`${baseUrl}/api/v1/aggregates?${search}`);
  if (!response.ok()) throw new Error(`aggregates ${search}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as TAggregatesResponse;
}

/** Waits until every panel has streamed in and Recharts has drawn (charts render after hydration). */
export async function waitForDashboard(page: Page): Promise<void> {
  await page.locator("[data-panel=sources]").waitFor();
  for (const chart of ["case-fatality", "incidence", "sex", "outcome", "age", "latency", "reports-per-year", "fatality-per-year"]) {
    await page.locator(`[data-chart="${chart}"] svg.recharts-surface`).first().waitFor();
  }
  await page
    .locator("[data-panel-state=loading]")
    .first()
    .waitFor({ state: "detached" })
    .catch(() => undefined);
}

export type TDrawn = { bars: string[]; errorBars: number; references: Record<string, string>; areas: string[] };

/** What one chart drew: its marks in DOM (drawing) order, whiskers, and baseline labels by key. */
export async function drawn(page: Page, chart: string): Promise<TDrawn> {
  const root = page.locator(`[data-chart="${chart}"]`);
  const bars = await root.locator("[data-bar]").evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-bar") ?? ""));
  const errorBars = await root.locator(".recharts-errorBar").count();
  const references = Object.fromEntries(
    await root
      .locator("[data-reference]")
      .evaluateAll((nodes) =>
        nodes.map((n) => [
          n.getAttribute("data-reference") ?? "",
          `${n.querySelector("text")?.textContent ?? ""}|${n.querySelector("title")?.textContent ?? ""}`,
        ]),
      ),
  ) as Record<string, string>;
  const areas = await root
    .locator("[data-reference-area] rect, [data-reference-area] path")
    .evaluateAll((nodes) => nodes.map((n) => n.closest("[data-reference-area]")?.getAttribute("data-reference-area") ?? ""));
  return { bars, errorBars, references, areas };
}

/** The number in a tile or listing total ("1,234" → 1234). */
export async function numberIn(page: Page, testId: string): Promise<number> {
  return Number(((await page.getByTestId(testId).textContent()) ?? "").replace(/[^\d.-]/g, ""));
}
