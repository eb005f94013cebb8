// GET /api/v1/signals through its route handler on a real database: background rows inserted
// here, every number checked against lib/stats/disproportionality on tables counted in the test;
// case-level class rows, the whole-column EBGM prior, period strata, focus, trend, thresholds,
// the empty answer and named 400s.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/signals/route";
import { getPrisma } from "@/lib/db/client";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import { DRUG_CLASSES } from "@/lib/domain/vocabulary";
import type { TSignalReport } from "@/lib/queries/get-signal-tables";
import {
  computeDisproportionality,
  expectedCases,
  fitGammaMixturePrior,
  informationComponentFromTable,
  mantelHaenszelPrr,
  mantelHaenszelRor,
  stratifiedInformationComponent,
  withThresholds,
  type TwoByTwo,
} from "@/lib/stats/disproportionality";
import { writeReferenceData } from "@/seed/write-reference-data";
import { noParams, requestsAs } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

// 25 drugs across every class (every third catalogue entry, haloperidol first), two FAERS quarters.
const DRUGS = ["haloperidol", ...DRUG_CATALOGUE.filter((d, i) => i % 3 === 0 && d.name !== "haloperidol").map((d) => d.name)];
const QUARTERS = {
  "2020Q1": { total: 20_000, nms: 150, drug: (i: number) => ({ reports: i === 0 ? 100 : 40 + 7 * i, nms: i === 0 ? 30 : (i % 5) + 1 }) },
  "2020Q2": { total: 15_000, nms: 90, drug: (i: number) => ({ reports: i === 0 ? 60 : 30 + 3 * i, nms: i === 0 ? 12 : i % 3 }) },
} as const;

/** The first-generation class row: its drugs' sum less one case per quarter naming two of them. */
const OVERLAP = 1;
/** The rest of the NMS column: 30 drugs outside the catalogue, per quarter (reports, NMS reports). */
const OTHERS = Array.from({ length: 30 }, (_, i) => ({
  name: `OTHER ${String(i).padStart(2, "0")}`,
  reports: (q: number) => 200 + 37 * i + 50 * q,
  nms: (q: number) => (i + q) % 3,
}));

let database: TTestDatabase;
let as: Awaited<ReturnType<typeof requestsAs>>;
let researcher: Awaited<ReturnType<typeof requestsAs>>;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  // Exact numbers are staff's; researchers get the protected tables (the last describe below).
  as = await requestsAs("safety_officer");
  researcher = await requestsAs("researcher");
  const prisma = getPrisma();
  const ids = new Map((await prisma.catalogueDrug.findMany({ select: { id: true, name: true } })).map((d) => [d.name, d.id]));
  for (const [k, [period, q]] of Object.entries(QUARTERS).entries()) {
    await prisma.backgroundCount.create({
      data: { source: "faers", period, drugId: null, drugReports: q.total, nmsReports: q.nms, totalReports: q.total, tally: "cases" },
    });
    await prisma.backgroundCount.createMany({
      data: DRUGS.map((name, i) => ({
        source: "faers" as const,
        period,
        drugId: ids.get(name)!,
        drugReports: q.drug(i).reports,
        nmsReports: q.drug(i).nms,
      })),
    });
    await prisma.backgroundCount.createMany({
      data: DRUG_CLASSES.map((drugClass) => {
        const sum = classSum(drugClass, period as keyof typeof QUARTERS);
        const less = drugClass === "first_generation" ? OVERLAP : 0;
        return { source: "faers" as const, period, drugClass, drugReports: sum.reports - less, nmsReports: sum.nms - less };
      }),
    });
    await prisma.backgroundOtherDrug.createMany({
      data: OTHERS.map((o) => ({ source: "faers" as const, period, drugName: o.name, drugReports: o.reports(k), nmsReports: o.nms(k) })),
    });
  }
  // openFDA: three drugs only — too few to fit an EBGM prior.
  await prisma.backgroundCount.create({
    data: { source: "openfda", period: "all", drugId: null, drugReports: 500, nmsReports: 9, totalReports: 500 },
  });
  await prisma.backgroundCount.createMany({
    data: DRUGS.slice(0, 3).map((name) => ({
      source: "openfda" as const,
      period: "all",
      drugId: ids.get(name)!,
      drugReports: 50,
      nmsReports: 3,
    })),
  });
});
afterAll(() => database.close());

const call = async (query: string) => {
  const response = await GET(as("GET", `http://nms.test/api/v1/signals${query}`), noParams);
  return {
    status: response.status,
    body: (await response.json()) as TSignalReport & { error?: { code: string; issues: { path: string }[] } },
  };
};

