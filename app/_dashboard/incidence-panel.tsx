// Incidence per 100,000 person-years by drug class where exposure denominators exist, with exact
// (Garwood) intervals, against the overview's inpatient figure of about 15 per 100,000 per year.
import Link from "next/link";
import { CLASS_AXIS_LABELS, axisLabelOf } from "@/lib/dashboard/axis-labels";
import { incidenceDatum } from "@/lib/dashboard/bar-data";
import { drillHref } from "@/lib/dashboard/drill";
import { aggregateQuery, type TDashboardFilters } from "@/lib/dashboard/filters";
import { present, referenceOf } from "@/lib/dashboard/references";
import { formatCount, formatPValue, formatRange, formatRate, formatVerdict } from "@/lib/format";
import { IntervalBarChart } from "./charts/interval-bar-chart";
import { CLASS_COLOURS } from "./charts/palette";
import styles from "./dashboard.module.css";
import { DataTable } from "./data-table";
import { loadAggregates, loadSources } from "./load";
import { EmptyState, Panel } from "./panel";
import { TableToggle } from "./table-toggle";

const INPATIENT = "overview-incidence-15-per-100k-2011";
const POOLED = "overview-incidence-pooled-0.2-3.23pct";
const LATE_20TH = "overview-incidence-2pct-late-20th-century";

export async function IncidencePanel({ filters, canDrill }: { filters: TDashboardFilters; canDrill: boolean }) {
  const [answer, sources] = await Promise.all([loadAggregates(aggregateQuery(filters, "drugClass")), loadSources()]);
  const data = answer.groups.map((g) => incidenceDatum(g, drillHref(filters, { drugClass: g.key }), axisLabelOf(CLASS_AXIS_LABELS, g.key, g.label)));
  const references = present([referenceOf(sources, INPATIENT, { kind: "line", label: "about 15\nper 100,000 PY\ninpatients, 2011" })]);
  const inpatient = sources.find((s) => s.key === INPATIENT);
  const pooled = sources.find((s) => s.key === POOLED);
  const late = sources.find((s) => s.key === LATE_20TH);
  const notes = [...new Set(answer.groups.flatMap((g) => (g.incidenceNote ? [g.incidenceNote] : [])))];
  const title = "Incidence per 100,000 person-years by drug class";
  return (
    <Panel id="incidence" wide title={title} lead="Cases with onset in the exposure period ÷ person-years on drugs of the class, with exact Poisson intervals.">
      {data.every((d) => d.value === null) ? (
        <EmptyState>
          No incidence for this selection. {notes.join("; ") || "No exposure denominators are stored"}.
        </EmptyState>
      ) : (
        <IntervalBarChart
          id="incidence"
          summary={`${title}, with 95% intervals, against the published inpatient incidence`}
          data={data}
          format="rate"
          axisLabel="Per 100,000 person-years"
          references={references}
          canDrill={canDrill}
          colours={CLASS_COLOURS}
          height={300}
        />
      )}
      {/* Why the pooled range is not on the axis: it is a share of treated patients, not a rate per person-year. */}
      {(pooled ?? late) && (
        <p className={styles.caption}>
          Not drawn on this axis: the pooled incidence of {pooled?.figure ?? "—"}
          {pooled && ` [${pooled.number}]`}
          {late && ` and about 2% in the late 20th century [${late.number}]`} are shares of patients treated with neuroleptics
          (per person, not per person-year) — a different measure that a rate cannot be compared with directly.
        </p>
      )}
      {notes.length > 0 && data.some((d) => d.value !== null) && <p className={styles.caption}>No bar: {notes.join("; ")}.</p>}
      <TableToggle what="incidence by class">
        <DataTable
          caption={title}
          columns={[
            { label: "Drug class" }, { label: "Cases in period", numeric: true }, { label: "Person-years", numeric: true },
            { label: "Per 100,000 PY", numeric: true }, { label: "95% CI", numeric: true },
            { label: `Against about 15${inpatient ? ` [${inpatient.number}]` : ""}` },
          ]}
          rows={answer.groups.map((g) => {
            const rate = g.incidence;
            const comparison = g.comparisons.find((c) => c.baseline === INPATIENT);
            const href = drillHref(filters, { drugClass: g.key });
            return {
              key: g.key,
              cells: [
                canDrill && href && g.cases > 0 ? <Link href={href}>{g.label}</Link> : g.label,
                rate ? formatCount(rate.events) : "—",
                rate ? formatCount(Math.round(rate.personYears)) : "—",
                rate ? formatRate(rate.per100k) : (g.incidenceNote ?? "—"),
                rate ? formatRange(rate, "rate") : "—",
                comparison ? `${formatVerdict(comparison.verdict)} (${formatPValue(comparison.pValue)})` : "—",
              ],
            };
          })}
        />
      </TableToggle>
    </Panel>
  );
}
