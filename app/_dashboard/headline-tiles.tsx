// Headline tiles: cases, fatal cases, case fatality and the share meeting the 2011 consensus
// criteria, each with its change between two periods of equal length (which two, each tile says).
import type { ReactNode } from "react";
import { aggregateQuery, type TDashboardFilters } from "@/lib/dashboard/filters";
import { planComparison, type TWindow } from "@/lib/dashboard/periods";
import type { TAggregatesResponse } from "@/lib/queries/aggregates/get-aggregates";
import { noFilterValues } from "@/lib/queries/aggregates/descriptors";
import { newcombeDifference, proportion, rateRatio, type ProportionInterval } from "@/lib/stats";
import { CONSENSUS_2011_CUTOFF } from "@/lib/stats/case-definition/consensus-2011";
import {
  formatCount,
  formatIntervalMethod,
  formatMeasure,
  formatPercent,
  formatPointChange,
  formatPValue,
  formatRelativeChange,
  formatRange,
} from "@/lib/format";
import styles from "./dashboard.module.css";
import { loadAggregates, loadSources } from "./load";

/** Counts are null where a researcher's count is suppressed (lib/queries/aggregates/protect-answer.ts). */
type TFigures = {
  cases: number | null;
  fatal: number | null;
  known: number | null;
  caseFatality: ProportionInterval | null;
  consensus: ProportionInterval | null;
  meeting: number | null;
};

const ABOUT_10_PERCENT = "shalev-1989-case-reports-1984-on";

/**
 * A count's change between two periods of equal length with its exact 95% interval: the counts as
 * Poisson, the ratio conditional on their sum (R's poisson.test, lib/stats/rate-ratio.ts), read as
 * a percentage change — so "+50%" on 3 vs 2 cases shows how little it says.
 */
function countChangeInterval(current: number | null, previous: number | null): string | null {
  if (current === null || previous === null) return null;
  const ratio = rateRatio(current, 1, previous, 1);
  if (!ratio) return null;
  const percent = (r: number) => (r === 1 ? "0%" : `${r > 1 ? "+" : "−"}${formatMeasure(Math.abs(r - 1) * 100)}%`);
  return `95% CI ${percent(ratio.lower)} to ${ratio.upper === null ? "no upper bound" : percent(ratio.upper)}`;
}

/**
 * A proportion's change in percentage points between two periods with its 95% interval: the
 * difference of two independent proportions by Newcombe's hybrid score method (method 10 of
 * Newcombe 1998, from the two Wilson intervals; lib/stats/proportion-difference.ts).
 */
function pointChangeInterval(
  current: { x: number | null; n: number | null },
  previous: { x: number | null; n: number | null },
): string | null {
  if (current.x === null || current.n === null || previous.x === null || previous.n === null) return null;
  const difference = newcombeDifference(current.x, current.n, previous.x, previous.n);
  if (!difference) return null;
  const points = (d: number) => {
    const rounded = formatMeasure(Math.abs(d) * 100);
    return rounded === "0" ? "0 pp" : `${d > 0 ? "+" : "−"}${rounded} pp`;
  };
  return `95% CI ${points(difference.lower)} to ${points(difference.upper)} (Newcombe)`;
}

