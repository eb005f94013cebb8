// Every aggregate dimension described once. From this table come the query schema (which
// dimensions `by`/`then` accept, which repeatable filters exist and how their values are
// normalised and checked), both URL directions, the filter bar, the export form, drill-down,
// the line listing's filters, the SQL key of each case, its rollup column, and whether exposure
// denominators are broken down by it. Adding a dimension is one entry here (plus, when the
// rollup should answer it, a migration adding its column). tests/unit/aggregates/descriptors.test.ts
// checks every derived place against this table. No framework or database imports: the
// client-side filter bar and the CLI read it too.
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import {
  AGE_BANDS,
  ATTRIBUTING_ROLES,
  CASE_SOURCES,
  DRUG_CLASSES,
  DRUG_CLASS_LABELS,
  OUTCOMES,
  OUTCOME_LABELS,
  REPORTER_TYPES,
  SERIOUSNESS,
  SERIOUSNESS_LABELS,
  SEXES,
  SEX_LABELS,
  type AgeBand,
  type CaseSource,
  type DrugClass,
  type Outcome,
  type ReporterType,
  type Seriousness,
  type Sex,
} from "@/lib/domain/vocabulary";
import { REPORTER_TYPE_LABELS } from "@/lib/domain/case-field-labels";
import { LATENCY_BUCKETS, LATENCY_LABELS, LATENCY_UPPER_DAYS, type LatencyBucket } from "@/lib/domain/onset-latency";

export type TCategory = { key: string; label: string };
export const UNKNOWN = "unknown";

/** What the categories of a data-dependent dimension (year, country) may depend on. */
export type TCategoryContext = {
  from: string | null;
  to: string | null;
  /** The values the query filters this dimension by ([] when none, or no such filter). */
  filtered: readonly string[];
  /** Keys present in the counted cases. */
  present: ReadonlySet<string>;
};

/**
 * A repeatable URL filter (`sex=male&sex=unknown` → IN list): each value `normalise`d, then
 * checked by `allows`; `expected` completes "has unknown value "x": …". Parsed values are
 * de-duplicated and sorted; built URLs repeat the parameter once per value, in that order.
 */
export type TFilterCodec<V extends string> = {
  allows: (value: string) => value is V;
  expected: string;
  normalise: (value: string) => string;
  /** The allowed values when they are a fixed list (the API description lists them). */
  values?: readonly V[];
};

/**
 * Where a case's key comes from, as SQL over `case_report c` (constant text, never input):
 * one expression per case (never NULL: unknown is a category), or a sorted, distinct text[]
 * column of the case's attributing drugs (zero, one or several keys per case).
 */
export type TKeySql = { kind: "case"; key: string } | { kind: "drug"; column: string };

type TBase = {
  /** Column header, form legend, select label. */
  label: string;
  /** The filter bar's "no filter" option. */
  allLabel: string;
  sql: TKeySql;
  /** Its column in case_rollup (lib/queries/aggregates/rollup.ts), or null when only the case tables answer it. */
  rollupColumn: string | null;
  /** Exposure denominators are broken down by it (lib/queries/aggregates/incidence.ts); a filter on any other only changes who counts as a case. */
  stratified: boolean;
  /** A short fixed list the export form offers as checkboxes (else its own control or none). */
  exportChoice: boolean;
  categories: (context: TCategoryContext) => TCategory[];
};
export type TDescriptor<V extends string = string> = TBase & { filter: TFilterCodec<V> | null };

const oneOf = (values: readonly string[]) => `must be one of ${values.join(", ")}`;
const identity = (value: string) => value;
const member = <V extends string>(values: readonly V[], normalise: (value: string) => string = identity): TFilterCodec<V> => ({
  allows: (value): value is V => (values as readonly string[]).includes(value),
  expected: oneOf(values),
  normalise,
  values,
});
const fixed = (keys: readonly string[], labels: Record<string, string>) => (): TCategory[] =>
  keys.map((key) => ({ key, label: labels[key] ?? key }));

/** A dimension that is also a repeatable filter of the same name. */
const filtered = <V extends string>(base: TBase & { filter: TFilterCodec<V> }) => base;
/** A dimension without a filter of its own (the onset year: `from`/`to` filter it). */
const unfiltered = (base: TBase) => ({ ...base, filter: null });

const AGE_BAND_LABELS: Record<AgeBand, string> = {
  "0-17": "0–17 years",
  "18-39": "18–39 years",
  "40-64": "40–64 years",
  "65+": "65 years and over",
  unknown: "Unknown",
};
const SOURCE_LABELS: Record<CaseSource, string> = {
  manual: "Manual entry",
  csv: "CSV import",
  faers: "FAERS",
  openfda: "openFDA",
  e2b: "E2B (ICH)",
};
const CATALOGUE_NAMES: ReadonlySet<string> = new Set(DRUG_CATALOGUE.map((drug) => drug.name));

/** "65+" arrives as "65 " when a client forgets to encode the plus sign; it can only mean 65+. */
const normaliseAgeBand = (value: string) => (/^65[ +]?$/.test(value) ? "65+" : value.trim());

