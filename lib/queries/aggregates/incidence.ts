// Pure planning of rates: which cells have an honest exposure denominator, over which onset period,
// how many person-years and from which dataset — or, when none, a note saying why (docs/epidemiology.md).
import { AGE_BANDS, DRUG_CLASSES, SEXES, type DrugClass } from "@/lib/domain/vocabulary";
import type { TExposureStratum } from "./get-exposure-strata";
import { DESCRIPTORS, DIMENSIONS, FILTER_KEYS } from "./descriptors";
import type { TAggregateQuery, TDimension } from "./query-schema";
import type { TPeriod } from "./types";

/** The dimension keys that define a cell, e.g. { drugClass: "antiemetic", sex: "male" }. */
export type TCellKeys = Partial<Record<TDimension, string>>;
export type TPersonYears = { personYears: number; source: string } | { note: string };
export type TIncidencePlan = { note: string } | { period: TPeriod; personYears: (cell: TCellKeys) => TPersonYears };

/** Dimensions exposure denominators are broken down by (their descriptors say); filters on others change who counts as a case only. */
const STRATIFIED: readonly TDimension[] = DIMENSIONS.filter((d) => DESCRIPTORS[d].stratified);
/** Country is neither: exposure names one country or all, so one country filter keeps a rate (below). */
const UNSTRATIFIED_FILTERS = FILTER_KEYS.filter((name) => !DESCRIPTORS[name].stratified && name !== "country");
/** The class whose events follow stopping a drug: on-drug person-years are not its time at risk. */
const WITHDRAWAL_CLASS = "dopaminergic_withdrawal";
export const WITHDRAWAL_NOTE =
  "Not computed: NMS in this class follows stopping or reducing a dopaminergic drug, so person-years on the drug are not the time at risk (which starts at withdrawal)";
const KNOWN_SEXES: readonly string[] = SEXES.filter((sex) => sex !== "unknown");
const KNOWN_AGE_BANDS: readonly string[] = AGE_BANDS.filter((band) => band !== "unknown");

/** Classes whose denominators a query needs: all when grouping by class, else its one class filter. */
export function incidenceClasses(query: TAggregateQuery): DrugClass[] {
  if (query.by === "drugClass" || query.then === "drugClass") return [...DRUG_CLASSES];
  return query.drugClass.length === 1 ? [...query.drugClass] : [];
}

/**
 * Incidence is given when the cells are drug classes (grouped by drugClass, or one drugClass
 * filter) broken down only by what denominators are stratified by. The period is the onset
 * filter's, or else every year the class denominators span; events are the cases with onset in
 * it (never undated ones), person-years its share of each year's denominators.
 */
export function planIncidence(query: TAggregateQuery, allStrata: readonly TExposureStratum[]): TIncidencePlan {
  const dimension = [query.by, query.then].find((d) => d !== null && !STRATIFIED.includes(d));
  if (dimension) return { note: `Exposure denominators are not broken down by ${dimension}` };
  const filter = UNSTRATIFIED_FILTERS.find((name) => query[name].length > 0);
  if (filter) return { note: `No rate with a ${filter} filter: exposure denominators are not broken down by ${filter}` };
  const classes = incidenceClasses(query);
  if (classes.length === 0) {
    return { note: "A rate needs one drug class: group by drugClass, or filter exactly one drugClass" };
  }
  if (classes.length === 1 && classes[0] === WITHDRAWAL_CLASS) return { note: WITHDRAWAL_NOTE };
  if (allStrata.length === 0) return { note: "No exposure: no exposure dataset covers this drug class" };
  if (query.country.length > 1) return { note: "No rate over several countries: filter one country, or none" };
  // Exposure naming a country divides that country's cases only; exposure for all countries, every case.
  const country = query.country[0] ?? "";
  const strata = allStrata.filter((s) => s.country === country);
  if (strata.length === 0) {
    const named = [...new Set(allStrata.map((s) => s.country).filter((c) => c !== ""))].sort();
    return {
      note:
        country === ""
          ? `The exposure covers only ${named.join(", ")}: filter country=${named[0] ?? ""} so that only that country's cases are counted`
          : `No exposure for ${country}: the exposure stored covers ${named.length ? named.join(", ") : "all countries together"}, and one country's cases cannot be divided by it`,
    };
  }
  const years = strata.map((s) => s.year);
  const period = { start: query.from ?? `${Math.min(...years)}-01-01`, end: query.to ?? `${Math.max(...years)}-12-31` };
  if (period.start > period.end) {
    return { note: `Period not covered: the onset period lies outside the exposure years (${Math.min(...years)}–${Math.max(...years)})` };
  }
  const index = indexStrata(strata);
  const stored = new Set(strata.map((s) => s.drugClass as string));
  return {
    period,
    personYears: (cell) => {
      const drugClass = cell.drugClass ?? query.drugClass[0] ?? "";
      if (drugClass === WITHDRAWAL_CLASS) return { note: WITHDRAWAL_NOTE };
      if (!stored.has(drugClass)) return { note: `No exposure: no exposure dataset covers ${drugClass}` };
      return personYearsOf(drugClass, cell, query, period, index);
    },
  };
}

