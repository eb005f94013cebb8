// How the cases ended: the share of each outcome with its 95% interval, fatal in vermillion and
// unknown in grey, as lying bars (the outcome names are long).
import Link from "next/link";
import { shareDatum, type TBarTone } from "@/lib/dashboard/bar-data";
import { drillHref } from "@/lib/dashboard/drill";
import { aggregateQuery, type TDashboardFilters } from "@/lib/dashboard/filters";
import { formatCount, formatEstimate } from "@/lib/format";
import { IntervalBarChart } from "./charts/interval-bar-chart";
import { DataTable } from "./data-table";
import { loadAggregates } from "./load";
import { EmptyState, Panel } from "./panel";
import { TableToggle } from "./table-toggle";

const TONES: Record<string, TBarTone> = { fatal: "fatal", unknown: "unknown" };

export async function OutcomePanel({ filters, canDrill }: { filters: TDashboardFilters; canDrill: boolean }) {
  const answer = await loadAggregates(aggregateQuery(filters, "outcome"));
  const total = answer.total.cases;
  const hrefOf = (key: string) => drillHref(filters, { outcome: key });
  const data = answer.groups.map((g) => shareDatum(g, total, hrefOf(g.key), TONES[g.key]));
  const title = "Outcome";
  return (
    <Panel
      id="outcome"
      title={title}
      lead="Share of cases by outcome with 95% intervals. Case fatality leaves unknown outcomes out of its denominator."
    >
      {total === 0 ? (
        <EmptyState>No case matches these filters.</EmptyState>
      ) : (
        <IntervalBarChart
          id="outcome"
          summary="Share of cases by outcome with 95% intervals"
          data={data}
          format="percent"
          axisLabel="Share of cases"
          layout="rows"
          canDrill={canDrill}
          height={270}
        />
      )}
      <TableToggle what="cases by outcome">
        <DataTable
          caption="Cases by outcome"
          columns={[{ label: "Outcome" }, { label: "Cases", numeric: true }, { label: "Share (95% CI)", numeric: true }]}
          rows={answer.groups.map((g) => {
            const href = hrefOf(g.key);
            return {
              key: g.key,
              cells: [
                canDrill && href && (g.cases ?? 0) > 0 ? <Link href={href}>{g.label}</Link> : g.label,
                formatCount(g.cases),
                formatEstimate(g.share),
              ],
            };
          })}
        />
      </TableToggle>
    </Panel>
  );
}
