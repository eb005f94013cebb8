// The researcher disclosure rule for signal tables (docs/security.md): background counts arrive
// aggregated per source, period and drug — no case records to key — so each (source, period,
// drug, measure) count acts as the record, keyed by a hash of those names. A sum over periods
// gets the sum of its periods' keys as its cell key (lib/stats/cell-key.ts): the same periods
// always give the same perturbation, and a range minus a shorter range carries the noise of both.
// Class rows (case-level counts) are keyed the same way under "class:<key>". Rows whose perturbed
// NMS count reads 1…threshold−1 are withheld, and a class with a withheld drug.
import { createHash } from "node:crypto";
import { CELL_KEY_MODULUS, perturbCount } from "@/lib/stats/cell-key";
import type { DrugClass } from "@/lib/domain/vocabulary";
import type { TPeriodCounts, TSubject, TSum } from "./build-tables";

const keyOf = (...parts: string[]) => createHash("sha256").update(parts.join("\u0000")).digest().readUInt32BE(0);

/** sumPeriods (build-tables.ts) with every sum perturbed by the keys of the periods it adds up. */
export function perturbedSum(periods: ReadonlyMap<string, TPeriodCounts>, source: string): TSum {
  let reports = 0;
  let nms = 0;
  let reportsKey = 0;
  let nmsKey = 0;
  const drugs = new Map<string, { subject: TSubject; reports: number; nms: number; reportsKey: number; nmsKey: number }>();
  for (const [period, counts] of periods) {
    reports += counts.reports;
    nms += counts.nms;
    reportsKey = (reportsKey + keyOf(source, period, "*", "reports")) % CELL_KEY_MODULUS;
    nmsKey = (nmsKey + keyOf(source, period, "*", "nms")) % CELL_KEY_MODULUS;
    for (const [name, d] of counts.drugs) {
      const sum = drugs.get(name) ?? { subject: d.subject, reports: 0, nms: 0, reportsKey: 0, nmsKey: 0 };
      // A period where the drug has no reports adds nothing, key included: a range's key depends
      // only on the periods that hold its reports.
      drugs.set(name, {
        subject: sum.subject,
        reports: sum.reports + d.reports,
        nms: sum.nms + d.nms,
        reportsKey: d.reports > 0 ? (sum.reportsKey + keyOf(source, period, name, "reports")) % CELL_KEY_MODULUS : sum.reportsKey,
        nmsKey: d.nms > 0 ? (sum.nmsKey + keyOf(source, period, name, "nms")) % CELL_KEY_MODULUS : sum.nmsKey,
      });
    }
  }
  const out: TSum = { reports: perturbCount(reports, reportsKey), nms: perturbCount(nms, nmsKey), drugs: new Map(), classes: null };
  for (const [name, d] of drugs) {
    const nmsOut = perturbCount(d.nms, d.nmsKey);
    // A drug's reports include its NMS reports: keep the table consistent.
    out.drugs.set(name, { subject: d.subject, nms: nmsOut, reports: Math.max(nmsOut, perturbCount(d.reports, d.reportsKey)) });
  }
  out.classes = perturbedClasses(periods, source);
  return out;
}

/** Class rows (case-level) perturbed as drugs are, keyed "class:<key>"; null when a period has none. */
function perturbedClasses(periods: ReadonlyMap<string, TPeriodCounts>, source: string): TSum["classes"] {
  const sums = new Map<DrugClass, { reports: number; nms: number; reportsKey: number; nmsKey: number }>();
  for (const [period, counts] of periods) {
    if (!counts.classes) return null;
    for (const [drugClass, c] of counts.classes) {
      const sum = sums.get(drugClass) ?? { reports: 0, nms: 0, reportsKey: 0, nmsKey: 0 };
      const name = `class:${drugClass}`;
      sums.set(drugClass, {
        reports: sum.reports + c.reports,
        nms: sum.nms + c.nms,
        reportsKey: c.reports > 0 ? (sum.reportsKey + keyOf(source, period, name, "reports")) % CELL_KEY_MODULUS : sum.reportsKey,
        nmsKey: c.nms > 0 ? (sum.nmsKey + keyOf(source, period, name, "nms")) % CELL_KEY_MODULUS : sum.nmsKey,
      });
    }
  }
  const out = new Map<DrugClass, { reports: number; nms: number }>();
  for (const [drugClass, c] of sums) {
    const nmsOut = perturbCount(c.nms, c.nmsKey);
    out.set(drugClass, { nms: nmsOut, reports: Math.max(nmsOut, perturbCount(c.reports, c.reportsKey)) });
  }
  return out;
}

const isSmall = (a: number, threshold: number) => a > 0 && a < threshold;

/** Drops rows whose (perturbed) NMS count is small, and classes holding such a drug; says how many. */
export function withholdSmallRows<R extends { kind: "drug" | "class"; key: string; drugClass: string; a: number }>(
  drugs: readonly R[],
  classes: readonly R[],
  threshold: number,
): { drugs: R[]; classes: R[]; withheld: { drugs: number; classes: number } } {
  const hiddenDrugs = drugs.filter((d) => isSmall(d.a, threshold));
  const hiddenClasses = new Set(hiddenDrugs.map((d) => d.drugClass));
  const keptClasses = classes.filter((c) => !isSmall(c.a, threshold) && !hiddenClasses.has(c.key));
  return {
    drugs: drugs.filter((d) => !isSmall(d.a, threshold)),
    classes: keptClasses,
    withheld: { drugs: hiddenDrugs.length, classes: classes.length - keptClasses.length },
  };
}
