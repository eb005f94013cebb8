// Pure planning of incidence: which cells have an honest exposure denominator, over which onset
// period, and how many person-years — or, when none, a note saying why (SPEC §2 "Exposure").
import { AGE_BANDS, DRUG_CLASSES, SEXES, type DrugClass } from "@/lib/domain/vocabulary";
import type { TExposureStratum } from "./get-exposure-strata";
import type { TAggregateQuery, TDimension } from "./query-schema";
import type { TPeriod } from "./types";

/** The dimension keys that define a cell, e.g. { drugClass: "antiemetic", sex: "male" }. */
export type TCellKeys = Partial<Record<TDimension, string>>;
export type TPersonYears = { personYears: number } | { note: string };
export type TIncidencePlan = { note: string } | { period: TPeriod; personYears: (cell: TCellKeys) => TPersonYears };

/** Dimensions exposure denominators are broken down by; filters on others change who counts as a case only. */
const STRATIFIED: readonly TDimension[] = ["drugClass", "sex", "ageBand", "year"];
const UNSTRATIFIED_FILTERS = ["drug", "outcome", "country", "source"] as const;
const KNOWN_SEXES = SEXES.filter((sex) => sex !== "unknown");
const KNOWN_AGE_BANDS = AGE_BANDS.filter((band) => band !== "unknown");

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
export function planIncidence(query: TAggregateQuery, strata: readonly TExposureStratum[]): TIncidencePlan {
  const dimension = [query.by, query.then].find((d) => d !== null && !STRATIFIED.includes(d));
  if (dimension) return { note: `Exposure denominators are not broken down by ${dimension}` };
  const filter = UNSTRATIFIED_FILTERS.find((name) => query[name].length > 0);
  if (filter) return { note: `Incidence is not given with a ${filter} filter: exposure denominators are not broken down by ${filter}` };
  if (incidenceClasses(query).length === 0) {
    return { note: "Incidence needs one drug class: group by drugClass, or filter exactly one drugClass" };
  }
  if (strata.length === 0) return { note: "No exposure denominators are stored for this drug class" };
  const years = strata.map((s) => s.year);
  const period = { start: query.from ?? `${Math.min(...years)}-01-01`, end: query.to ?? `${Math.max(...years)}-12-31` };
  if (period.start > period.end) {
    return { note: `The onset period lies outside the exposure denominators (${Math.min(...years)}–${Math.max(...years)})` };
  }
  const index = indexStrata(strata);
  const stored = new Set(strata.map((s) => s.drugClass as string));
  return {
    period,
    personYears: (cell) => {
      const drugClass = cell.drugClass ?? query.drugClass[0] ?? "";
      if (!stored.has(drugClass)) return { note: `No exposure denominators are stored for ${drugClass}` };
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
  const sexes = cell.sex ? [cell.sex] : query.sex.length ? query.sex : KNOWN_SEXES;
  if (sexes.includes("unknown")) return { note: "No exposure denominator exists for unknown sex" };
  const bands = cell.ageBand ? [cell.ageBand] : query.ageBand.length ? query.ageBand : KNOWN_AGE_BANDS;
  if (bands.includes("unknown")) return { note: "No exposure denominator exists for unknown age" };
  if (cell.year === "unknown") return { note: "Cases without an onset date cannot be placed in an exposure year" };
  const window = cell.year
    ? { start: maxIso(period.start, `${cell.year}-01-01`), end: minIso(period.end, `${cell.year}-12-31`) }
    : period;
  if (window.start > window.end) return { note: "This year lies outside the onset period with exposure denominators" };

  let sources: Set<string> | null = null;
  const terms: { bySource: ReadonlyMap<string, number>; fraction: number }[] = [];
  for (let year = Number(window.start.slice(0, 4)); year <= Number(window.end.slice(0, 4)); year++) {
    const fraction = yearFraction(year, window.start, window.end);
    for (const sex of sexes) {
      for (const band of bands) {
        const bySource = index.get(stratumKey(drugClass, year, sex, band));
        if (!bySource) return { note: `Exposure denominators for ${drugClass} do not cover ${year} (${sex}, age ${band})` };
        const covering = new Set([...bySource.keys()].filter((s) => sources === null || sources.has(s)));
        if (covering.size === 0) return { note: `No single exposure denominator source for ${drugClass} covers the whole period` };
        sources = covering;
        terms.push({ bySource, fraction });
      }
    }
  }
  const [source, ...others] = [...(sources ?? [])];
  if (source === undefined) return { note: "No exposure denominator covers this cell" };
  if (others.length > 0) return { note: `Exposure denominators come from several sources (${[source, ...others].join("; ")}); they are not added together` };
  return { personYears: terms.reduce((sum, t) => sum + (t.bySource.get(source) ?? 0) * t.fraction, 0) };
}

const maxIso = (a: string, b: string) => (a > b ? a : b);
const minIso = (a: string, b: string) => (a < b ? a : b);
