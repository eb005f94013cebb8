"use client";
// One bar per category with its 95% interval as whiskers, and the published baselines behind the
// bars as labelled lines and bands. Used by case fatality, incidence, age, outcome and latency.
import { Bar, BarChart, CartesianGrid, ErrorBar, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TBarDatum } from "@/lib/dashboard/bar-data";
import type { TReference } from "@/lib/dashboard/references";
import { formatTick, type TValueFormat } from "@/lib/format";
import { niceScale } from "@/lib/dashboard/scale";
import styles from "../dashboard.module.css";
import { BarTooltip, LinesTick, ReferenceLabel, barShape, referenceAreaShape } from "./chart-parts";
import { GRID_STROKE, INTERVAL_STROKE, REFERENCE_FILLS, REFERENCE_STROKE, TONE_COLOURS } from "./palette";

export type TIntervalBarChartProps = {
  /** Names the chart for tests and styles (`data-chart`). */
  id: string;
  /** What the chart shows, for assistive technology (the visible title is the panel's heading). */
  summary: string;
  data: TBarDatum[];
  format: TValueFormat;
  /** Names the value axis; on upright bars the panel's heading does, so it is not drawn there. */
  axisLabel: string;
  /** Names the category axis (its unit, e.g. days), drawn below it. */
  categoryLabel?: string;
  references?: TReference[];
  /** Bars upright (categories along x) or lying (categories down y, for long labels). */
  layout?: "columns" | "rows";
  height?: number;
  canDrill: boolean;
  /** Per-category fill (e.g. by drug class); otherwise the bar's tone decides. */
  colours?: Record<string, string>;
};

export function IntervalBarChart(props: TIntervalBarChartProps) {
  const { data, format, references = [], layout = "columns", canDrill } = props;
  const fillOf = (d: TBarDatum) => props.colours?.[d.key] ?? TONE_COLOURS[d.tone];
  const renderBar = barShape(canDrill, fillOf);
  const columns = layout === "columns";
  const tops = [
    ...data.map((d) => d.upper ?? d.value ?? 0),
    ...references.flatMap((r) => (r.kind === "line" ? [r.value] : r.kind === "band" ? [r.to] : [])),
  ];
  const scale = niceScale(tops, format === "percent" ? 0.05 : 1);
  const tickFormatter = (v: number) => formatTick(v, format);
  const valueLabels = references.some((r) => r.kind !== "categories");
  const categoryLabels = references.some((r) => r.kind === "categories");
  const margin = { top: categoryLabels ? 30 : 12, right: valueLabels ? 112 : 16, bottom: 4, left: 4 };

  // Value axis and category axis swap places between the two layouts.
  const valueAxis = { type: "number" as const, domain: [0, scale.max], ticks: scale.ticks, tickFormatter, fontSize: 12 };
  const categoryAxis = { type: "category" as const, dataKey: "axisLabel", interval: 0, tickLine: false };
  const categoryTitle = props.categoryLabel
    ? { value: props.categoryLabel, position: "insideBottom" as const, fontSize: 12, fill: "#3d4755" }
    : undefined;

  return (
    <div className={styles.chart} data-chart={props.id} role="group" aria-label={props.summary}>
      <ResponsiveContainer width="100%" height={props.height ?? 280}>
        <BarChart data={data} layout={columns ? "horizontal" : "vertical"} margin={margin} accessibilityLayer={false} barCategoryGap="22%">
          <CartesianGrid stroke={GRID_STROKE} vertical={!columns} horizontal={columns} />
          {columns ? (
            <>
              <XAxis {...categoryAxis} height={props.categoryLabel ? 56 : 40} tick={<LinesTick />} label={categoryTitle} />
              <YAxis {...valueAxis} width={52} />
            </>
          ) : (
            <>
              <XAxis
                {...valueAxis}
                height={40}
                label={{ value: props.axisLabel, position: "insideBottom", fontSize: 12, fill: "#3d4755" }}
              />
              <YAxis {...categoryAxis} width={150} tick={<LinesTick side="left" />} />
            </>
          )}
          {references.map((r, i) => referenceElement(r, i, columns))}
          <Tooltip content={<BarTooltip />} cursor={{ fill: "rgba(16, 37, 63, 0.06)" }} isAnimationActive={false} />
          <Bar dataKey="value" shape={renderBar} isAnimationActive={false} maxBarSize={64}>
            <ErrorBar dataKey="error" width={6} stroke={INTERVAL_STROKE} strokeWidth={1.6} isAnimationActive={false} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** A baseline as Recharts draws it: a line or band on the value axis, or a band over categories. */
function referenceElement(reference: TReference, index: number, columns: boolean) {
  const fill = REFERENCE_FILLS[index % REFERENCE_FILLS.length]!;
  const onValueAxis = (a: number, b?: number) => (columns ? { y1: a, y2: b } : { x1: a, x2: b });
  if (reference.kind === "line") {
    const at = columns ? { y: reference.value } : { x: reference.value };
    return (
      <ReferenceLine
        key={reference.key}
        {...at}
        stroke={REFERENCE_STROKE}
        strokeDasharray="5 3"
        strokeWidth={1.4}
        ifOverflow="extendDomain"
        label={{ content: (p) => <ReferenceLabel viewBox={p.viewBox} reference={reference} placement={columns ? "right" : "top"} /> }}
      />
    );
  }
  if (reference.kind === "band") {
    return (
      <ReferenceArea
        key={reference.key}
        {...onValueAxis(reference.from, reference.to)}
        ifOverflow="extendDomain"
        shape={referenceAreaShape(reference, fill)}
        label={{ content: (p) => <ReferenceLabel viewBox={p.viewBox} reference={reference} placement={columns ? "right" : "top"} /> }}
      />
    );
  }
  const across = columns ? { x1: reference.first, x2: reference.last } : { y1: reference.first, y2: reference.last };
  return (
    <ReferenceArea
      key={reference.key}
      {...across}
      shape={referenceAreaShape(reference, REFERENCE_FILLS[2])}
      label={{ content: (p) => <ReferenceLabel viewBox={p.viewBox} reference={reference} placement="top" /> }}
    />
  );
}
