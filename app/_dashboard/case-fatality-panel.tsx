// Case fatality by drug class with 95% intervals, against the overview's case-fatality figures
// (about 10%; 10–20%; 20–38% in earlier studies) drawn as labelled, cited reference lines and bands.
import Link from "next/link";
import { CLASS_AXIS_LABELS, axisLabelOf } from "@/lib/dashboard/axis-labels";
import { caseFatalityDatum } from "@/lib/dashboard/bar-data";
import { drillHref } from "@/lib/dashboard/drill";
import { aggregateQuery, type TDashboardFilters } from "@/lib/dashboard/filters";
import { present, referenceOf, type TSource } from "@/lib/dashboard/references";
import type { TAggregateGroup } from "@/lib/queries/aggregates/types";
import { formatComparison, formatCount, formatEstimate, formatIntervalMethod } from "@/lib/format";
import { IntervalBarChart } from "./charts/interval-bar-chart";
import { CLASS_COLOURS } from "./charts/palette";
import { DataTable } from "./data-table";
import { loadAggregates, loadSources } from "./load";
import { EmptyState, Panel } from "./panel";
import { TableToggle } from "./table-toggle";

const ABOUT_10 = "shalev-1989-case-reports-1984-on";

/** The case-fatality baselines every case-fatality chart draws (this panel and the per-year one). */
export function caseFatalityReferences(sources: readonly TSource[]) {
  return present([
    referenceOf(sources, ABOUT_10, { kind: "line", label: "11.6%\ncase reports 1984–88" }),
    referenceOf(sources, "modi-2016-nis-in-hospital-case-fatality", { kind: "line", label: "5.6%\nUS inpatients 2002–11" }),
  ]);
}

export async function CaseFatalityPanel({ filters, canDrill }: { filters: TDashboardFilters; canDrill: boolean }) {
  const [answer, sources] = await Promise.all([loadAggregates(aggregateQuery(filters, "drugClass")), loadSources()]);
  const hrefOf = (g: TAggregateGroup) => drillHref(filters, { drugClass: g.key });
  const data = answer.groups.map((g) => caseFatalityDatum(g, hrefOf(g), axisLabelOf(CLASS_AXIS_LABELS, g.key, g.label)));
  const about10 = sources.find((s) => s.key === ABOUT_10);
  const title = "Case fatality by drug class";
  return (
    <Panel
      id="case-fatality"
      wide
      title={title}
      lead={`Fatal cases ÷ cases with a known outcome, with 95% ${formatIntervalMethod(answer.query.ci)} intervals. A case counts in each class of its suspect, interacting or withdrawn drugs.`}
    >
      {answer.total.knownOutcome === 0 ? (
        <EmptyState>No case with a known outcome matches these filters.</EmptyState>
      ) : (
        <IntervalBarChart
          id="case-fatality"
          summary={`${title}: one bar per class with its 95% interval, against published case-fatality ranges`}
          data={data}
          format="percent"
          axisLabel="Case fatality"
          references={caseFatalityReferences(sources)}
          canDrill={canDrill}
          colours={CLASS_COLOURS}
          height={300}
        />
      )}
      <EmptyGroupsNote groups={answer.groups} />
      <TableToggle what="case fatality by class">
        <DataTable
          caption={title}
          columns={[
            { label: "Drug class" },
            { label: "Cases", numeric: true },
            { label: "Fatal", numeric: true },
            { label: "Known outcome", numeric: true },
            { label: "Case fatality (95% CI)", numeric: true },
            { label: `Against 11.6% (case reports 1984–88)${about10 ? ` [${about10.number}]` : ""}` },
          ]}
          rows={answer.groups.map((g) => {
            const comparison = g.comparisons.find((c) => c.baseline === ABOUT_10);
            const href = hrefOf(g);
            return {
              key: g.key,
              cells: [
                canDrill && href && (g.cases ?? 0) > 0 ? <Link href={href}>{g.label}</Link> : g.label,
                <span key="n" data-testid={`count-${g.key}`}>
                  {formatCount(g.cases)}
                </span>,
                formatCount(g.fatal),
                formatCount(g.knownOutcome),
                formatEstimate(g.caseFatality),
                comparison ? <span title={comparison.reason}>{formatComparison(comparison)}</span> : "—",
              ],
            };
          })}
        />
      </TableToggle>
    </Panel>
  );
}

/** Why a class has a whisker but no bar (no deaths), or neither (no known outcome): said under the chart, not left to guess. */
function EmptyGroupsNote({
  groups,
}: {
  groups: readonly { key: string; label: string; cases: number | null; fatal: number | null; knownOutcome: number | null }[];
}) {
  const noDeaths = groups.filter((g) => g.fatal === 0 && (g.knownOutcome ?? 0) > 0);
  const noKnown = groups.filter((g) => (g.cases ?? 0) > 0 && g.knownOutcome === 0);
  if (noDeaths.length === 0 && noKnown.length === 0) return null;
  return (
    <p className="muted" data-testid="empty-groups-note">
      {noDeaths.length > 0 &&
        `No deaths among the cases with a known outcome in ${noDeaths.map((g) => `${g.label} (${formatCount(g.knownOutcome)})`).join(", ")}: no bar, and the whisker shows how high case fatality could still be. `}
      {noKnown.length > 0 && `No case with a known outcome in ${noKnown.map((g) => g.label).join(", ")}: nothing to draw.`}
    </p>
  );
}