/**
 * Years: every year from `from` to `to` when given, else from the first to the last onset year
 * present (one side from the query, the other from the data), then "unknown" (no onset date).
 */
function yearCategories({ from, to, present }: TCategoryContext): TCategory[] {
  const years = [...present].filter((key) => key !== UNKNOWN).map(Number);
  const yearOf = (date: string | null) => (date ? Number(date.slice(0, 4)) : undefined);
  const first = yearOf(from) ?? Math.min(...years, yearOf(to) ?? Infinity);
  const last = yearOf(to) ?? Math.max(...years, first);
  const keys = Number.isFinite(first) ? Array.from({ length: last - first + 1 }, (_, i) => String(first + i)) : [];
  return [...keys, UNKNOWN].map((key) => ({ key, label: key === UNKNOWN ? "Unknown" : key }));
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
export const countryLabel = (code: string) => {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
};

/** Countries: those present in the filtered cases and those the filter names, A–Z, then "unknown". */
function countryCategories({ filtered: named, present }: TCategoryContext): TCategory[] {
  const codes = [...new Set([...present, ...named])].filter((key) => key !== UNKNOWN).sort();
  return [...codes.map((key) => ({ key, label: countryLabel(key) })), { key: UNKNOWN, label: "Unknown" }];
}

/**
 * A case's onset-latency bucket (lib/domain/onset-latency.ts), one scalar per case: days from the
 * latest dated trigger on or before onset — a start, a dose change other than "unchanged", or a
 * withdrawn drug's stop — over the attributing drugs. No onset date or no such trigger: "unknown".
 * The dashboard's latency panel counts the same rule set-based (lib/queries/get-onset-latency.ts);
 * tests/integration/aggregates/latency-dimension.test.ts checks that both agree.
 */
const LATENCY_KEY_SQL = `(SELECT CASE WHEN min(c.onset_date - t.day) IS NULL THEN 'unknown'
    ${LATENCY_UPPER_DAYS.map(([key, upper]) => `WHEN min(c.onset_date - t.day) <= ${upper} THEN '${key}'`).join(" ")}
    ELSE 'over-90' END
  FROM case_drug d CROSS JOIN LATERAL (VALUES
    (d.start_date),
    (CASE WHEN d.dose_change IS DISTINCT FROM 'unchanged' THEN d.dose_change_date END),
    (CASE WHEN d.role = 'withdrawn' THEN d.stop_date END)) AS t(day)
  WHERE d.case_id = c.id AND d.role IN (${ATTRIBUTING_ROLES.map((r) => `'${r}'`).join(", ")}) AND t.day <= c.onset_date)`;

/** In display order: the order of the dimension lists, the filter bar and the export form. */
export const DESCRIPTORS = {
  drugClass: filtered<DrugClass>({
    label: "Drug class",
    allLabel: "All classes",
    filter: member(DRUG_CLASSES),
    sql: { kind: "drug", column: "c.attributing_classes" },
    rollupColumn: "classes",
    stratified: true,
    exportChoice: true,
    categories: fixed(DRUG_CLASSES, DRUG_CLASS_LABELS),
  }),
  drug: filtered<string>({
    label: "Drug",
    allLabel: "All drugs",
    filter: {
      allows: (v): v is string => CATALOGUE_NAMES.has(v),
      expected: "must be a catalogue drug name (INN)",
      normalise: (v) => v.trim().toLowerCase(),
    },
    sql: { kind: "drug", column: "c.attributing_drugs" },
    rollupColumn: "drugs",
    stratified: false,
    exportChoice: false,
    // Every catalogue drug in catalogue order (grouped by class), zeros included.
    categories: () => DRUG_CATALOGUE.map((drug) => ({ key: drug.name, label: drug.displayName })),
  }),
  sex: filtered<Sex>({
    label: "Sex",
    allLabel: "All",
    filter: member(SEXES),
    sql: { kind: "case", key: "c.sex::text" },
    rollupColumn: "sex",
    stratified: true,
    exportChoice: true,
    categories: fixed(SEXES, SEX_LABELS),
  }),
  ageBand: filtered<AgeBand>({
    label: "Age band",
    allLabel: "All ages",
    filter: member(AGE_BANDS, normaliseAgeBand),
    // Mirrors ageBandOf (lib/domain/vocabulary): null or NaN age is "unknown", never dropped.
    sql: {
      kind: "case",
      key: `(CASE WHEN c.age_years IS NULL OR c.age_years = 'NaN'::float8 THEN 'unknown'
      WHEN c.age_years < 18 THEN '0-17' WHEN c.age_years < 40 THEN '18-39'
      WHEN c.age_years < 65 THEN '40-64' ELSE '65+' END)`,
    },
    rollupColumn: "age_band",
    stratified: true,
    exportChoice: true,
    categories: fixed(AGE_BANDS, AGE_BAND_LABELS),
  }),
  outcome: filtered<Outcome>({
    label: "Outcome",
    allLabel: "All outcomes",
    filter: member(OUTCOMES),
    sql: { kind: "case", key: "c.outcome::text" },
    rollupColumn: "outcome",
    stratified: false,
    exportChoice: true,
    categories: fixed(OUTCOMES, OUTCOME_LABELS),
  }),
  year: unfiltered({
    label: "Onset year",
    allLabel: "All years",
    sql: { kind: "case", key: "COALESCE(to_char(c.onset_date, 'YYYY'), 'unknown')" },
    rollupColumn: "year",
    stratified: true,
    exportChoice: false,
    categories: yearCategories,
  }),
  country: filtered<string>({
    label: "Country",
    allLabel: "All countries",
    filter: {
      allows: (v): v is string => /^[A-Z]{2}$/.test(v) || v === UNKNOWN,
      expected: 'must be a two-letter ISO 3166 code or "unknown"',
      normalise: (v) => (v.trim().toLowerCase() === UNKNOWN ? UNKNOWN : v.trim().toUpperCase()),
    },
    sql: { kind: "case", key: "COALESCE(c.country, 'unknown')" },
    // Stratified only as a whole: exposure names one country or all (incidence.ts).
    rollupColumn: "country",
    stratified: false,
    exportChoice: false,
    categories: countryCategories,
  }),
  source: filtered<CaseSource>({
    label: "Source",
    allLabel: "All sources",
    filter: member(CASE_SOURCES),
    sql: { kind: "case", key: "c.source::text" },
    rollupColumn: "source",
    stratified: false,
    exportChoice: true,
    categories: fixed(CASE_SOURCES, SOURCE_LABELS),
  }),
  reporterType: filtered<ReporterType>({
    label: "Reporter",
    allLabel: "All reporters",
    filter: member(REPORTER_TYPES),
    sql: { kind: "case", key: "c.reporter_type::text" },
    rollupColumn: "reporter_type",
    stratified: false,
    exportChoice: true,
    categories: fixed(REPORTER_TYPES, REPORTER_TYPE_LABELS),
  }),
  seriousness: filtered<Seriousness>({
    label: "Seriousness",
    allLabel: "Serious or not",
    filter: member(SERIOUSNESS),
    // Mirrors the SERIOUSNESS rule (lib/domain/vocabulary.ts): a NULL criterion is "not stated".
    sql: {
      kind: "case",
      key: `(CASE WHEN c.serious_death OR c.serious_life_threatening OR c.serious_hospitalisation OR c.serious_disability
        OR c.serious_congenital_anomaly OR c.serious_other THEN 'serious'
      WHEN COALESCE(c.serious_death, c.serious_life_threatening, c.serious_hospitalisation, c.serious_disability,
        c.serious_congenital_anomaly, c.serious_other) IS NOT NULL THEN 'not_serious' ELSE 'unknown' END)`,
    },
    // Not in the rollup: a query by or filtered on seriousness is counted from the case tables.
    rollupColumn: null,
    stratified: false,
    exportChoice: true,
    categories: fixed(SERIOUSNESS, SERIOUSNESS_LABELS),
  }),
  latency: filtered<LatencyBucket>({
    label: "Onset latency",
    allLabel: "Any latency",
    filter: member(LATENCY_BUCKETS),
    sql: { kind: "case", key: LATENCY_KEY_SQL },
    // Derived from the drugs' dates at query time, so not in the rollup: counted from the case tables.
    rollupColumn: null,
    stratified: false,
    exportChoice: true,
    categories: fixed(LATENCY_BUCKETS, LATENCY_LABELS),
  }),
} as const;

export type TDimension = keyof typeof DESCRIPTORS;
/** The dimensions that are also repeatable filters of the same name (all but the onset year). */
export type TFilterKey = { [K in TDimension]: (typeof DESCRIPTORS)[K]["filter"] extends null ? never : K }[TDimension];
/** The value type of a filter, e.g. Sex for `sex`. */
export type TFilterValue<K extends TFilterKey> = (typeof DESCRIPTORS)[K]["filter"] extends TFilterCodec<infer V> | null ? V : never;
export type TFilterValues = { [K in TFilterKey]: TFilterValue<K>[] };

export const DIMENSIONS = Object.keys(DESCRIPTORS) as TDimension[] as readonly TDimension[] as readonly [TDimension, ...TDimension[]];
export const FILTER_KEYS: readonly TFilterKey[] = DIMENSIONS.filter((d): d is TFilterKey => DESCRIPTORS[d].filter !== null);

export const descriptor = (dimension: TDimension): TDescriptor => DESCRIPTORS[dimension];
export const isFilterKey = (name: string): name is TFilterKey => (FILTER_KEYS as readonly string[]).includes(name);

/** No filter set: every filter an empty list. */
export const noFilterValues = (): TFilterValues => Object.fromEntries(FILTER_KEYS.map((key) => [key, []])) as unknown as TFilterValues;

/** The ordered categories of a dimension for a query (its bounds and this dimension's filter). */
export function categoriesOf(
  dimension: TDimension,
  query: { from: string | null; to: string | null } & TFilterValues,
  present: ReadonlySet<string> = new Set(),
): TCategory[] {
  const filteredValues: readonly string[] = isFilterKey(dimension) ? query[dimension] : [];
  return DESCRIPTORS[dimension].categories({ from: query.from, to: query.to, filtered: filteredValues, present });
}
