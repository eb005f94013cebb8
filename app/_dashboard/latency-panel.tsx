// Onset latency: days from the latest drug start or dose change to onset, in day buckets with
// 95% intervals on each share, against the overview's "often within a few weeks of starting".
import Link from "next/link";
import { LATENCY_AXIS_LABELS } from "@/lib/dashboard/axis-labels";
import { intervalDatum } from "@/lib/dashboard/bar-data";
import { drillHref } from "@/lib/dashboard/drill";
import { aggregateQuery, type TDashboardFilters } from "@/lib/dashboard/filters";
import { present, referenceOf } from "@/lib/dashboard/references";
import { FIRST_WEEKS_BUCKETS } from "@/lib/domain/onset-latency";
import { proportion } from "@/lib/stats";
import { formatCount, formatEstimate } from "@/lib/format";
import { IntervalBarChart } from "./charts/interval-bar-chart";
import styles from "./dashboard.module.css";
import { DataTable } from "./data-table";
import { loadOnsetLatency, loadSources } from "./load";
import { EmptyState, Panel } from "./panel";
import { TableToggle } from "./table-toggle";

const FEW_WEEKS = "overview-onset-within-few-weeks";

export async function LatencyPanel({ filters, canDrill }: { filters: TDashboardFilters; canDrill: boolean }) {
  // The dimension is irrelevant here: the latency query reads only the filters.
  const [latency, sources] = await Promise.all([loadOnsetLatency(aggregateQuery(filters, "drugClass")), loadSources()]);
  const { total } = latency;
  const hrefOf = (key: (typeof latency.buckets)[number]["key"]) => drillHref(filters, { latency: key });
  // A researcher's suppressed count (null) has no share: it and the sums it enters stay unknown.
  const shares = latency.buckets.map((b) =>
    b.cases !== null && total !== null && b.cases > 0 ? proportion(b.cases, total, filters.ci) : null,
  );
  const data = latency.buckets.map((b, i) =>
    intervalDatum({
      key: b.key,
      label: b.label,
      axisLabel: LATENCY_AXIS_LABELS[b.key],
      interval: shares[i] ?? null,
      format: "percent",
      measure: "Share of cases",
      details: [`${formatCount(b.cases)} of ${formatCount(total)} cases`],
      href: (b.cases ?? 0) > 0 ? hrefOf(b.key) : null,
      tone: b.key === "unknown" ? "unknown" : "default",
    }),
  );
  const unknown = latency.buckets.find((b) => b.key === "unknown")?.cases ?? 0;
  const known = total === null || unknown === null ? null : total - unknown;
  const early = latency.buckets
    .filter((b) => FIRST_WEEKS_BUCKETS.includes(b.key))
    .reduce<number | null>((sum, b) => (sum === null || b.cases === null ? null : sum + b.cases), 0);
  const references = present([
    referenceOf(sources, FEW_WEEKS, {
      kind: "categories",
      first: LATENCY_AXIS_LABELS[FIRST_WEEKS_BUCKETS[0]!],
      last: LATENCY_AXIS_LABELS[FIRST_WEEKS_BUCKETS[FIRST_WEEKS_BUCKETS.length - 1]!],
      label: "Within the first weeks (≤ 30 days)",
    }),
  ]);
  const title = "Onset latency";
  return (
    <Panel
      id="latency"
      title={title}
      lead="Days from the latest start or dose change of a suspect, interacting or withdrawn drug to the onset of NMS."
    >
      {total === 0 ? (
        <EmptyState>No case matches these filters.</EmptyState>
      ) : (
        <IntervalBarChart
          id="latency"
          summary="Share of cases by onset latency with 95% intervals; the first weeks are marked"
          data={data}
          format="percent"
          axisLabel="Share of cases"
          categoryLabel="Days from start or dose change to onset"
          references={references}
          canDrill={canDrill}
          height={280}
        />
      )}
      <p className={styles.caption}>
        Within 30 days: <strong>{formatEstimate(early === null || known === null ? null : proportion(early, known, filters.ci))}</strong> of{" "}
        {formatCount(known)} cases with a dated start or dose change before onset.
      </p>
      <TableToggle what="cases by onset latency">
        <DataTable
          caption="Cases by onset latency"
          columns={[{ label: "Latency" }, { label: "Cases", numeric: true }, { label: "Share (95% CI)", numeric: true }]}
          rows={latency.buckets.map((b, i) => {
            const href = hrefOf(b.key);
            return {
              key: b.key,
              cells: [
                canDrill && (b.cases ?? 0) > 0 && href ? <Link href={href}>{b.label}</Link> : b.label,
                formatCount(b.cases),
                formatEstimate(shares[i]),
              ],
            };
          })}
        />
      </TableToggle>
    </Panel>
  );
}
