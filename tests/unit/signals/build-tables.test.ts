// 2×2 construction from background rows, checked against tables counted by hand: per drug, per
// class (its case-level rows; summing its drugs for older imports), across periods, cumulatively
// for the trend, period strata, and the edge cases.
import { describe, expect, it } from "vitest";
import {
  classTables,
  cumulativeTables,
  drugTables,
  groupByPeriod,
  orderPeriods,
  periodTables,
  sumPeriods,
  type TSubject,
} from "@/lib/queries/signals/build-tables";
import { buildTrend } from "@/lib/queries/signals/build-trend";
import type { TBackgroundRow } from "@/lib/queries/signals/find-background-counts";
import { DEFAULT_SIGNAL_THRESHOLDS, informationComponentFromTable } from "@/lib/stats/disproportionality";

const HAL = { name: "haloperidol", displayName: "Haloperidol", drugClass: "first_generation" } as const;
const CPZ = { name: "chlorpromazine", displayName: "Chlorpromazine", drugClass: "first_generation" } as const;
const OLA = { name: "olanzapine", displayName: "Olanzapine", drugClass: "second_generation" } as const;
/** A total row of an older import (no class rows: classes sum their drugs). */
const total = (period: string, reports: number, nms: number): TBackgroundRow => ({
  period,
  drug: null,
  drugClass: null,
  drugReports: reports,
  nmsReports: nms,
  totalReports: reports,
  tally: null,
});
/** A total row of a case-level tally, which comes with class rows. */
const casesTotal = (period: string, reports: number, nms: number): TBackgroundRow => ({ ...total(period, reports, nms), tally: "cases" });
const drug = (period: string, d: TBackgroundRow["drug"], reports: number, nms: number): TBackgroundRow => ({
  period,
  drug: d,
  drugClass: null,
  drugReports: reports,
  nmsReports: nms,
  totalReports: null,
  tally: null,
});
const klass = (period: string, drugClass: TBackgroundRow["drugClass"], reports: number, nms: number): TBackgroundRow => ({
  period,
  drug: null,
  drugClass,
  drugReports: reports,
  nmsReports: nms,
  totalReports: null,
  tally: null,
});

// 2017Q1: 1,000 reports, 20 NMS; 2017Q2: 800 reports, 10 NMS (chlorpromazine absent that quarter).
const ROWS: TBackgroundRow[] = [
  total("2017Q2", 800, 10),
  drug("2017Q2", HAL, 20, 2),
  drug("2017Q2", OLA, 10, 1),
  total("2017Q1", 1000, 20),
  drug("2017Q1", HAL, 50, 8),
  drug("2017Q1", CPZ, 30, 3),
  drug("2017Q1", OLA, 40, 2),
];
const summed = () => sumPeriods(groupByPeriod(ROWS).periods.values());
const tableOf = (rows: ReturnType<typeof drugTables>, key: string) => rows.find((r) => r.subject.key === key)?.table;

