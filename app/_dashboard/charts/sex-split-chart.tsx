"use client";
// The male / female split of the cases whose sex is known, as one stacked bar with the male
// share's interval, against the published male:female ratio (a line at its male share).
import { Bar, BarChart, CartesianGrid, ErrorBar, ReferenceLine, ResponsiveContainer, XAxis, YAxis, type BarShapeProps } from "recharts";
import type { TReference } from "@/lib/dashboard/references";
import { formatPercent, formatTick } from "@/lib/format";
import styles from "../dashboard.module.css";
import { DrillMark, LinesTick, ReferenceLabel } from "./chart-parts";
import { GRID_STROKE, INTERVAL_STROKE, REFERENCE_STROKE, SEX_COLOURS } from "./palette";

export type TSexSegment = { key: "male" | "female"; label: string; share: number; description: string; href: string | null };

export type TSexSplitChartProps = {
  summary: string;
  rowLabel: string;
  segments: TSexSegment[];
  /** [share − lower, upper − share] of the male share; null without sex-known cases. */
  maleError: [number, number] | null;
  reference: TReference | null;
  canDrill: boolean;
};

export function SexSplitChart(props: TSexSplitChartProps) {
  const row: Record<string, unknown> = { row: props.rowLabel, maleError: props.maleError };
  for (const segment of props.segments) row[segment.key] = segment.share;
  const shapeOf = (segment: TSexSegment) =>
    function renderSegment(shape: BarShapeProps) {
      if (segment.share <= 0) return <g />;
      return (
        <DrillMark markKey={segment.key} href={segment.href} description={segment.description} canDrill={props.canDrill}>
          <rect
            x={shape.x}
            y={shape.y}
            width={Math.max(0, shape.width)}
            height={Math.max(0, shape.height)}
            fill={SEX_COLOURS[segment.key]}
          />
        </DrillMark>
      );
    };
  const { reference } = props;
  return (
    <div className={styles.chart} data-chart="sex" role="group" aria-label={props.summary}>
      <ResponsiveContainer width="100%" height={150}>
        <BarChart data={[row]} layout="vertical" margin={{ top: 34, right: 24, bottom: 4, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke={GRID_STROKE} horizontal={false} />
          <XAxis
            type="number"
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            tickFormatter={(v: number) => formatTick(v, "percent")}
            height={28}
            fontSize={12}
          />
          <YAxis type="category" dataKey="row" width={96} tickLine={false} tick={<LinesTick side="left" />} />
          {props.segments.map((segment) => (
            <Bar key={segment.key} dataKey={segment.key} stackId="sex" shape={shapeOf(segment)} isAnimationActive={false} maxBarSize={46}>
              {segment.key === "male" && (
                <ErrorBar dataKey="maleError" width={7} stroke={INTERVAL_STROKE} strokeWidth={1.8} isAnimationActive={false} />
              )}
            </Bar>
          ))}
          {reference?.kind === "line" && (
            <ReferenceLine
              x={reference.value}
              stroke={REFERENCE_STROKE}
              strokeDasharray="5 3"
              strokeWidth={1.6}
              label={{ content: (p) => <ReferenceLabel viewBox={p.viewBox} reference={reference} placement="top" /> }}
            />
          )}
        </BarChart>
      </ResponsiveContainer>
      <ul className={styles.legend} aria-hidden="true">
        {props.segments.map((segment) => (
          <li key={segment.key}>
            <span className={styles.swatch} style={{ background: SEX_COLOURS[segment.key] }} />
            {segment.label} {formatPercent(segment.share)}
          </li>
        ))}
      </ul>
    </div>
  );
}
