"use client";
// Reports per onset year by drug class (one line per class), and case fatality per year with its
// 95% interval band for all classes or the class chosen, against the case-fatality baselines.
import { useId, useState } from "react";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type DotItemDotProps,
} from "recharts";
import type { TReference } from "@/lib/dashboard/references";
import { formatCount, formatDate, formatPercent, formatRange, formatTick } from "@/lib/format";
import { fatalityAxis } from "@/lib/dashboard/year-fatality";
import styles from "../dashboard.module.css";
import { DrillMark, ReferenceLabel, referenceAreaShape } from "./chart-parts";
import { CLASS_COLOURS, GRID_STROKE, OKABE_ITO, REFERENCE_FILLS, REFERENCE_STROKE } from "./palette";

type TCfr = { estimate: number; lower: number; upper: number; fatal: number | null; known: number | null } | null;
/** counts: null where a researcher's count is suppressed. */
export type TYearRow = {
  year: string;
  counts: Record<string, number | null>;
  hrefs: Record<string, string | null>;
  cfr: Record<string, TCfr>;
};
export type TYearChartsProps = {
  rows: TYearRow[];
  classes: { key: string; label: string }[];
  references: TReference[];
  canDrill: boolean;
  /** The last year when only partly observed (lib/dashboard/year-fatality.ts): drawn dashed and hollow. */
  partial: { year: string; through: string } | null;
};

const ALL = "all";
const colourOf = (key: string) => CLASS_COLOURS[key as keyof typeof CLASS_COLOURS] ?? OKABE_ITO.black;

