// Sex split of the cases whose sex is known, with the male share's interval, against the
// published male share (Gurrera 2017: sex ratio 1.47, 95% CI 1.20–1.80).
import Link from "next/link";
import { drillHref } from "@/lib/dashboard/drill";
import { aggregateQuery, type TDashboardFilters } from "@/lib/dashboard/filters";
import { referenceOf } from "@/lib/dashboard/references";
import type { TAggregateGroup } from "@/lib/queries/aggregates/types";
import { proportion } from "@/lib/stats";
import { formatCount, formatEstimate, formatPercent, formatPValue, formatVerdict } from "@/lib/format";
import { SexSplitChart, type TSexSegment } from "./charts/sex-split-chart";
import styles from "./dashboard.module.css";
import { DataTable } from "./data-table";
import { loadAggregates, loadSources } from "./load";
import { EmptyState, Panel } from "./panel";
import { TableToggle } from "./table-toggle";

const RATIO = "gurrera-2017-male-share";
const NONE: TAggregateGroup = {
  key: "",
  label: "",
  cases: 0,
  fatal: 0,
  knownOutcome: 0,
  caseFatality: null,
  share: null,
  rate: null,
  comparisons: [],
};

export async function SexPanel({ filters, canDrill }: { filters: TDashboardFilters; canDrill: boolean }) {
  const [answer, sources] = await Promise.all([loadAggregates(aggregateQuery(filters, "sex")), loadSources()]);
  const group = (key: string) => answer.groups.find((g) => g.key === key) ?? NONE;
  const [male, female, unknown] = [group("male"), group("female"), group("unknown")];
  // A researcher's suppressed count (null) has no share to draw: the pair is unknown then.
  const known = male.cases === null || female.cases === null ? 0 : male.cases + female.cases;
  const maleShare = proportion(male.cases ?? 0, known, filters.ci);
  const comparison = male.comparisons.find((c) => c.baseline === RATIO);
  const ratio = sources.find((s) => s.key === RATIO);
  const segments: TSexSegment[] = [male, female].map((g) => ({
    key: g.key as TSexSegment["key"],
    label: g.label,
    share: known > 0 ? (g.cases ?? 0) / known : 0,
    description: `${g.label}: ${formatCount(g.cases)} of ${formatCount(known)} cases of known sex (${formatPercent(known > 0 ? (g.cases ?? 0) / known : null)})`,
    href: drillHref(filters, { sex: g.key }),
  }));
  const unknownHref = drillHref(filters, { sex: "unknown" });
  const title = "Sex";
  return (
    <Panel
      id="sex"
      title={title}
      lead="Male and female shares of the cases whose sex is reported, against the published male:female ratio."
    >
      {known === 0 ? (
        <EmptyState>No case of known sex matches these filters.</EmptyState>
      ) : (
        <SexSplitChart
          summary={`Sex split of ${formatCount(known)} cases of known sex, with the male share's 95% interval, against the published male share`}
          rowLabel={`Known sex\nn = ${formatCount(known)}`}
          segments={segments}
          maleError={maleShare ? [maleShare.estimate - maleShare.lower, maleShare.upper - maleShare.estimate] : null}
          reference={referenceOf(sources, RATIO, { kind: "line", label: "ratio 1.47\n(59.5% male)" })}
          canDrill={canDrill}
        />
      )}
      <p className={styles.caption}>
        {/* Under a sex filter the split is the filter's doing, so it is not compared with the ratio. */}
        {filters.sex.length > 0 ? (
          <>The sex filter selects these cases, so their split is not compared with the published ratio.</>
        ) : (
          <>
            Male share of cases of known sex: <strong>{formatEstimate(maleShare)}</strong>
            {comparison &&
              ratio &&
              (comparison.verdict === "not_comparable" ? (
                <>
                  {" "}
                  — the published male share {ratio.figure} [{ratio.number}] is context only: {comparison.reason}
                </>
              ) : (
                <>
                  {" "}
                  — {formatVerdict(comparison.verdict)} the published male share {ratio.figure} [{ratio.number}] (
                  {formatPValue(comparison.pValue)})
                </>
              ))}
            .
          </>
        )}{" "}
        Unknown sex:{" "}
        {canDrill && (unknown.cases ?? 0) > 0 && unknownHref ? (
          <Link href={unknownHref}>{formatCount(unknown.cases)} cases</Link>
        ) : (
          `${formatCount(unknown.cases)} cases`
        )}{" "}
        ({formatPercent(unknown.share?.estimate)} of all), not part of the split.
      </p>
      <TableToggle what="the sex split">
        <DataTable
          caption="Cases by sex"
          columns={[
            { label: "Sex" },
            { label: "Cases", numeric: true },
            { label: "Share of all cases (95% CI)", numeric: true },
            { label: "Share of known sex", numeric: true },
          ]}
          rows={[male, female, unknown].map((g) => ({
            key: g.key,
            cells: [
              g.label,
              formatCount(g.cases),
              formatEstimate(g.share),
              g.key === "unknown" ? "—" : formatPercent(known > 0 ? (g.cases ?? 0) / known : null),
            ],
          }))}
        />
      </TableToggle>
    </Panel>
  );
}
