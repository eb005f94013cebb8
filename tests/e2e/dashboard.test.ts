// The overview as people use it, against `npm start` on the seeded embedded database: every chart
// draws the marks the API's numbers imply with the published baselines labelled; a filter changes
// the URL and the numbers; a bar drills down to exactly its cases; a case opens with its criteria
// and its narrative as text; a researcher sees aggregates without a single case-level link.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASELINES } from "@/lib/domain/baselines";
import { DEMO_ACCOUNTS } from "@/lib/auth/users";
import type { TAggregateGroup } from "@/lib/queries/aggregates/types";
import { closeAppPage, openAppPage } from "./app-page";
import type { TAppServer } from "./app-server";
import { SCREENSHOT_DIR } from "./browser";
import { aggregates, drawn, numberIn, signIn, waitForDashboard } from "./dashboard-helpers";

let app: TAppServer;
let browser: Browser;
let page: Page;
const [, SAFETY, RESEARCHER] = DEMO_ACCOUNTS;

beforeAll(async () => {
  ({ app, browser, page } = await openAppPage());
  await signIn(page, app.baseUrl, SAFETY!.email);
  await waitForDashboard(page);
});
afterAll(() => closeAppPage({ app, browser }));

const keysWith = (groups: readonly TAggregateGroup[], drawnIf: (g: TAggregateGroup) => boolean) => groups.filter(drawnIf).map((g) => g.key);