export async function HeadlineTiles({ filters }: { filters: TDashboardFilters }) {
  // By year (a case-level key, no drug join): the totals plus the onset years the periods anchor on.
  const main = await loadAggregates(aggregateQuery(filters, "year"));
  // Without an onset range the five-year window is anchored on the last onset year of all cases,
  // not of the filtered ones: a filter must not move the window it is compared over.
  const anchor =
    filters.from || filters.to
      ? main
      : await loadAggregates(aggregateQuery({ ...filters, ...noFilterValues(), meetsConsensus: null }, "year"));
  const years = anchor.groups.filter((g) => g.key !== "unknown" && (g.cases ?? 0) > 0).map((g) => Number(g.key));
  const plan = planComparison(filters, years);
  const figuresOf = async (f: TDashboardFilters, all?: TAggregatesResponse): Promise<TFigures> => {
    const [total, meeting] = await Promise.all([
      all ?? loadAggregates(aggregateQuery(f, "sex")),
      loadAggregates(aggregateQuery({ ...f, meetsConsensus: true }, "sex")),
    ]);
    const { cases, fatal, knownOutcome: known, caseFatality } = total.total;
    const met = meeting.total.cases;
    return {
      cases,
      fatal,
      known,
      caseFatality,
      meeting: met,
      consensus: met === null || cases === null ? null : proportion(met, cases, f.ci),
    };
  };
  const inWindow = (w: TWindow): TDashboardFilters => ({ ...filters, from: w.from, to: w.to });
  const [now, current, previous, sources] = await Promise.all([
    figuresOf(filters, main),
    // With an onset range the current period is the page's own selection.
    plan ? (plan.kind === "range" ? figuresOf(filters, main) : figuresOf(inWindow(plan.current))) : null,
    plan ? figuresOf(inWindow(plan.previous)) : null,
    loadSources(),
  ]);
  const change = (render: (c: TFigures, p: TFigures) => ReactNode) =>
    current && previous && plan ? (
      <p className={styles.tileChange}>
        {render(current, previous)}
        <br />
        <span className={styles.tileSub}>Change: {plan.description}</span>
      </p>
    ) : (
      <p className={styles.tileSub}>No dated cases to compare periods.</p>
    );
  const about10 = sources.find((s) => s.key === ABOUT_10_PERCENT);
  const verdict = main.total.comparisons.find((c) => c.baseline === ABOUT_10_PERCENT);

  return (
    <div className={styles.tiles} data-panel="tiles">
      <Tile id="cases" title="Cases" value={formatCount(now.cases)} sub="case reports, each counted once">
        {change((c, p) => (
          <>
            <strong>{formatRelativeChange(c.cases, p.cases)}</strong> ({formatCount(c.cases)} vs {formatCount(p.cases)})
            <IntervalNote text={countChangeInterval(c.cases, p.cases)} />
          </>
        ))}
      </Tile>
      <Tile id="fatal" title="Fatal cases" value={formatCount(now.fatal)} sub={`of ${formatCount(now.known)} with a known outcome`}>
        {change((c, p) => (
          <>
            <strong>{formatRelativeChange(c.fatal, p.fatal)}</strong> ({formatCount(c.fatal)} vs {formatCount(p.fatal)})
            <IntervalNote text={countChangeInterval(c.fatal, p.fatal)} />
          </>
        ))}
      </Tile>
      <Tile
        id="case-fatality"
        title="Case fatality"
        value={formatPercent(now.caseFatality?.estimate)}
        sub={`95% CI ${formatRange(now.caseFatality)} (${formatIntervalMethod(filters.ci)}) · fatal ÷ known outcome`}
      >
        {verdict && about10 && verdict.verdict !== "not_comparable" && (
          <p className={styles.verdict}>
            {verdict.verdict === "consistent" ? "Consistent with" : verdict.verdict === "above" ? "Above" : "Below"} 11.6% in case reports
            1984–88 [{about10.number}] ({formatPValue(verdict.pValue)})
          </p>
        )}
        {change((c, p) => (
          <>
            <strong>{formatPointChange(c.caseFatality?.estimate ?? null, p.caseFatality?.estimate ?? null)}</strong> (
            {formatPercent(c.caseFatality?.estimate)} vs {formatPercent(p.caseFatality?.estimate)})
            <IntervalNote text={pointChangeInterval({ x: c.fatal, n: c.known }, { x: p.fatal, n: p.known })} />
          </>
        ))}
      </Tile>
      <Tile
        id="consensus"
        title="Meeting the 2011 consensus criteria"
        value={formatPercent(now.consensus?.estimate)}
        sub={`95% CI ${formatRange(now.consensus)} · ${formatCount(now.meeting)} of ${formatCount(now.cases)} cases score ≥ ${CONSENSUS_2011_CUTOFF} points`}
      >
        {change((c, p) => (
          <>
            <strong>{formatPointChange(c.consensus?.estimate ?? null, p.consensus?.estimate ?? null)}</strong> (
            {formatPercent(c.consensus?.estimate)} vs {formatPercent(p.consensus?.estimate)})
            <IntervalNote text={pointChangeInterval({ x: c.meeting, n: c.cases }, { x: p.meeting, n: p.cases })} />
          </>
        ))}
      </Tile>
    </div>
  );
}

function Tile({ id, title, value, sub, children }: { id: string; title: string; value: string; sub: string; children: ReactNode }) {
  return (
    <section className={styles.tile} aria-labelledby={`tile-${id}-title`} data-tile={id}>
      <h2 id={`tile-${id}-title`}>{title}</h2>
      <div className={styles.tileValue} data-testid={`tile-${id}`}>
        {value}
      </div>
      <div className={styles.tileSub}>{sub}</div>
      {children}
    </section>
  );
}

export function TilesSkeleton() {
  return (
    <div className={styles.tiles} aria-busy="true" aria-label="Headline figures (loading)">
      {["Cases", "Fatal cases", "Case fatality", "Meeting the 2011 consensus criteria"].map((title) => (
        <section key={title} className={styles.tile}>
          <h2>{title}</h2>
          <div className={styles.skeletonBlock} style={{ height: 72 }} />
        </section>
      ))}
    </div>
  );
}

function IntervalNote({ text }: { text: string | null }) {
  return text ? (
    <>
      <br />
      <span className={styles.tileSub} data-testid="change-interval">
        {text}
      </span>
    </>
  ) : null;
}
