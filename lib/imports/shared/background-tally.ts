// Report cases per drug and per drug class over all events, for the disproportionality margins
// (docs/signals.md). A report counts once per drug however many times it lists it, and once per
// class however many of the class's drugs it names. Only the drug rows the caller says attribute
// (suspect, interacting, withdrawn — lib/cases/drug-attribution.ts) are added. Every drug of the
// file is counted, catalogue or not: the EBGM prior is fitted over the whole NMS column.
// Shared by FAERS, openFDA and E2B.
//
// Memory: one counter per distinct drug and class (plus a name → drug cache), never per report —
// as long as each report's rows arrive together. FAERS DRUG files are sorted by primaryid, and
// openFDA and E2B hand over a whole report at a time, so "same report as this drug's last row" is
// enough to count distinct reports. A caller that finds its input not grouped by report asks
// for `exact` mode, which remembers every (drug, report) pair instead: correct, not flat.
import { catalogueDrugByName } from "@/lib/domain/drug-catalogue";
import type { DrugClass } from "@/lib/domain/vocabulary";
import { detach } from "./text-stream";
import type { TBackgroundClassCount, TBackgroundRecord, TNormalise } from "../types";

type TCounter = { catalogueName: string | null; reports: number; nmsReports: number; lastReport: string | undefined };
export type TDrugKey = { key: string; catalogueName: string | null; drugClass: DrugClass | null; treatsNms: boolean };

const upper = (name: string) => name.trim().replace(/\s+/g, " ").toUpperCase();

export class BackgroundTally {
  private readonly counters = new Map<string, TCounter>();
  private readonly classes = new Map<DrugClass, TCounter>();
  private readonly keys = new Map<string, TDrugKey>();
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
  add(reportId: string, names: readonly string[], isNms: boolean, attributes: (drug: TDrugKey) => boolean = () => true): void {
    const drug = this.drugOf(names);
    if (!drug || !attributes(drug)) return;
    this.count(this.counters, drug.key, drug.catalogueName, reportId, isNms);
    if (drug.drugClass) this.count(this.classes, drug.drugClass, null, reportId, isNms);
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
      const pair = `${counters === this.counters ? "d" : "c"}\u0000${key}\u0000${reportId}`;
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
