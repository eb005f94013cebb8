"use client";
// Forest plot of the ROR with its 95% interval per drug on a log axis (ratios are symmetric in
// log space), one labelled row per drug; a different marker, not only colour, marks a signal.
import { CartesianGrid, ErrorBar, Legend, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import type { TSignalRow } from "@/lib/queries/signals/score-tables";
import styles from "../signals.module.css";
import { formatInterval, formatTick } from "./format";
import { logDomain, logTicks } from "./log-ticks";

type TPoint = { y: number; key: string; label: string; ror: number; lower: number; upper: number; error: [number, number]; text: string };
const SERIES = {
  signal: { name: "Signal: lower 95% limit above the threshold", fill: "#b3261e", shape: "diamond" as const },
  none: { name: "No signal", fill: "#3a78b8", shape: "circle" as const },
};
const ROW_HEIGHT = 24;

export function RorForestPlot({ rows }: { rows: TSignalRow[] }) {
  const plotted = rows
    .filter((r) => r.ror.estimate !== null && r.ror.lower !== null && r.ror.upper !== null && r.ror.estimate > 0)
    .sort((x, y) => y.ror.estimate! - x.ror.estimate! || x.label.localeCompare(y.label));
  const left = rows.filter((r) => !plotted.includes(r));
  if (plotted.length === 0) return <p className="muted">No drug has an ROR with an interval (every table has a zero cell).</p>;

  const points = plotted.map((r, y): TPoint & { signal: boolean } => ({
    y,
    key: r.key,
    label: r.label,
    ror: r.ror.estimate!,
    lower: r.ror.lower!,
    upper: r.ror.upper!,
    error: [r.ror.estimate! - r.ror.lower!, r.ror.upper! - r.ror.estimate!],
    text: formatInterval(r.ror),
    signal: r.flags.ror === true,
  }));
  const domain = logDomain(Math.min(...points.map((p) => p.lower)), Math.max(...points.map((p) => p.upper)));
  const labels = points.map((p) => p.label);
  const height = 100 + ROW_HEIGHT * points.length;

  return (
    <figure className={styles.figure} data-testid="ror-forest-plot" data-points={points.length}>
      <ScatterChart responsive style={{ width: "100%", height }} margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis
          type="number"
          dataKey="ror"
          name="ROR"
          scale="log"
          domain={domain}
          ticks={logTicks(domain)}
          allowDataOverflow
          tickFormatter={formatTick}
          label={{ value: "Reporting odds ratio, 95% CI (log scale)", position: "insideBottom", offset: 0 }}
          height={48}
        />
        <YAxis
          type="number"
          dataKey="y"
          name="Drug"
          domain={[-0.5, points.length - 0.5]}
          ticks={points.map((p) => p.y)}
          interval={0}
          reversed
          width={150}
          tickFormatter={(i: number) => labels[i] ?? ""}
        />
        <ReferenceLine x={1} stroke="#1c2430" strokeDasharray="4 3" />
        <Tooltip
          cursor={false}
          content={({ active, payload }) => {
            const p = active ? (payload?.[0]?.payload as TPoint | undefined) : undefined;
            return p ? (
              <div className={styles.tooltip}>
                <strong>{p.label}</strong>
                <br />
                ROR {p.text}
              </div>
            ) : null;
          }}
        />
        <Legend verticalAlign="top" height={32} />
        {(["signal", "none"] as const).map((kind) => (
          <Scatter
            key={kind}
            name={SERIES[kind].name}
            data={points.filter((p) => p.signal === (kind === "signal"))}
            fill={SERIES[kind].fill}
            shape={SERIES[kind].shape}
            legendType={SERIES[kind].shape}
            isAnimationActive={false}
          >
            <ErrorBar dataKey="error" direction="x" width={4} stroke={SERIES[kind].fill} strokeWidth={1.5} isAnimationActive={false} />
          </Scatter>
        ))}
      </ScatterChart>
      <figcaption className="muted">
        Dashed line: ROR = 1, no disproportion. Drugs ordered by ROR.
        {left.length > 0 && ` Not plotted (no interval): ${notPlotted(left)}`}
      </figcaption>
    </figure>
  );
}

/** "Zero cell … no interval: Drug A, Drug B. Other reason: Drug C." — each reason said once. */
function notPlotted(rows: readonly TSignalRow[]): string {
  const byReason = new Map<string, string[]>();
  for (const r of rows) {
    const reason = r.ror.reason ?? "No ROR.";
    byReason.set(reason, [...(byReason.get(reason) ?? []), r.label]);
  }
  return [...byReason].map(([reason, labels]) => `${reason.replace(/\.$/, "")}: ${labels.join(", ")}.`).join(" ");
}