describe("2×2 tables from background counts", () => {
  it("sums the periods: totals 1,800 reports and 30 NMS reports", () => {
    const sum = summed();
    expect([sum.reports, sum.nms]).toEqual([1800, 30]);
  });

  it("builds a = NMS with the drug, b = drug reports − a, c = all NMS − a, d = the rest", () => {
    const tables = drugTables(summed());
    // haloperidol: a = 8 + 2, drug reports 50 + 20 = 70 → b = 60; c = 30 − 10; d = 1800 − 70 − 20.
    expect(tableOf(tables, "haloperidol")).toEqual({ a: 10, b: 60, c: 20, d: 1710 });
    // chlorpromazine reported in 2017Q1 only counts 0 in 2017Q2 — but the Q2 totals still count.
    expect(tableOf(tables, "chlorpromazine")).toEqual({ a: 3, b: 27, c: 27, d: 1743 });
    expect(tableOf(tables, "olanzapine")).toEqual({ a: 3, b: 47, c: 27, d: 1723 });
    for (const t of tables) expect(t.table!.a + t.table!.b + t.table!.c + t.table!.d).toBe(1800);
  });

  it("orders drugs by class then name, and lists only drugs with reports", () => {
    expect(drugTables(summed()).map((t) => t.subject.key)).toEqual(["chlorpromazine", "haloperidol", "olanzapine"]);
  });

  it("sums a class's drugs; every class present in its fixed order, zeros included", () => {
    const classes = classTables(summed());
    expect(classes.map((c) => c.subject.key)).toEqual([
      "first_generation",
      "second_generation",
      "antiemetic",
      "dopaminergic_withdrawal",
      "other_antidopaminergic",
    ]);
    // first generation = haloperidol + chlorpromazine: a = 13, drug reports 100.
    expect(classes[0]!.table).toEqual({ a: 13, b: 87, c: 17, d: 1683 });
    expect(classes[1]!.table).toEqual({ a: 3, b: 47, c: 27, d: 1723 });
    expect(classes[2]!.table).toEqual({ a: 0, b: 0, c: 30, d: 1770 });
  });

  it("takes a class's table from its case-level row, not the sum of its drugs", () => {
    // Two NMS reports, each naming haloperidol and chlorpromazine: one case each for the class.
    const rows = [
      casesTotal("2020Q1", 10, 2),
      drug("2020Q1", HAL, 2, 2),
      drug("2020Q1", CPZ, 2, 2),
      klass("2020Q1", "first_generation", 2, 2),
    ];
    const sum = sumPeriods(groupByPeriod(rows).periods.values());
    const [first, second] = classTables(sum);
    expect(first!.table).toEqual({ a: 2, b: 0, c: 0, d: 8 });
    // A class without a row in a case-level period has no reports (not the sum of nothing else).
    expect(second!.table).toEqual({ a: 0, b: 0, c: 2, d: 8 });
  });

  it("falls back to summing drugs when any chosen period is an older import without class rows", () => {
    const rows = [
      casesTotal("2020Q1", 10, 2),
      klass("2020Q1", "first_generation", 2, 2),
      drug("2020Q1", HAL, 2, 2),
      total("2020Q2", 10, 0),
      drug("2020Q2", HAL, 1, 0),
    ];
    const sum = sumPeriods(groupByPeriod(rows).periods.values());
    expect(sum.classes).toBeNull();
    expect(classTables(sum)[0]!.margins).toEqual({ cases: 2, drugReports: 3, eventReports: 2, totalReports: 20 });
  });

  it("says why when a class's summed NMS reports exceed all NMS reports (double counting)", () => {
    // Two NMS reports, each naming haloperidol and chlorpromazine: the class sum counts 4.
    const rows = [total("2020Q1", 10, 2), drug("2020Q1", HAL, 2, 2), drug("2020Q1", CPZ, 2, 2)];
    const first = classTables(sumPeriods(groupByPeriod(rows).periods.values()))[0]!;
    expect(first.table).toBeNull();
    expect(first.reason).toMatch(/exceed all NMS reports.*count once per drug/);
    expect(first.margins).toEqual({ cases: 4, drugReports: 4, eventReports: 2, totalReports: 10 });
  });

  it("reports inconsistent drug counts as a reason, never a negative cell", () => {
    const rows = [total("2020Q1", 10, 2), drug("2020Q1", HAL, 1, 2)]; // more NMS reports than reports
    const [hal] = drugTables(sumPeriods(groupByPeriod(rows).periods.values()));
    expect(hal!.table).toBeNull();
    expect(hal!.reason).toMatch(/inconsistent/);
  });

  it("leaves out a period that has no total row, and names it", () => {
    const { periods, dropped } = groupByPeriod([...ROWS, drug("2018Q1", HAL, 5, 1)]);
    expect([...periods.keys()]).toEqual(["2017Q1", "2017Q2"]);
    expect(dropped).toEqual(["2018Q1"]);
  });

  it("orders quarters by the calendar, whole-file periods after them", () => {
    expect(orderPeriods(["all", "2017Q2", "2016Q4", "2017Q1", "2017Q2"])).toEqual(["2016Q4", "2017Q1", "2017Q2", "all"]);
  });
});

describe("cumulative tables for a trend", () => {
  const { periods } = groupByPeriod(ROWS);

  it("sums each period and all earlier ones, in calendar order", () => {
    const subject: TSubject = { kind: "drug", key: "haloperidol", label: "Haloperidol", drugClass: "first_generation" };
    const points = cumulativeTables(periods, subject);
    expect(points.map((p) => p.period)).toEqual(["2017Q1", "2017Q2"]);
    // After 2017Q1: a = 8, drug reports 50, NMS 20, total 1000.
    expect(points[0]!.table.table).toEqual({ a: 8, b: 42, c: 12, d: 938 });
    expect(points[1]!.table.table).toEqual({ a: 10, b: 60, c: 20, d: 1710 });
  });

  it("gives each period's own table as a stratum", () => {
    const subject: TSubject = { kind: "drug", key: "chlorpromazine", label: "Chlorpromazine", drugClass: "first_generation" };
    expect(periodTables(periods, subject).map((p) => [p.period, p.table.table])).toEqual([
      ["2017Q1", { a: 3, b: 27, c: 17, d: 953 }],
      ["2017Q2", { a: 0, b: 0, c: 10, d: 790 }],
    ]);
  });

  it("accumulates a class over its drugs, and the totals in periods where it is absent", () => {
    const subject: TSubject = { kind: "class", key: "first_generation", label: "First", drugClass: "first_generation" };
    const points = cumulativeTables(periods, subject);
    expect(points.map((p) => p.table.table)).toEqual([
      { a: 11, b: 69, c: 9, d: 911 },
      { a: 13, b: 87, c: 17, d: 1683 },
    ]);
  });
});

describe("the IC trend", () => {
  it("leaves a gap (no IC) in periods before the drug's first NMS report, instead of IC025 near −10", () => {
    const rows = [total("2017Q1", 1000, 20), drug("2017Q1", CPZ, 30, 0), total("2017Q2", 800, 10), drug("2017Q2", CPZ, 10, 3)];
    const subject: TSubject = { kind: "drug", key: "chlorpromazine", label: "Chlorpromazine", drugClass: "first_generation" };
    const [first, second] = buildTrend(groupByPeriod(rows).periods, subject, DEFAULT_SIGNAL_THRESHOLDS).points;
    expect(first).toMatchObject({ period: "2017Q1", a: 0, ic: { estimate: null, lower: null }, signal: null });
    expect(first!.ic.reason).toMatch(/No NMS reports/);
    // Without the gap the point would read the shrinkage prior's tail.
    expect(informationComponentFromTable(first!.table!).lower).toBeLessThan(-5);
    expect(second!.ic.lower).toBe(informationComponentFromTable(second!.table!).lower);
  });
});
