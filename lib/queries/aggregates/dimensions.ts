// Each aggregate dimension in one table: the SQL that gives a case its key(s) and the fixed,
// ordered category list the answer fills with zeros. A rollup can later replace the key SQL.
import { Prisma } from "@/lib/generated/prisma/client";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import {
  AGE_BANDS, CASE_SOURCES, DRUG_CLASSES, DRUG_CLASS_LABELS, OUTCOMES, OUTCOME_LABELS, SEXES, SEX_LABELS,
  type AgeBand, type CaseSource,
} from "@/lib/domain/vocabulary";
import type { TAggregateQuery, TDimension } from "./query-schema";

export type TCategory = { key: string; label: string };
export const UNKNOWN = "unknown";

/** What the categories of a data-dependent dimension (year, country) may depend on. */
export type TCategoryContext = { query: TAggregateQuery; present: ReadonlySet<string> };

export type TDimensionSql =
  /** One key per case, an expression over `case_report c` (never NULL: unknown is a category). */
  | { kind: "case"; key: Prisma.Sql; categories: (context: TCategoryContext) => TCategory[] }
  /**
   * Keys from the case's attributing drugs, as stored on the case when it was written or last
   * re-derived (lib/cases/drug-attribution.ts decides which drugs attribute): a sorted, distinct
   * text[] column of `case_report c`; a case has zero, one or several keys. The rollup counts
   * the same columns, so both answer alike.
   */
  | { kind: "drug"; column: Prisma.Sql; categories: (context: TCategoryContext) => TCategory[] };

const AGE_BAND_LABELS: Record<AgeBand, string> = {
  "0-17": "0–17 years", "18-39": "18–39 years", "40-64": "40–64 years", "65+": "65 years and over", unknown: "Unknown",
};
const SOURCE_LABELS: Record<CaseSource, string> = {
  manual: "Manual entry", csv: "CSV import", faers: "FAERS", openfda: "openFDA", e2b: "E2B (ICH)",
};

const fixed = (keys: readonly string[], labels: Record<string, string>) => (): TCategory[] =>
  keys.map((key) => ({ key, label: labels[key] ?? key }));

/**
 * Years: every year from `from` to `to` when given, else from the first to the last onset year
 * present (one side from the query, the other from the data), then "unknown" (no onset date).
 */
function yearCategories({ query, present }: TCategoryContext): TCategory[] {
  const years = [...present].filter((key) => key !== UNKNOWN).map(Number);
  const yearOf = (date: string | null) => (date ? Number(date.slice(0, 4)) : undefined);
  const first = yearOf(query.from) ?? Math.min(...years, yearOf(query.to) ?? Infinity);
  const last = yearOf(query.to) ?? Math.max(...years, first);
  const keys = Number.isFinite(first) ? Array.from({ length: last - first + 1 }, (_, i) => String(first + i)) : [];
  return [...keys, UNKNOWN].map((key) => ({ key, label: key === UNKNOWN ? "Unknown" : key }));
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
const countryLabel = (code: string) => {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
};

/** Countries: those present in the filtered cases and those the filter names, A–Z, then "unknown". */
function countryCategories({ query, present }: TCategoryContext): TCategory[] {
  const codes = [...new Set([...present, ...query.country])].filter((key) => key !== UNKNOWN).sort();
  return [...codes.map((key) => ({ key, label: countryLabel(key) })), { key: UNKNOWN, label: "Unknown" }];
}

export const DIMENSION_SQL: Record<TDimension, TDimensionSql> = {
  drugClass: {
    kind: "drug",
    column: Prisma.sql`c.attributing_classes`,
    categories: fixed(DRUG_CLASSES, DRUG_CLASS_LABELS),
  },
  drug: {
    kind: "drug",
    column: Prisma.sql`c.attributing_drugs`,
    // Every catalogue drug in catalogue order (grouped by class), zeros included.
    categories: () => DRUG_CATALOGUE.map((drug) => ({ key: drug.name, label: drug.displayName })),
  },
  sex: { kind: "case", key: Prisma.sql`c.sex::text`, categories: fixed(SEXES, SEX_LABELS) },
  ageBand: {
    kind: "case",
    // Mirrors ageBandOf (lib/domain/vocabulary): null or NaN age is "unknown", never dropped.
    key: Prisma.sql`(CASE WHEN c.age_years IS NULL OR c.age_years = 'NaN'::float8 THEN 'unknown'
      WHEN c.age_years < 18 THEN '0-17' WHEN c.age_years < 40 THEN '18-39'
      WHEN c.age_years < 65 THEN '40-64' ELSE '65+' END)`,
    categories: fixed(AGE_BANDS, AGE_BAND_LABELS),
  },
  outcome: { kind: "case", key: Prisma.sql`c.outcome::text`, categories: fixed(OUTCOMES, OUTCOME_LABELS) },
  year: {
    kind: "case",
    key: Prisma.sql`COALESCE(to_char(c.onset_date, 'YYYY'), 'unknown')`,
    categories: yearCategories,
  },
  country: { kind: "case", key: Prisma.sql`COALESCE(c.country, 'unknown')`, categories: countryCategories },
  source: { kind: "case", key: Prisma.sql`c.source::text`, categories: fixed(CASE_SOURCES, SOURCE_LABELS) },
};