type TIndex = ReadonlyMap<string, ReadonlyMap<string, number>>;
const stratumKey = (drugClass: string, year: number, sex: string, ageBand: string) => `${drugClass}|${year}|${sex}|${ageBand}`;

function indexStrata(strata: readonly TExposureStratum[]): TIndex {
  const index = new Map<string, Map<string, number>>();
  for (const s of strata) {
    const key = stratumKey(s.drugClass, s.year, s.sex, s.ageBand);
    const bySource = index.get(key) ?? new Map<string, number>();
    index.set(key, bySource.set(s.source, (bySource.get(s.source) ?? 0) + s.personYears));
  }
  return index;
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

/** Fraction of year `year` inside [start, end] (both inclusive ISO dates), 0 when disjoint. */
export function yearFraction(year: number, start: string, end: string): number {
  const first = Math.max(dayNumber(start), dayNumber(`${year}-01-01`));
  const last = Math.min(dayNumber(end), dayNumber(`${year}-12-31`));
  return Math.max(0, last - first + 1) / (dayNumber(`${year}-12-31`) - dayNumber(`${year}-01-01`) + 1);
}

function personYearsOf(drugClass: string, cell: TCellKeys, query: TAggregateQuery, period: TPeriod, index: TIndex): TPersonYears {
  if (query.drugClass.length > 0 && !(query.drugClass as readonly string[]).includes(drugClass)) {
    return { note: "The drugClass filter leaves only this class's cases that also have another class" };
  }
  // null = not restricted: a stratum for everyone ("all") or the sum of the known strata will do.
  const sexes: readonly string[] | null = cell.sex ? [cell.sex] : query.sex.length ? query.sex : null;
  if (sexes?.includes("unknown")) return { note: "Unknown sex: no exposure denominator exists for cases of unknown sex" };
  const bands: readonly string[] | null = cell.ageBand ? [cell.ageBand] : query.ageBand.length ? query.ageBand : null;
  if (bands?.includes("unknown")) return { note: "Unknown age: no exposure denominator exists for cases of unknown age" };
  if (cell.year === "unknown") return { note: "Cases without an onset date cannot be placed in an exposure year" };
  const window = cell.year ? { start: maxIso(period.start, `${cell.year}-01-01`), end: minIso(period.end, `${cell.year}-12-31`) } : period;
  if (window.start > window.end) return { note: "Period not covered: this year lies outside the onset period the exposure covers" };

  let sources: Set<string> | null = null;
  const terms: { bySource: ReadonlyMap<string, number>; fraction: number }[] = [];
  for (let year = Number(window.start.slice(0, 4)); year <= Number(window.end.slice(0, 4)); year++) {
    const fraction = yearFraction(year, window.start, window.end);
    const sexOptions = sexes ? [sexes] : [["all"], KNOWN_SEXES];
    const bandOptions = bands ? [bands] : [["all"], KNOWN_AGE_BANDS];
    const keysOf = (ss: readonly string[], bs: readonly string[]) =>
      ss.flatMap((sex) => bs.map((band) => stratumKey(drugClass, year, sex, band)));
    // The first breakdown the exposure has in full for this year: unsplit first, then by the known strata.
    const keys = sexOptions.flatMap((ss) => bandOptions.map((bs) => keysOf(ss, bs))).find((ks) => ks.every((k) => index.has(k)));
    if (!keys) {
      const split =
        sexes || bands
          ? ` by ${[sexes && `sex (${sexes.join(", ")})`, bands && `age (${bands.join(", ")})`].filter(Boolean).join(" and ")}`
          : "";
      return { note: `Period not covered: the exposure for ${drugClass} does not cover ${year}${split}` };
    }
    for (const key of keys) {
      const bySource = index.get(key) ?? new Map<string, number>();
      const covering = new Set([...bySource.keys()].filter((s) => sources === null || sources.has(s)));
      if (covering.size === 0) return { note: `Mixed sources: no single exposure dataset for ${drugClass} covers the whole period` };
      sources = covering;
      terms.push({ bySource, fraction });
    }
  }
  const [source, ...others] = [...(sources ?? [])];
  if (source === undefined) return { note: "No exposure denominator covers this cell" };
  if (others.length > 0)
    return {
      note: `Mixed sources: exposure comes from several datasets (${[source, ...others].join("; ")}), which are not added together`,
    };
  return { personYears: terms.reduce((sum, t) => sum + (t.bySource.get(source) ?? 0) * t.fraction, 0), source };
}

const maxIso = (a: string, b: string) => (a > b ? a : b);
const minIso = (a: string, b: string) => (a < b ? a : b);
