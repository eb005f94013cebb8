// The numbers of the periodic NMS safety report (docs/report.md), gathered through the same query
// functions the API serves — aggregates by class, sex, age band and outcome for the period and
// cumulatively, rates where exposure exists, baseline comparisons, and disproportionality — so the
// PDF says exactly what GET /api/v1/aggregates and /api/v1/signals say for the same query.
import { APP_VERSION } from "@/lib/app-version";
import { getAggregates, type TAggregatesResponse } from "@/lib/queries/aggregates/get-aggregates";
import { parseAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import { findAlerts, type TAlert } from "@/lib/queries/find-alerts";
import { findSignalTopics, type TTopicSummary } from "@/lib/queries/find-signal-topics";
import { getBaselines, type TStoredBaseline } from "@/lib/queries/get-baselines";
import { getDataVersion, type TDataVersion } from "@/lib/queries/get-data-version";
import { getSignalTables, type TSignalReport } from "@/lib/queries/get-signal-tables";
import { parseSignalQuery } from "@/lib/queries/signals/signal-query";

/** The dimensions the report breaks cases down by, in its order, with their section titles. */
export const REPORT_DIMENSIONS = [
  { by: "drugClass", title: "Cases by drug class" },
  { by: "sex", title: "Cases by sex" },
  { by: "ageBand", title: "Cases by age band" },
  { by: "outcome", title: "Cases by outcome" },
  { by: "seriousness", title: "Cases by seriousness (ICH E2A criteria)" },
  { by: "source", title: "Cases by data source" },
] as const;
export type TReportDimension = (typeof REPORT_DIMENSIONS)[number]["by"];

export type TSafetyReport = {
  period: { from: string; to: string };
  generatedAt: string;
  appVersion: string;
  dataVersion: TDataVersion;
  /** The stored baselines the comparisons name (figure, population, citation). */
  baselines: TStoredBaseline[];
  /** The API query string each table answers, so a reader can ask the API the same. */
  queries: Record<TReportDimension, { period: string; cumulative: string }>;
  inPeriod: Record<TReportDimension, TAggregatesResponse>;
  cumulative: Record<TReportDimension, TAggregatesResponse>;
  signals: { period: TSignalReport; cumulative: TSignalReport; quarters: { from: string; to: string } };
  /** Signals under review: alerts and topics still open, or raised or changed within the period. */
  review: { alerts: TAlert[]; topics: TTopicSummary[] };
};

/** Open now, or created or changed between `from` and the end of `to` (dates as ISO text). */
function inReview(
  item: { status: string; createdAt: string; updatedAt: string },
  open: readonly string[],
  period: { from: string; to: string },
): boolean {
  const within = (iso: string) => iso.slice(0, 10) >= period.from && iso.slice(0, 10) <= period.to;
  return open.includes(item.status) || within(item.createdAt) || within(item.updatedAt);
}

/** The calendar quarter of an ISO date: "2024-05-02" → "2024Q2". */
export const quarterOfDate = (iso: string) => `${iso.slice(0, 4)}Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;

/** Staff figures (exact counts): the report is written by a safety officer for a regulator. */
export async function collectSafetyReport(period: { from: string; to: string }): Promise<TSafetyReport> {
  const queries = {} as TSafetyReport["queries"];
  const inPeriod = {} as TSafetyReport["inPeriod"];
  const cumulative = {} as TSafetyReport["cumulative"];
  for (const { by } of REPORT_DIMENSIONS) {
    const periodParams = new URLSearchParams({ by, from: period.from, to: period.to });
    const cumulativeParams = new URLSearchParams({ by, to: period.to });
    queries[by] = { period: periodParams.toString(), cumulative: cumulativeParams.toString() };
    inPeriod[by] = await getAggregates(parseAggregateQuery(periodParams));
    cumulative[by] = await getAggregates(parseAggregateQuery(cumulativeParams));
  }
  const quarters = { from: quarterOfDate(period.from), to: quarterOfDate(period.to) };
  const [signalsPeriod, signalsCumulative, dataVersion, baselines, alerts, topics] = await Promise.all([
    getSignalTables(parseSignalQuery(new URLSearchParams({ from: quarters.from, to: quarters.to }))),
    getSignalTables(parseSignalQuery(new URLSearchParams({ to: quarters.to }))),
    getDataVersion(),
    getBaselines(),
    findAlerts({ status: "all" }),
    findSignalTopics("all", ""),
  ]);
  return {
    period,
    generatedAt: new Date().toISOString(),
    appVersion: APP_VERSION,
    dataVersion,
    baselines,
    queries,
    inPeriod: inPeriod,
    cumulative,
    signals: { period: signalsPeriod, cumulative: signalsCumulative, quarters },
    review: {
      alerts: alerts.alerts.filter((a) => inReview(a, ["open"], period)),
      topics: topics.topics.filter((t) => inReview(t, ["new", "under_evaluation"], period)),
    },
  };
}
