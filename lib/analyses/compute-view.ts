// The numbers a saved view shows, computed now for one audience: the aggregates exports behind a
// dashboard's panels or an export view (suppressed as the viewer's live export is), or the signals
// report. Freezing stores exactly this; reopening computes it again as "today" beside the frozen one.
import { APP_VERSION } from "@/lib/app-version";
import { buildAggregatesExport } from "@/lib/exports/build-aggregates-export";
import type { TSuppression } from "@/lib/exports/export-options";
import type { TAudience } from "@/lib/queries/aggregates/audience";
import { aggregateQuery } from "@/lib/dashboard/filters";
import type { TDimension } from "@/lib/queries/aggregates/query-schema";
import { getSignalTables } from "@/lib/queries/get-signal-tables";
import type { TFrozenResult, TFrozenSection } from "./frozen-schema";
import type { TParsedView } from "./view-query";

/** The dashboard's breakdowns (its panels), each frozen as the export of that query. */
const DASHBOARD_SECTIONS: { key: string; title: string; by: TDimension; then: TDimension | null }[] = [
  { key: "drugClass", title: "By drug class", by: "drugClass", then: null },
  { key: "sex", title: "By sex", by: "sex", then: null },
  { key: "ageBand", title: "By age band", by: "ageBand", then: null },
  { key: "outcome", title: "By outcome", by: "outcome", then: null },
  { key: "year", title: "By year and drug class", by: "year", then: "drugClass" },
];

/**
 * A researcher's numbers are suppressed exactly as the researcher's live export is (at least the
 * configured threshold); staff get the dashboard's exact numbers, or the export's own choice.
 */
function suppressionFor(view: TParsedView, audience: TAudience): TSuppression {
  if (audience.kind === "researcher") {
    const asked = view.kind === "export" ? view.request.suppression.threshold : audience.threshold;
    return { applied: true, threshold: Math.max(asked, audience.threshold) };
  }
  return view.kind === "export" ? view.request.suppression : { applied: false, threshold: 0 };
}

export async function computeView(view: TParsedView, audience: TAudience): Promise<TFrozenResult> {
  const base = {
    format: "nms-watch/frozen-analysis" as const,
    formatVersion: 1 as const,
    query: view.search,
    frozenAt: new Date().toISOString(),
    appVersion: APP_VERSION,
    audience: audience.kind === "researcher" ? { kind: "researcher" as const, threshold: audience.threshold } : { kind: "staff" as const },
  };
  if (view.kind === "signals") {
    const signals = await getSignalTables(view.query, {
      trend: view.trend ? { kind: "drug", key: view.trend } : "most-reported",
      audience,
    });
    return { ...base, kind: "signals", dataVersion: signals.dataVersion, signals };
  }
  const suppression = suppressionFor(view, audience);
  const queries =
    view.kind === "export"
      ? [{ key: view.request.query.by, title: "Export", query: view.request.query }]
      : DASHBOARD_SECTIONS.map((s) => ({ key: s.key, title: s.title, query: aggregateQuery(view.filters, s.by, s.then) }));
  const sections: TFrozenSection[] = [];
  // One at a time: each export already reads the data version around its own queries.
  for (const { key, title, query } of queries)
    sections.push({ key, title, export: await buildAggregatesExport(query, suppression, audience) });
  const versions = [...new Set(sections.map((s) => s.export.metadata.dataVersion.version))];
  return { ...base, kind: view.kind, dataVersion: versions.join("+"), sections };
}