/** A class's drugs summed in one quarter (before the overlap is taken off). */
function classSum(drugClass: string, period: keyof typeof QUARTERS): { reports: number; nms: number } {
  const members = DRUGS.map((name, i) => ({ name, i })).filter(
    ({ name }) => DRUG_CATALOGUE.find((d) => d.name === name)!.drugClass === drugClass,
  );
  return {
    reports: members.reduce((s, { i }) => s + QUARTERS[period].drug(i).reports, 0),
    nms: members.reduce((s, { i }) => s + QUARTERS[period].drug(i).nms, 0),
  };
}

/** The expected table of a drug summed over `periods`, counted from the inserted numbers. */
function expectedTable(i: number, periods: (keyof typeof QUARTERS)[]): TwoByTwo {
  let a = 0,
    reports = 0,
    nms = 0,
    total = 0;
  for (const p of periods) {
    a += QUARTERS[p].drug(i).nms;
    reports += QUARTERS[p].drug(i).reports;
    nms += QUARTERS[p].nms;
    total += QUARTERS[p].total;
  }
  return { a, b: reports - a, c: nms - a, d: total - reports - (nms - a) };
}

describe("signals API", () => {
  it("answers every drug with PRR, ROR, IC and EBGM equal to the statistics library's", async () => {
    const { status, body } = await call("?source=faers");
    expect(status).toBe(200);
    expect(body.periods.used).toEqual(["2020Q1", "2020Q2"]);
    expect(body.totals).toEqual({ reports: 35_000, nmsReports: 240 });
    const tables = DRUGS.map((_, i) => expectedTable(i, ["2020Q1", "2020Q2"]));
    // The prior is fitted over the pairs in the order the answer lists the drugs (class, then
    // name): the likelihood is flat enough that summation order moves the optimum's last digits.
    // Then the rest of the column, by name: every other drug with an NMS report, E = its reports × 240 / 35,000.
    const ordered = body.drugs.map((d) => tables[DRUGS.indexOf(d.key)]!);
    const rest = OTHERS.map((o) => ({ n: o.nms(0) + o.nms(1), e: ((o.reports(0) + o.reports(1)) * 240) / 35_000 })).filter((p) => p.n >= 1);
    const pairs = [...ordered.filter((t) => t.a >= 1).map((t) => ({ n: t.a, e: expectedCases(t)! })), ...rest];
    const prior = fitGammaMixturePrior(pairs).prior;
    expect(body.ebgmPrior).toMatchObject({
      fitted: true,
      pairs: pairs.length,
      otherDrugs: rest.length,
      prior,
      wellPosed: true,
      notWellPosed: null,
    });
    expect(body.drugs.map((d) => d.key).sort()).toEqual([...DRUGS].sort());
    DRUGS.forEach((name, i) => {
      const row = body.drugs.find((d) => d.key === name)!;
      const s = computeDisproportionality(tables[i]!, { prior });
      expect(row.table).toEqual(tables[i]);
      expect(row.expected).toBe(s.ic.expected);
      expect(row.prr).toEqual({
        estimate: s.prr.estimate,
        lower: s.prr.lower,
        upper: s.prr.upper,
        reason: s.prr.reason,
        chiSquare: s.prr.chiSquare,
        pValue: s.prr.chiSquarePValue,
      });
      expect(row.ror).toEqual({ estimate: s.ror.estimate, lower: s.ror.lower, upper: s.ror.upper, reason: s.ror.reason });
      expect(row.ic).toEqual({ estimate: s.ic.ic, lower: s.ic.lower, upper: s.ic.upper, reason: null });
      expect(row.ebgm).toEqual({ estimate: s.ebgm!.ebgm, lower: s.ebgm!.eb05, upper: s.ebgm!.eb95, reason: null });
      expect(row.flags).toEqual(s.flags);
    });
    // Each row links to the cases behind its a; the answer names the data version it was computed from.
    expect(body.drugs.find((d) => d.key === "haloperidol")!.casesUrl).toBe("/cases?drug=haloperidol&source=faers");
    expect(body.dataVersion).toMatch(/^[0-9a-f]{16}$/);
    expect((await call("?source=faers")).body.dataVersion).toBe(body.dataVersion);
    expect((await call("?source=faers&from=2020Q2")).body.dataVersion).not.toBe(body.dataVersion);
    // Haloperidol: 42 of 160 reports vs 198 of 34,840 — a signal on every statistic.
    expect(body.drugs.find((d) => d.key === "haloperidol")!.flags).toEqual({ prr: true, ror: true, ic: true, ebgm: true, any: true });
  });

  it("takes each class from its case-level rows (not the sum of its drugs) and gives classes no EBGM", async () => {
    const { body } = await call("");
    expect(body.classes.map((c) => c.key)).toEqual([
      "first_generation",
      "second_generation",
      "antiemetic",
      "dopaminergic_withdrawal",
      "other_antidopaminergic",
    ]);
    for (const row of body.classes) {
      const less = row.key === "first_generation" ? 2 * OVERLAP : 0;
      const a = classSum(row.key, "2020Q1").nms + classSum(row.key, "2020Q2").nms - less;
      const reports = classSum(row.key, "2020Q1").reports + classSum(row.key, "2020Q2").reports - less;
      const table = { a, b: reports - a, c: 240 - a, d: 35_000 - reports - (240 - a) };
      expect(row.table).toEqual(table);
      expect(row.prr.estimate).toBe(computeDisproportionality(table).prr.estimate);
      expect(row.ebgm.estimate).toBeNull();
      expect(row.ebgm.reason).toMatch(/class/);
    }
    expect(body.notes.map((n) => n.code)).not.toContain("class_double_count");
  });

  it("gives staff each row's period-stratified (Mantel–Haenszel) PRR, ROR and IC", async () => {
    const { body } = await call("");
    const row = body.drugs.find((d) => d.key === "haloperidol")!;
    const strata = [expectedTable(0, ["2020Q1"]), expectedTable(0, ["2020Q2"])];
    expect(row.stratified).toMatchObject({ by: ["period"], strata: 2 });
    expect(row.stratified!.prr.estimate).toBe(mantelHaenszelPrr(strata).estimate);
    expect(row.stratified!.ror.lower).toBe(mantelHaenszelRor(strata).lower);
    expect(row.stratified!.ic.estimate).toBe(stratifiedInformationComponent(strata).ic);
    // One period is no stratification.
    expect((await call("?from=2020Q2&to=2020Q2")).body.drugs[0]!.stratified).toBeNull();
  });

  it("names periods tallied the old way and raises no EBGM flag from a catalogue-only prior", async () => {
    const prisma = getPrisma();
    await prisma.backgroundCount.updateMany({
      where: { source: "faers", period: "2020Q2", drugId: null, drugClass: null },
      data: { tally: null },
    });
    try {
      const { body } = await call("");
      expect(body.notes.map((n) => n.code)).toEqual(expect.arrayContaining(["legacy_tally", "ebgm_not_well_posed"]));
      expect(body.ebgmPrior).toMatchObject({ fitted: true, wellPosed: false, otherDrugs: 0 });
      const hal = body.drugs.find((d) => d.key === "haloperidol")!;
      expect(hal.ebgm.estimate).not.toBeNull();
      expect(hal.flags.ebgm).toBeNull();
    } finally {
      await prisma.backgroundCount.updateMany({
        where: { source: "faers", period: "2020Q2", drugId: null, drugClass: null },
        data: { tally: "cases" },
      });
    }
  });

  it("limits the periods to from–to", async () => {
    const { body } = await call("?from=2020Q2&to=2020Q2");
    expect(body.periods.used).toEqual(["2020Q2"]);
    expect(body.drugs.find((d) => d.key === "haloperidol")!.table).toEqual(expectedTable(0, ["2020Q2"]));
  });

  it("drug= answers that drug with its cumulative IC025 per period", async () => {
    const { body } = await call("?drug=haloperidol");
    expect(body.drugs.map((d) => d.key)).toEqual(["haloperidol"]);
    expect(body.classes).toEqual([]);
    expect(body.trend!.points.map((p) => p.period)).toEqual(["2020Q1", "2020Q2"]);
    const cumulative = [expectedTable(0, ["2020Q1"]), expectedTable(0, ["2020Q1", "2020Q2"])];
    body.trend!.points.forEach((point, k) => {
      const ic = informationComponentFromTable(cumulative[k]!);
      expect(point.table).toEqual(cumulative[k]);
      expect(point.ic).toEqual({ estimate: ic.ic, lower: ic.lower, upper: ic.upper, reason: null });
      expect(point.signal).toBe(ic.lower! > 0);
    });
  });

  it("drugClass= answers the class and its drugs; a drug without reports gets a zero row", async () => {
    const cls = (await call("?drugClass=antiemetic")).body;
    expect(cls.classes.map((c) => c.key)).toEqual(["antiemetic"]);
    expect(cls.drugs.every((d) => d.drugClass === "antiemetic")).toBe(true);
    expect(cls.trend).toMatchObject({ kind: "class", key: "antiemetic" });
    const unreported = DRUG_CATALOGUE.find((d) => !DRUGS.includes(d.name))!.name;
    const none = (await call(`?drug=${unreported}`)).body;
    expect(none.drugs[0]).toMatchObject({ key: unreported, a: 0, drugReports: 0, prr: { estimate: null } });
    expect(none.drugs[0]!.prr.reason).toMatch(/No reports for the drug/);
    expect(none.notes.map((n) => n.code)).toContain("no_reports_for_drug");
  });

  it("applies thresholds from the query", async () => {
    const strict = (await call("?minCases=1000")).body;
    expect(strict.query.thresholds).toEqual(
      withThresholds({
        prr: { casesAtLeast: 1000 },
        ror: { casesAtLeast: 1000 },
        ic: { casesAtLeast: 1000 },
        ebgm: { casesAtLeast: 1000 },
      }),
    );
    expect(strict.drugs.some((d) => d.flags.any)).toBe(false);
    const loose = (await call("?prr=1.01&chi2=0")).body.drugs.filter((d) => d.flags.prr).length;
    expect(loose).toBeGreaterThan((await call("")).body.drugs.filter((d) => d.flags.prr).length);
  });

  it("reports EBGM as null with the reason when too few drugs fit a prior", async () => {
    const { body } = await call("?source=openfda");
    expect(body.ebgmPrior).toMatchObject({ fitted: false, pairs: 3 });
    expect(body.drugs).toHaveLength(3);
    for (const row of body.drugs) {
      expect(row.ebgm).toMatchObject({ estimate: null, lower: null, upper: null });
      expect(row.ebgm.reason).toMatch(/at least 20 drugs/);
    }
    expect(body.notes.map((n) => n.code)).toContain("ebgm_not_fitted");
  });

  it("answers 200 with empty lists and a note when there are no background counts", async () => {
    for (const query of ["?source=e2b", "?from=2023Q1"]) {
      const { status, body } = await call(query);
      expect(status).toBe(200);
      expect([body.drugs, body.classes, body.trend, body.periods.used]).toEqual([[], [], null, []]);
      expect(body.notes.find((n) => n.code === "no_background_counts")!.message).toMatch(/npm run cli -- import/);
    }
  });

  it.each([
    ["?bogus=1", "bogus"],
    ["?source=manual", "source"],
    ["?from=2020-01-01", "from"],
    ["?drug=aspirin", "drug"],
    ["?eb05=-1", "eb05"],
  ])("answers 400 in the error envelope for %s", async (query, path) => {
    const { status, body } = await call(query);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "invalid_input", issues: [{ path }] });
  });
});

