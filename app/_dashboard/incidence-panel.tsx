// Rates per 100,000 person-years by drug class where an exposure dataset covers the class, with
// exact (Garwood) intervals: reporting rates unless the dataset declares complete ascertainment.
import Link from "next/link";
import { CLASS_AXIS_LABELS, axisLabelOf } from "@/lib/dashboard/axis-labels";
import { incidenceDatum } from "@/lib/dashboard/bar-data";
import { drillHref } from "@/lib/dashboard/drill";
import { aggregateQuery, type TDashboardFilters } from "@/lib/dashboard/filters";
import { REPORTING_RATE_SENTENCE } from "@/lib/domain/rate-wording";
import { formatCount, formatRange, formatRate } from "@/lib/format";
import { IntervalBarChart } from "./charts/interval-bar-chart";
import { CLASS_COLOURS } from "./charts/palette";
import styles from "./dashboard.module.css";
import { DataTable } from "./data-table";
import { loadAggregates, loadSources } from "./load";
import { EmptyState, Panel } from "./panel";
import { TableToggle } from "./table-toggle";

const POOLED = "berman-2011-pooled-incidence-0.02-3.23pct";

export async function IncidencePanel({ filters, canDrill }: { filters: TDashboardFilters; canDrill: boolean }) {
  const [answer, sources] = await Promise.all([loadAggregates(aggregateQuery(filters, "drugClass")), loadSources()]);
  const data = answer.groups.map((g) =>
    incidenceDatum(g, drillHref(filters, { drugClass: g.key }), axisLabelOf(CLASS_AXIS_LABELS, g.key, g.label)),
  );
  const pooled = sources.find((s) => s.key === POOLED);
  const notes = [...new Set(answer.groups.flatMap((g) => (g.rateReason ? [`${g.label}: ${g.rateReason}`] : [])))];
  const rates = answer.groups.flatMap((g) => (g.rate ? [g.rate] : []));
  const kinds = new Set(rates.map((r) => r.kind));
  const kindLabel =
    kinds.size === 1 && kinds.has("incidence") ? "Incidence" : kinds.size > 1 ? "Reporting rate or incidence" : "Reporting rate";
  const sourcesUsed = [...new Map(rates.flatMap((r) => r.exposureSources).map((s) => [s.source, s])).values()];
  const synthetic = sourcesUsed.some((s) => s.synthetic);
  const title = `${kindLabel} per 100,000 person-years by drug class`;
  return (
    <Panel
      id="incidence"
      wide
      title={title}
      lead={`Cases with onset in a year the exposure covers ÷ person-years on drugs of the class, with exact Poisson intervals. ${REPORTING_RATE_SENTENCE}`}
    >
      {rates.length === 0 ? (
        <EmptyState>
          <span data-testid="rate-state">No exposure</span> for this selection: load an exposure dataset (Imports → exposure CSV).{" "}
          {notes.join("; ")}.
        </EmptyState>
      ) : (
        <>
          <p className={styles.caption} data-testid="rate-state">
            {kindLabel}
            {synthetic ? " (synthetic exposure)" : ""} — exposure:{" "}
            {sourcesUsed.map((s) => `${s.source}${s.synthetic ? " (synthetic)" : ""}`).join("; ")}.
          </p>
          <IntervalBarChart
            id="incidence"
            summary={`${title}, with 95% intervals`}
            data={data}
            format="rate"
            axisLabel="Per 100,000 person-years"
            references={[]}
            canDrill={canDrill}
            colours={CLASS_COLOURS}
            height={300}
          />
        </>
      )}
      {/* Why the pooled range is not on the axis: it is a share of treated patients, not a rate per person-year. */}
      {pooled && (
        <p className={styles.caption}>
          Not drawn on this axis: the pooled incidence of {pooled.figure} [{pooled.number}] is a share of patients treated (per person, not
          per person-year) from cohort studies — a different measure, and a reporting rate is not an incidence.
        </p>
      )}
      {notes.length > 0 && rates.length > 0 && <p className={styles.caption}>No bar: {notes.join("; ")}.</p>}
      <TableToggle what="rates by class">
        <DataTable
          caption={title}
          columns={[
            { label: "Drug class" },
            { label: "Cases in covered years", numeric: true },
            { label: "Undated cases", numeric: true },
            { label: "Person-years", numeric: true },
            { label: "Per 100,000 PY", numeric: true },
            { label: "95% CI", numeric: true },
            { label: "Age-standardised (WHO), 95% CI", numeric: true },
            { label: "Kind" },
          ]}
          rows={answer.groups.map((g) => {
            const rate = g.rate;
            const href = drillHref(filters, { drugClass: g.key });
            return {
              key: g.key,
              cells: [
                canDrill && href && (g.cases ?? 0) > 0 ? <Link href={href}>{g.label}</Link> : g.label,
                rate ? formatCount(rate.cases) : "—",
                rate ? formatCount(rate.undated) : "—",
                rate ? formatCount(Math.round(rate.personYears)) : "—",
                rate ? formatRate(rate.per100kPersonYears) : (g.rateReason ?? "—"),
                rate ? formatRange(rate, "rate") : "—",
                rate?.ageStandardised
                  ? `${formatRate(rate.ageStandardised.per100kPersonYears)} (${formatRange(rate.ageStandardised, "rate")})`
                  : "—",
                rate ? (rate.kind === "incidence" ? "incidence" : "reporting rate") : "—",
              ],
            };
          })}
        />
      </TableToggle>
    </Panel>
  );
}