export function YearCharts({ rows, classes, references, canDrill, partial }: TYearChartsProps) {
  const [series, setSeries] = useState(ALL);
  const selectId = useId();
  const counts = rows.map((row) => ({ year: row.year, ...row.counts }));
  // A partial last year is its own dashed, hollow series (joined to the year before) with a fainter
  // band, so its few cases so far do not read as a dip in the complete years' line (filled points).
  const partialIndex = partial ? rows.findIndex((row) => row.year === partial.year) : -1;
  const fatality = rows.map((row, i) => {
    const cfr = row.cfr[series] ?? null;
    const range = cfr ? [cfr.lower, cfr.upper] : null;
    const isPartial = i === partialIndex;
    const joins = i === partialIndex - 1 || isPartial;
    return {
      year: row.year,
      cfr,
      partial: isPartial,
      estimate: isPartial ? null : (cfr?.estimate ?? null),
      range: isPartial ? null : range,
      partialEstimate: joins ? (cfr?.estimate ?? null) : null,
      partialRange: joins ? range : null,
    };
  });
  // Every interval fits: the axis reaches the largest upper bound (rounded up to a 10% step).
  const cfrScale = fatalityAxis(
    rows.map((row) => row.cfr[series] ?? null),
    references.map(topOf),
  );
  const lineColour = series === ALL ? OKABE_ITO.black : colourOf(series);
  const order = (item: { dataKey?: unknown }) => classes.findIndex((c) => c.key === item.dataKey);
  const seriesLabel = series === ALL ? "all classes" : (classes.find((c) => c.key === series)?.label ?? series);

  const renderDot = (classKey: string) =>
    function renderYearDot(dot: DotItemDotProps) {
      const row = rows[dot.index];
      const count = row?.counts[classKey] ?? 0;
      if (!row || count === 0 || dot.cx === undefined || dot.cy === undefined) return <g key={`${classKey}-${dot.index}`} />;
      const label = classes.find((c) => c.key === classKey)?.label ?? classKey;
      return (
        <DrillMark
          key={`${classKey}-${row.year}`}
          markKey={`${classKey}:${row.year}`}
          href={row.hrefs[classKey] ?? null}
          description={`${label}, ${row.year}: ${formatCount(count)} cases`}
          canDrill={canDrill}
          focusable={false}
        >
          <circle cx={dot.cx} cy={dot.cy} r={3} fill={colourOf(classKey)} />
        </DrillMark>
      );
    };

  return (
    <div className={styles.yearCharts}>
      <div
        className={styles.chart}
        data-chart="reports-per-year"
        role="group"
        aria-label="Reports per onset year by drug class (one line per class)"
      >
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={counts} margin={{ top: 8, right: 112, bottom: 4, left: 4 }}>
            <CartesianGrid stroke={GRID_STROKE} vertical={false} />
            <XAxis dataKey="year" minTickGap={16} fontSize={12} />
            <YAxis width={52} fontSize={12} tickFormatter={(v: number) => formatCount(v)} />
            <Tooltip formatter={(value) => formatCount(Number(value))} itemSorter={order} isAnimationActive={false} />
            <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={order} />
            {classes.map((c) => (
              <Line
                key={c.key}
                dataKey={c.key}
                name={c.label}
                stroke={colourOf(c.key)}
                strokeWidth={2}
                dot={renderDot(c.key)}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <label className={styles.inlineField} htmlFor={selectId}>
        Case fatality per year for
        <select id={selectId} value={series} onChange={(event) => setSeries(event.target.value)}>
          <option value={ALL}>All classes (each case once)</option>
          {classes.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <div
        className={styles.chart}
        data-chart="fatality-per-year"
        role="group"
        aria-label={`Case fatality per onset year, ${seriesLabel}, with 95% interval band`}
      >
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={fatality} margin={{ top: 8, right: 112, bottom: 4, left: 4 }}>
            <CartesianGrid stroke={GRID_STROKE} vertical={false} />
            <XAxis dataKey="year" minTickGap={16} fontSize={12} />
            <YAxis
              width={52}
              fontSize={12}
              domain={[0, cfrScale.max]}
              ticks={cfrScale.ticks}
              allowDataOverflow
              tickFormatter={(v: number) => formatTick(v, "percent")}
            />
            {references.map((r, i) => referenceOnY(r, i))}
            <Tooltip content={<FatalityTooltip />} isAnimationActive={false} />
            <Area dataKey="range" stroke="none" fill={OKABE_ITO.black} fillOpacity={0.13} isAnimationActive={false} name="95% CI" />
            {partial && (
              <Area
                dataKey="partialRange"
                stroke="none"
                fill={OKABE_ITO.black}
                fillOpacity={0.05}
                isAnimationActive={false}
                name="95% CI (partial year)"
              />
            )}
            <Line
              dataKey="estimate"
              stroke={lineColour}
              strokeWidth={2}
              dot={{ r: 2.5, fill: lineColour, stroke: lineColour }}
              connectNulls={false}
              isAnimationActive={false}
              name="Case fatality"
            />
            {partial && (
              <Line
                dataKey="partialEstimate"
                stroke={lineColour}
                strokeWidth={2}
                strokeDasharray="4 3"
                dot={renderPartialDot(partialIndex, lineColour)}
                connectNulls={false}
                isAnimationActive={false}
                name={`Case fatality, ${partial.year} so far`}
              />
            )}
          </ComposedChart>
        </ResponsiveContainer>
        {partial && (
          <p className={styles.caption} data-testid="partial-year-note">
            {partial.year} is a partial year (onsets to {formatDate(partial.through)}): drawn dashed with a hollow point and a fainter band,
            not comparable with the complete years yet.
          </p>
        )}
      </div>
    </div>
  );
}

/** The hollow point of the partial year (nothing at the year before, which only anchors the dash). */
function renderPartialDot(partialIndex: number, colour: string) {
  return function renderPartialYearDot(dot: DotItemDotProps) {
    if (dot.index !== partialIndex || dot.cx === undefined || dot.cy === undefined || dot.value == null)
      return <g key={`partial-${dot.index}`} />;
    return <circle key={`partial-${dot.index}`} cx={dot.cx} cy={dot.cy} r={3.5} fill="#fff" stroke={colour} strokeWidth={1.5} />;
  };
}

const topOf = (r: TReference) => (r.kind === "line" ? r.value : r.kind === "band" ? r.to : 0);

function referenceOnY(reference: TReference, index: number) {
  const label = { content: (p: { viewBox?: unknown }) => <ReferenceLabel viewBox={p.viewBox} reference={reference} placement="right" /> };
  if (reference.kind === "line") {
    return <ReferenceLine key={reference.key} y={reference.value} stroke={REFERENCE_STROKE} strokeDasharray="5 3" label={label} />;
  }
  if (reference.kind !== "band") return null;
  const fill = REFERENCE_FILLS[index % REFERENCE_FILLS.length]!;
  return (
    <ReferenceArea key={reference.key} y1={reference.from} y2={reference.to} shape={referenceAreaShape(reference, fill)} label={label} />
  );
}

function FatalityTooltip({ active, payload }: { active?: boolean; payload?: readonly { payload?: unknown }[] }) {
  const point = payload?.[0]?.payload as { year: string; cfr: TCfr; partial: boolean } | undefined;
  if (!active || !point) return null;
  return (
    <div className={styles.tooltip}>
      <strong>
        {point.year}
        {point.partial ? " (partial year)" : ""}
      </strong>
      <div>
        Case fatality:{" "}
        {point.cfr ? `${formatPercent(point.cfr.estimate)} (95% CI ${formatRange(point.cfr)})` : "no case with a known outcome"}
      </div>
      {point.cfr && (
        <div>
          {formatCount(point.cfr.fatal)} fatal of {formatCount(point.cfr.known)} with a known outcome
        </div>
      )}
    </div>
  );
}