describe("signals for researchers (docs/security.md)", () => {
  const asResearcher = async (query: string) => {
    const response = await GET(researcher("GET", `http://nms.test/api/v1/signals${query}`), noParams);
    return (await response.json()) as TSignalReport;
  };

  it("publish no NMS count from 1 to 4, withhold those rows (not zero) and say so", async () => {
    for (const query of ["?source=faers", "?source=faers&from=2020Q1&to=2020Q1", "?source=openfda"]) {
      const body = await asResearcher(query);
      for (const row of [...body.drugs, ...body.classes]) expect(row.a === 0 || row.a >= 5, `${query} ${row.key}: ${row.a}`).toBe(true);
      expect(body.notes.find((n) => n.code === "disclosure")?.message).toMatch(/withheld/);
      expect(body.trend).toBeNull();
      for (const row of [...body.drugs, ...body.classes]) expect(row.casesUrl).toBeNull();
    }
    // openFDA: three drugs with 3 NMS reports each — withheld unless the noise lifts one to 5.
    expect((await asResearcher("?source=openfda")).drugs.every((d) => d.a === 5)).toBe(true);
  });

  it("cannot be differenced over periods: a quarter's small count stays undetermined", async () => {
    const both = await asResearcher("?source=faers&from=2020Q1&to=2020Q2");
    const second = await asResearcher("?source=faers&from=2020Q2&to=2020Q2");
    const noise = 2;
    let targets = 0;
    DRUGS.forEach((name, i) => {
      const hidden = QUARTERS["2020Q1"].drug(i).nms;
      if (hidden < 1 || hidden >= 5) return;
      targets++;
      const whole = both.drugs.find((d) => d.key === name)?.a ?? null;
      const part = second.drugs.find((d) => d.key === name)?.a ?? null;
      if (whole === null || part === null) return; // withheld: nothing to subtract
      const derivable = new Set<number>();
      for (let x = whole - noise; x <= whole + noise; x++)
        for (let y = part - noise; y <= part + noise; y++) if (x - y >= 1 && x - y < 5) derivable.add(x - y);
      expect(derivable.size, `${name}: ${hidden} derivable from ${whole} − ${part}`).toBeGreaterThan(1);
    });
    expect(targets).toBeGreaterThan(5);
  });

  it("give the same answer to the same question", async () => {
    expect(await asResearcher("?source=faers")).toEqual(await asResearcher("?source=faers"));
  });
});
