// Cases by age band with 95% intervals on each share, the young-adult band marked (Gurrera 2017:
// reported NMS peaks at 20–25 years, males outnumbering females), and each band's sex split in the table.
import Link from "next/link";
import { AGE_AXIS_LABELS, axisLabelOf } from "@/lib/dashboard/axis-labels";
import { shareDatum } from "@/lib/dashboard/bar-data";
import { drillHref } from "@/lib/dashboard/drill";
import { aggregateQuery, type TDashboardFilters } from "@/lib/dashboard/filters";
import { present, referenceOf } from "@/lib/dashboard/references";
import { formatCount, formatEstimate, formatPercent } from "@/lib/format";
import { IntervalBarChart } from "./charts/interval-bar-chart";
import styles from "./dashboard.module.css";
import { DataTable } from "./data-table";
import { loadAggregates, loadSources } from "./load";
import { EmptyState, Panel } from "./panel";
import { TableToggle } from "./table-toggle";

const UNDER_40 = ["0-17", "18-39"];

export async function AgePanel({ filters, canDrill }: { filters: TDashboardFilters; canDrill: boolean }) {
  const [answer, sources] = await Promise.all([loadAggregates(aggregateQuery(filters, "ageBand", "sex")), loadSources()]);
  const total = answer.total.cases;
  const hrefOf = (key: string) => drillHref(filters, { ageBand: key });
  const labelOf = (key: string) => axisLabelOf(AGE_AXIS_LABELS, key, key);
  const data = answer.groups.map((g) => shareDatum(g, total, hrefOf(g.key), g.key === "unknown" ? "unknown" : "default", labelOf(g.key)));
  const references = present([
    referenceOf(sources, "gurrera-2017-male-share", {
      kind: "categories",
      first: labelOf(UNDER_40[1]!),
      last: labelOf(UNDER_40[1]!),
      label: "Reported peak: 20–25 years",
    }),
  ]);
  const sexOf = (key: string, sex: string) => answer.groups.find((g) => g.key === key)?.groups?.find((s) => s.key === sex)?.cases ?? 0;
  // A suppressed band (null, a researcher's answer) leaves the sum unknown.
  const malesUnder40 = UNDER_40.reduce<number | null>((sum, band) => {
    const n = sexOf(band, "male");
    return sum === null || n === null ? null : sum + n;
  }, 0);
  const title = "Age band";
  return (
    <Panel id="age" title={title} lead="Share of cases in each age band with 95% intervals; unknown age is a band of its own.">
      {total === 0 ? (
        <EmptyState>No case matches these filters.</EmptyState>
      ) : (
        <IntervalBarChart
          id="age"
          summary="Share of cases by age band with 95% intervals; the bands under 40 are marked"
          data={data}
          format="percent"
          axisLabel="Share of cases"
          categoryLabel="Age (years)"
          references={references}
          canDrill={canDrill}
          height={280}
        />
      )}
      <p className={styles.caption}>
        Males under 40: <strong>{formatCount(malesUnder40)}</strong> cases (
        {formatPercent(total !== null && malesUnder40 !== null && total > 0 ? malesUnder40 / total : null)} of all).
      </p>
      <TableToggle what="cases by age band">
        <DataTable
          caption="Cases by age band and sex"
          columns={[
            { label: "Age band" },
            { label: "Cases", numeric: true },
            { label: "Share (95% CI)", numeric: true },
            { label: "Male", numeric: true },
            { label: "Female", numeric: true },
            { label: "Unknown sex", numeric: true },
          ]}
          rows={answer.groups.map((g) => {
            const href = hrefOf(g.key);
            return {
              key: g.key,
              cells: [
                canDrill && href && (g.cases ?? 0) > 0 ? <Link href={href}>{g.label}</Link> : g.label,
                formatCount(g.cases),
                formatEstimate(g.share),
                formatCount(sexOf(g.key, "male")),
                formatCount(sexOf(g.key, "female")),
                formatCount(sexOf(g.key, "unknown")),
              ],
            };
          })}
        />
      </TableToggle>
    </Panel>
  );
}
