// Report cases per drug and per drug class over all events, for the disproportionality margins
// (docs/signals.md). A report counts once per drug however many times it lists it, and once per
// class however many of the class's drugs it names. Only the drug rows the caller says attribute
// (suspect, interacting, withdrawn — lib/cases/drug-attribution.ts) are added. Every drug of the
// file is counted, catalogue or not: the EBGM prior is fitted over the whole NMS column.
// Shared by FAERS, openFDA and E2B. A caller that knows each report's sex and age-band stratum
// (background-stratum.ts) passes it: the same rows are then also counted per stratum, for catalogue
// drugs and classes, so the strata add up to the crude counts by construction (one rule, one place).
//
// Memory: one counter per distinct drug and class (plus a name → drug cache), never per report —
// as long as each report's rows arrive together. FAERS DRUG files are sorted by primaryid, and
// openFDA and E2B hand over a whole report at a time, so "same report as this drug's last row" is
// enough to count distinct reports. A caller that finds its input not grouped by report asks
// for `exact` mode, which remembers every (drug, report) pair instead: correct, not flat.
import { catalogueDrugByName } from "@/lib/domain/drug-catalogue";
import type { DrugClass } from "@/lib/domain/vocabulary";
import { detach } from "./text-stream";
import { STRATA } from "./background-stratum";
import type { TBackgroundClassCount, TBackgroundRecord, TBackgroundStratumCount, TNormalise } from "../types";

type TCounter = { catalogueName: string | null; reports: number; nmsReports: number; lastReport: string | undefined };
export type TDrugKey = { key: string; catalogueName: string | null; drugClass: DrugClass | null; treatsNms: boolean };

const upper = (name: string) => name.trim().replace(/\s+/g, " ").toUpperCase();

export class BackgroundTally {
  private readonly counters = new Map<string, TCounter>();
  private readonly classes = new Map<DrugClass, TCounter>();
  private readonly keys = new Map<string, TDrugKey>();
  /** Per stratum code: catalogue drugs ("d:" + name) and classes ("c:" + class). */
  private readonly strata = new Map<string, TCounter>();
  /** Per stratum code: the reports and NMS reports of the stratum (the total row). */
  private readonly stratumTotals = new Map<number, { reports: number; nmsReports: number }>();
  private readonly pairs: Set<string> | undefined;

  constructor(
    private readonly normalise: TNormalise,
    exact = false,
  ) {
    this.pairs = exact ? new Set() : undefined;
  }

  /**
   * The drug a row names: the catalogue drug of the first name the normaliser maps (brand
   * name, then active ingredient), else the first non-empty name upper-cased.
   */
  drugOf(names: readonly string[]): TDrugKey | null {
    const cacheKey = names.join("\u0000");
    const cached = this.keys.get(cacheKey);
    if (cached) return cached;
    // Detached: the cache (and the normaliser's own memo) outlive the chunk these came from.
    const present = names.map((n) => detach(n.trim())).filter(Boolean);
    if (!present.length) return null;
    let drug: TDrugKey | undefined;
    for (const name of present) {
      const hit = this.normalise(name);
      if (hit) {
        drug = {
          key: hit.drug.name,
          catalogueName: hit.drug.name,
          drugClass: hit.drug.drugClass,
          treatsNms: catalogueDrugByName(hit.drug.name)?.treatsNms === true,
        };
        break;
      }
    }
    drug ??= { key: upper(present[0] ?? ""), catalogueName: null, drugClass: null, treatsNms: false };
    this.keys.set(detach(cacheKey), drug);
    return drug;
  }