describe("the overview, signed in as a drug-safety officer", () => {
  it("shows the API's totals in the headline tiles", async () => {
    const all = await aggregates(page, app.baseUrl, "by=drugClass");
    expect(await numberIn(page, "tile-cases")).toBe(all.total.cases);
    expect(await numberIn(page, "tile-fatal")).toBe(all.total.fatal);
    expect(await page.getByTestId("tile-case-fatality").textContent()).toBe(`${(100 * all.total.caseFatality!.estimate).toFixed(1)}%`);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-overview.png`, fullPage: true });
  });

  it("draws case fatality and incidence by class with intervals, in class order, against the cited baselines", async () => {
    const byClass = await aggregates(page, app.baseUrl, "by=drugClass");
    const fatality = await drawn(page, "case-fatality");
    expect(fatality.bars).toEqual(keysWith(byClass.groups, (g) => (g.caseFatality?.estimate ?? 0) > 0));
    expect(fatality.errorBars).toBe(byClass.groups.filter((g) => g.caseFatality !== null).length);
    expect(fatality.references["shalev-1989-case-reports-1984-on"]).toMatch(/^11\.6% \[\d+\]case reports 1984–88\|.*Shalev A/);
    expect(fatality.references["modi-2016-nis-in-hospital-case-fatality"]).toMatch(/^5\.6% \[\d+\]/);

    const incidence = await drawn(page, "incidence");
    expect(incidence.bars).toEqual(keysWith(byClass.groups, (g) => (g.rate?.per100kPersonYears ?? 0) > 0));
    expect(incidence.bars.length).toBeGreaterThan(0);
    expect(incidence.errorBars).toBe(byClass.groups.filter((g) => g.rate !== null).length);
  });

  it("draws sex, age, outcome, latency and the per-year lines the data implies", async () => {
    const sex = await aggregates(page, app.baseUrl, "by=sex");
    const sexDrawn = await drawn(page, "sex");
    expect(sexDrawn.bars).toEqual(keysWith(sex.groups, (g) => g.key !== "unknown" && (g.cases ?? 0) > 0));
    expect(sexDrawn.errorBars).toBe(1);
    expect(sexDrawn.references["gurrera-2017-male-share"]).toMatch(/^ratio 1\.47 \[\d+\]/);

    const age = await aggregates(page, app.baseUrl, "by=ageBand");
    const ageDrawn = await drawn(page, "age");
    expect(ageDrawn.bars).toEqual(keysWith(age.groups, (g) => (g.cases ?? 0) > 0));
    expect(ageDrawn.errorBars).toBe(ageDrawn.bars.length);
    expect(ageDrawn.references["gurrera-2017-male-share"]).toMatch(/^Reported peak: 20–25 years \[\d+\]/);

    const outcome = await aggregates(page, app.baseUrl, "by=outcome");
    expect((await drawn(page, "outcome")).bars).toEqual(keysWith(outcome.groups, (g) => (g.cases ?? 0) > 0));

    // Latency has no API dimension: its table must account for every case the API counts.
    const latency = await drawn(page, "latency");
    const latencyCounts = await page.locator("[data-panel=latency] tbody tr td:nth-child(2)").allTextContents();
    expect(latencyCounts.reduce((sum, text) => sum + Number(text.replace(/,/g, "")), 0)).toBe(sex.total.cases);
    expect(latency.bars.length).toBe(latencyCounts.filter((text) => text !== "0").length);
    // "Onset within a few weeks" was withdrawn (no primary source): the latency chart cites nothing.
    expect(Object.keys(latency.references)).toEqual([]);

    const years = await aggregates(page, app.baseUrl, "by=year&then=drugClass");
    const cells = years.groups
      .filter((y) => y.key !== "unknown")
      .flatMap((y) => (y.groups ?? []).filter((c) => (c.cases ?? 0) > 0).map((c) => `${c.key}:${y.key}`));
    expect((await drawn(page, "reports-per-year")).bars.sort()).toEqual(cells.sort());
    expect(await page.locator("[data-chart=reports-per-year] .recharts-line").count()).toBe(5);
    expect(Object.keys((await drawn(page, "fatality-per-year")).references)).toContain("shalev-1989-case-reports-1984-on");
  });

  it("lists every baseline with its citation under Sources", async () => {
    const sources = await page.locator("[data-panel=sources] li").allTextContents();
    // Every shipped baseline, each cited by its primary source (never a file name).
    expect(sources.length).toBe(BASELINES.length);
    expect(sources.join("\n")).toContain("doi:10.1111/acps.12694");
    expect(sources.join("\n")).not.toMatch(/seeds\/|\.txt/);
  });

  it("draws case fatality per year with every interval inside the axis and a cut year marked partial; point changes with intervals", async () => {
    // Five and a half years against as many days before (a range from the first onset year would
    // have nothing before it to compare with).
    const search = "from=2019-01-01&to=2024-06-30";
    await page.goto(`${app.baseUrl}/?${search}`);
    try {
      await waitForDashboard(page);
      // Dates are typed and shown as YYYY-MM-DD, not in the browser's locale (no native date inputs).
      expect(await page.locator("input[name=from]").inputValue()).toBe("2019-01-01");
      expect(await page.locator("input[type=date]").count()).toBe(0);
      const years = await aggregates(page, app.baseUrl, `by=year&${search}`);
      const highest = Math.max(...years.groups.filter((g) => g.key !== "unknown").map((g) => g.caseFatality?.upper ?? 0));
      const ticks = await page
        .locator('[data-chart=fatality-per-year] .recharts-cartesian-axis-tick-value[orientation="left"]')
        .allTextContents();
      const top = Math.max(...ticks.map((t) => Number(t.replace("%", "")) / 100));
      // Up to the largest upper bound, rounded up to a 10% step (20% above 60%): nothing clipped.
      expect(top).toBeGreaterThanOrEqual(highest);
      expect(top - highest).toBeLessThan(0.2);
      expect(await page.getByTestId("partial-year-note").textContent()).toContain("2024 is a partial year (onsets to 2024-06-30)");
      for (const tile of ["case-fatality", "consensus"]) {
        expect(await page.locator(`[data-tile=${tile}] [data-testid=change-interval]`).textContent()).toMatch(
          /^95% CI [+−]?[\d.]+ pp to [+−]?[\d.]+ pp \(Newcombe\)$/,
        );
      }
      await page.mouse.move(0, 0);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-partial-year.png`, fullPage: true });
    } finally {
      await page.goto(`${app.baseUrl}/`);
      await waitForDashboard(page);
    }
  });

  it("follows a filter chosen in the filter bar: URL and numbers", async () => {
    const before = await numberIn(page, "tile-cases");
    await page.locator("form[aria-label=Filters] select[name=sex]").selectOption("female");
    await page.waitForURL(/[?&]sex=female/);
    const female = await aggregates(page, app.baseUrl, "by=drugClass&sex=female");
    await expect.poll(() => numberIn(page, "tile-cases"), { timeout: 30_000 }).toBe(female.total.cases);
    expect(female.total.cases).toBeLessThan(before);
    await waitForDashboard(page);
    expect((await drawn(page, "sex")).bars).toEqual(["female"]);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-filtered.png`, fullPage: true });
  });

  it("drills down from a bar to exactly the cases behind it", async () => {
    const female = await aggregates(page, app.baseUrl, "by=drugClass&sex=female");
    const expected = female.groups.find((g) => g.key === "first_generation")!.cases ?? 0;
    await page.locator('[data-chart="case-fatality"] a[data-bar="first_generation"]').click();
    await page.waitForURL(/\/cases\?/);
    const url = new URL(page.url());
    expect(url.searchParams.getAll("drugClass")).toEqual(["first_generation"]);
    expect(url.searchParams.getAll("sex")).toEqual(["female"]);
    await expect.poll(() => numberIn(page, "case-total")).toBe(expected);
    expect(await page.locator("[data-testid=case-listing] tbody tr").count()).toBe(Math.min(50, expected));
  });

  it("opens a case with its criteria, and shows markup in a narrative as text", async () => {
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/session`)).json()) as { csrfToken: string };
    const created = await page.request.post(`${app.baseUrl}/api/v1/cases`, {
      headers: { "x-csrf-token": csrfToken },
      data: {
        sourceId: "E2E-MARKUP-1",
        onsetDate: "2024-05-02",
        receivedDate: "2024-05-09",
        sex: "male",
        ageYears: 31,
        reporterType: "physician",
        maxTempC: 40.1,
        rigidity: true,
        outcome: "recovered",
        narrative: "Patient <b>x</b> & <script>alert(1)</script> recovered.",
        drugs: [{ name: "haloperidol", role: "suspect", startDate: "2024-04-28" }],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    await page.goto(`${app.baseUrl}/cases?q=E2E-MARKUP-1`);
    await page.getByRole("link", { name: "E2E-MARKUP-1" }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    expect(await page.locator("[data-testid=consensus-criteria] tbody tr").count()).toBe(8);
    expect(await page.locator("[data-criterion=rigidity] [data-status]").getAttribute("data-status")).toBe("met");
    const narrative = page.getByTestId("case-narrative");
    expect(await narrative.textContent()).toBe("Patient <b>x</b> & <script>alert(1)</script> recovered.");
    expect(await narrative.locator("b, script").count()).toBe(0);
    expect(await page.locator("[data-event=onset]").count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-case-detail.png`, fullPage: true });
  });
});

describe("the overview, signed in as a researcher", () => {
  it("renders the aggregates with no case-level link anywhere", async () => {
    const researcher = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(researcher, app.baseUrl, RESEARCHER!.email);
    await waitForDashboard(researcher);
    const all = await aggregates(researcher, app.baseUrl, "by=drugClass");
    expect(await numberIn(researcher, "tile-cases")).toBe(all.total.cases);
    expect(await researcher.locator('a[href^="/cases"]').count()).toBe(0);
    expect(await researcher.locator("[data-chart] a").count()).toBe(0);
    // Bars still take keyboard focus and announce their numbers.
    expect(await researcher.locator('[data-chart="case-fatality"] [data-bar][tabindex="0"]').count()).toBeGreaterThan(0);
    expect((await researcher.goto(`${app.baseUrl}/cases`))?.url()).toMatch(/\/forbidden/);
    await researcher.close();
  });
});
