// Reports per drug over all events, for the disproportionality margins. A report
// counts once per drug however many times it lists it. Shared by FAERS, openFDA and E2B.
//
// Memory: one counter per distinct drug (plus a name → drug cache), never per report — as long
// as each report's rows arrive together. FAERS DRUG files are sorted by primaryid, and openFDA
// and E2B hand over a whole report at a time, so "same report as this drug's last row" is
// enough to count distinct reports. A caller that finds its input not grouped by report asks
// for `exact` mode, which remembers every (drug, report) pair instead: correct, not flat.
import { detach } from "../csv/text-stream";
import type { TBackgroundRecord, TNormalise } from "../types";

type TCounter = { catalogueName: string | null; reports: number; nmsReports: number; lastReport: string | undefined };

const upper = (name: string) => name.trim().replace(/\s+/g, " ").toUpperCase();

export class BackgroundTally {
  private readonly counters = new Map<string, TCounter>();
  private readonly keys = new Map<string, { key: string; catalogueName: string | null }>();
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
  drugOf(names: readonly string[]): { key: string; catalogueName: string | null } | null {
    const cacheKey = names.join("\u0000");
    const cached = this.keys.get(cacheKey);
    if (cached) return cached;
    // Detached: the cache (and the normaliser's own memo) outlive the chunk these came from.
    const present = names.map((n) => detach(n.trim())).filter(Boolean);
    if (!present.length) return null;
    let drug: { key: string; catalogueName: string | null } | undefined;
    for (const name of present) {
      const hit = this.normalise(name);
      if (hit) {
        drug = { key: hit.drug.name, catalogueName: hit.drug.name };
        break;
      }
    }
    drug ??= { key: upper(present[0] ?? ""), catalogueName: null };
    this.keys.set(detach(cacheKey), drug);
    return drug;
  }

  /** One drug row of report `reportId`; `isNms` says whether that report is an NMS report. */
  add(reportId: string, names: readonly string[], isNms: boolean): void {
    const drug = this.drugOf(names);
    if (!drug) return;
    let counter = this.counters.get(drug.key);
    if (!counter) {
      counter = { catalogueName: drug.catalogueName, reports: 0, nmsReports: 0, lastReport: undefined };
      this.counters.set(drug.key, counter);
    }
    if (this.pairs) {
      const pair = `${drug.key}\u0000${reportId}`;
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
      .map(([drugName, c]) => ({ kind: "background", drugName, catalogueName: c.catalogueName, reports: c.reports, nmsReports: c.nmsReports }));
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
