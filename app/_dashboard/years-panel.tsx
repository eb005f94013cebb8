// Reports and case fatality per onset year by drug class, from one cross-tab query
// (by=year&then=drugClass): per-class lines from its cells, all-class fatality from its groups.
import Link from "next/link";
import { drillHref } from "@/lib/dashboard/drill";
import { aggregateQuery, type TDashboardFilters } from "@/lib/dashboard/filters";
import { partialLastYear } from "@/lib/dashboard/year-fatality";
import type { TAggregateGroup } from "@/lib/queries/aggregates/types";
import { formatCount, formatEstimate, formatIntervalMethod } from "@/lib/format";
import { caseFatalityReferences } from "./case-fatality-panel";
import { YearCharts, type TYearRow } from "./charts/year-charts";
import styles from "./dashboard.module.css";
import { DataTable } from "./data-table";
import { loadAggregates, loadSources } from "./load";
import { EmptyState, Panel } from "./panel";
import { TableToggle } from "./table-toggle";

const cfrOf = (g: TAggregateGroup) =>
  g.caseFatality
    ? { estimate: g.caseFatality.estimate, lower: g.caseFatality.lower, upper: g.caseFatality.upper, fatal: g.fatal, known: g.knownOutcome }
    : null;

export async function YearsPanel({ filters, canDrill }: { filters: TDashboardFilters; canDrill: boolean }) {
  const [answer, sources] = await Promise.all([loadAggregates(aggregateQuery(filters, "year", "drugClass")), loadSources()]);
  const dated = answer.groups.filter((g) => g.key !== "unknown");
  const undated = answer.groups.find((g) => g.key === "unknown")?.cases ?? 0;
  const classes = (dated[0]?.groups ?? []).map((c) => ({ key: c.key, label: c.label }));
  const rows: TYearRow[] = dated.map((year) => {
    const cells = year.groups ?? [];
    return {
      year: year.key,
      counts: Object.fromEntries(cells.map((c) => [c.key, c.cases])),
      hrefs: Object.fromEntries(cells.map((c) => [c.key, drillHref(filters, { year: year.key, drugClass: c.key })])),
      cfr: { all: cfrOf(year), ...Object.fromEntries(cells.map((c) => [c.key, cfrOf(c)])) },
    };
  });
  // The current year (or one the onset range cuts) is only partly observed: marked, not a dip.
  const partial = partialLastYear(
    dated.map((g) => g.key),
    new Date().toISOString().slice(0, 10),
    filters.to,
  );
  const title = "Reports and case fatality per year by drug class";
  return (
    <Panel
      id="years"
      wide
      title={title}
      lead={`By year of onset. A case with drugs of two classes counts in both lines. Case fatality with its 95% ${formatIntervalMethod(answer.query.ci)} band.`}
    >
      {dated.every((g) => g.cases === 0) ? (
        <EmptyState>No case with an onset date matches these filters.</EmptyState>
      ) : (
        <YearCharts rows={rows} classes={classes} references={caseFatalityReferences(sources)} canDrill={canDrill} partial={partial} />
      )}
      {undated > 0 && <p className={styles.caption}>{formatCount(undated)} cases without an onset date are not shown by year.</p>}
      <TableToggle what="reports and case fatality per year">
        <DataTable
          caption={title}
          columns={[
            { label: "Year" },
            { label: "Cases", numeric: true },
            ...classes.map((c) => ({ label: c.label, numeric: true })),
            { label: "Case fatality (95% CI)", numeric: true },
          ]}
          rows={dated.map((year) => {
            const href = drillHref(filters, { year: year.key });
            return {
              key: year.key,
              cells: [
                canDrill && href && (year.cases ?? 0) > 0 ? <Link href={href}>{year.label}</Link> : year.label,
                formatCount(year.cases),
                ...(year.groups ?? []).map((c) => formatCount(c.cases)),
                formatEstimate(year.caseFatality),
              ],
            };
          })}
        />
      </TableToggle>
    </Panel>
  );
}