  /**
   * One drug row of report `reportId`; `isNms` says whether that report is an NMS report.
   * `attributes` decides from the drug (its class, its catalogue entry's `treatsNms`) whether the row is
   * one of the report's causes; a row that is not is not counted at all.
   */
  add(
    reportId: string,
    names: readonly string[],
    isNms: boolean,
    attributes: (drug: TDrugKey) => boolean = () => true,
    stratum?: number,
  ): void {
    const drug = this.drugOf(names);
    if (!drug || !attributes(drug)) return;
    this.count(this.counters, drug.key, drug.catalogueName, reportId, isNms);
    if (drug.drugClass) this.count(this.classes, drug.drugClass, null, reportId, isNms);
    if (stratum === undefined || !drug.catalogueName) return;
    this.count(this.strata, `${stratum}\u0000d:${drug.catalogueName}`, drug.catalogueName, reportId, isNms);
    if (drug.drugClass) this.count(this.strata, `${stratum}\u0000c:${drug.drugClass}`, null, reportId, isNms);
  }

  /** Reports (cases) of the database total and NMS reports among them, in a stratum: its total row. */
  addToStratumTotal(stratum: number, reports: number, nmsReports: number): void {
    const total = this.stratumTotals.get(stratum) ?? { reports: 0, nmsReports: 0 };
    total.reports += reports;
    total.nmsReports += nmsReports;
    this.stratumTotals.set(stratum, total);
  }

  private count<K extends string>(
    counters: Map<K, TCounter>,
    key: K,
    catalogueName: string | null,
    reportId: string,
    isNms: boolean,
  ): void {
    let counter = counters.get(key);
    if (!counter) {
      counter = { catalogueName, reports: 0, nmsReports: 0, lastReport: undefined };
      counters.set(key, counter);
    }
    if (this.pairs) {
      const tag = counters === this.counters ? "d" : counters === this.classes ? "c" : "s";
      const pair = `${tag}\u0000${key}\u0000${reportId}`;
      if (this.pairs.has(pair)) return;
      this.pairs.add(pair);
    } else if (counter.lastReport === reportId) {
      return;
    }
    counter.lastReport = reportId;
    counter.reports++;
    if (isNms) counter.nmsReports++;
  }

  /** One record per drug, by name, for a deterministic output. */
  records(): TBackgroundRecord[] {
    return [...this.counters.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([drugName, c]) => ({
        kind: "background",
        drugName,
        catalogueName: c.catalogueName,
        reports: c.reports,
        nmsReports: c.nmsReports,
      }));
  }

  /**
   * The stratified counts: each stratum's total row and its catalogue drugs and classes; empty
   * when the caller passed no strata (the period then has no stratified counts).
   */
  stratumCounts(): TBackgroundStratumCount[] {
    if (this.stratumTotals.size === 0) return [];
    const out: TBackgroundStratumCount[] = [];
    for (const [code, total] of [...this.stratumTotals].sort(([x], [y]) => x - y)) {
      const { sex, ageBand } = STRATA[code]!;
      out.push({ sex, ageBand, drugName: null, drugClass: null, reports: total.reports, nmsReports: total.nmsReports });
    }
    for (const [key, c] of [...this.strata].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
      const [code, subject = ""] = key.split("\u0000");
      const { sex, ageBand } = STRATA[Number(code)]!;
      const isDrug = subject.startsWith("d:");
      out.push({
        sex,
        ageBand,
        drugName: isDrug ? subject.slice(2) : null,
        drugClass: isDrug ? null : (subject.slice(2) as DrugClass),
        reports: c.reports,
        nmsReports: c.nmsReports,
      });
    }
    return out;
  }

  /** One count per drug class with at least one report, by class key (for the summary record). */
  classCounts(): TBackgroundClassCount[] {
    return [...this.classes.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([drugClass, c]) => ({ drugClass, reports: c.reports, nmsReports: c.nmsReports }));
  }
}

/**
 * Watches the order of report ids in a stream of rows: grouping is guaranteed when the ids
 * are sorted, as text or as numbers (FDA sorts as text). Anything else → `grouped` is false.
 */
export class OrderWatch {
  private previous: string | undefined;
  private textSorted = true;
  private numberSorted = true;

  see(id: string): void {
    const prev = this.previous;
    if (prev !== undefined && prev !== id) {
      if (id < prev) this.textSorted = false;
      if (Number(id) < Number(prev) || Number.isNaN(Number(id))) this.numberSorted = false;
    }
    this.previous = id;
  }

  get grouped(): boolean {
    return this.textSorted || this.numberSorted;
  }
}
