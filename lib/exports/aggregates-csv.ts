// Pure: the aggregates export as one tidy CSV table — one row per figure set (the total, each
// group, each cross-tab cell and column total), the metadata repeated on every row so a saved
// file still says which query, data version and app version produced it.
import type { TAggregatesExport } from "./build-aggregates-export";
import { REPORTING_RATE_SENTENCE } from "@/lib/domain/rate-wording";
import { csvRows, type TCsvValue } from "./csv-safe";
import type { TExportFigures, TExportGroup } from "./suppress-aggregates";

type TRowKeys = { level: "total" | "group" | "cell" | "column"; by: TKey; then: TKey };
type TKey = { key: string; label: string } | null;
const ALL: TKey = { key: "(all)", label: "All cases" };

const FIGURE_COLUMNS = [
  "cases",
  "fatal",
  "known_outcome",
  "case_fatality",
  "case_fatality_lower",
  "case_fatality_upper",
  "share",
  "share_lower",
  "share_upper",
  "ci_method",
  "rate_kind",
  "rate_per_100k_person_years",
  "rate_lower",
  "rate_upper",
  "rate_method",
  "person_years",
  "rate_cases",
  "rate_undated",
  "exposure_sources",
  "exposure_synthetic",
  "rate_age_standardised",
  "rate_age_standardised_lower",
  "rate_age_standardised_upper",
  "rate_note",
] as const;

function figureCells(f: TExportFigures & { rate?: TExportGroup["rate"]; rateReason?: string }): TCsvValue[] {
  const cf = f.caseFatality;
  const share = f.share;
  const inc = f.rate ?? null;
  return [
    f.cases,
    f.fatal,
    f.knownOutcome,
    cf?.estimate,
    cf?.lower,
    cf?.upper,
    share?.estimate,
    share?.lower,
    share?.upper,
    cf?.method ?? share?.method,
    inc?.kind,
    inc?.per100kPersonYears,
    inc?.lower,
    inc?.upper,
    inc?.method,
    inc?.personYears,
    inc?.cases,
    inc?.undated,
    inc?.exposureSources.map((s) => s.source).join("; "),
    inc ? inc.exposureSources.some((s) => s.synthetic) : undefined,
    inc?.ageStandardised?.per100kPersonYears,
    inc?.ageStandardised?.lower,
    inc?.ageStandardised?.upper,
    inc
      ? inc.kind === "reporting_rate"
        ? REPORTING_RATE_SENTENCE
        : "incidence: the exposure dataset declares complete ascertainment"
      : f.rateReason,
  ];
}

/** Baselines compared anywhere in the export, in order of first appearance: two columns each. */
function baselineKeys(rows: readonly TExportFigures[]): string[] {
  return [...new Set(rows.flatMap((r) => r.comparisons.map((c) => c.baseline)))];
}

export function aggregatesCsv(data: TAggregatesExport): string {
  const { metadata } = data;
  const crossTab = metadata.query.then !== null;
  const entries: { keys: TRowKeys; figures: TExportFigures & { rate?: TExportGroup["rate"]; rateReason?: string } }[] = [
    { keys: { level: "total", by: ALL, then: crossTab ? ALL : null }, figures: data.total },
  ];
  for (const group of data.groups) {
    entries.push({ keys: { level: "group", by: group, then: crossTab ? ALL : null }, figures: group });
    for (const cell of group.groups ?? []) entries.push({ keys: { level: "cell", by: group, then: cell }, figures: cell });
  }
  for (const column of data.columns ?? []) entries.push({ keys: { level: "column", by: ALL, then: column }, figures: column });

  const baselines = baselineKeys(entries.map((e) => e.figures));
  const suppression = metadata.suppression.applied ? `threshold ${metadata.suppression.threshold}` : "none";
  const header = [
    "level",
    "by",
    "by_key",
    "by_label",
    ...(crossTab ? ["then", "then_key", "then_label"] : []),
    ...FIGURE_COLUMNS,
    ...baselines.flatMap((b) => [`${b}_p_value`, `${b}_verdict`]),
    "suppressed",
    "suppressed_fields",
    "query",
    "data_version",
    "generated_at",
    "app_version",
    "suppression",
  ];
  const rows = entries.map(({ keys, figures }) => {
    const comparison = (key: string) => figures.comparisons.find((c) => c.baseline === key);
    return [
      keys.level,
      metadata.query.by,
      keys.by?.key,
      keys.by?.label,
      ...(crossTab ? [metadata.query.then, keys.then?.key, keys.then?.label] : []),
      ...figureCells(figures),
      ...baselines.flatMap((b) => [comparison(b)?.pValue, comparison(b)?.verdict]),
      figures.suppressed,
      figures.suppressedFields.join(" "),
      metadata.queryString,
      metadata.dataVersion.version,
      metadata.generatedAt,
      metadata.appVersion,
      suppression,
    ];
  });
  return csvRows([header, ...rows]);
}
