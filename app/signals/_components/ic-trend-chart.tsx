"use client";
// Cumulative IC025 per period for one drug (chosen in the URL, `trend=`), with the IC itself and
// the signal threshold: the period where IC025 first crosses it is when the signal appeared.
import { useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { TTrend } from "@/lib/queries/signals/build-trend";
import styles from "../signals.module.css";
import { formatNumber, formatTick } from "./format";

const SERIES = [
  { key: "ic025", name: "IC025 (cumulative)", stroke: "#0b5cad", dash: undefined, dot: true },
  { key: "ic", name: "IC (cumulative)", stroke: "#5b6675", dash: "5 4", dot: false },
] as const;

export function IcTrendChart(props: { trend: TTrend | null; drugs: { key: string; label: string }[]; threshold: number }) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const choose = (key: string) => {
    const next = new URLSearchParams(searchParams.toString());
    next.set("trend", key);
    // The trend is computed on the server: a navigation, kept out of the history like sorting.
    startTransition(() => router.replace(`?${next.toString()}`, { scroll: false }));
  };
  const data = (props.trend?.points ?? []).map((p) => ({
    period: p.period,
    ic025: p.ic.lower,
    ic: p.ic.estimate,
    a: p.a,
    expected: p.expected,
  }));
  const ticks = integerTicks([0, props.threshold, ...data.flatMap((d) => [d.ic025, d.ic]).filter((v): v is number => v !== null)]);

  return (
    <div aria-busy={pending}>
      <label className={styles.inlineField}>
        Drug{" "}
        <select value={props.trend?.key ?? ""} onChange={(e) => choose(e.target.value)} data-testid="trend-drug">
          {props.trend === null && <option value="">Choose a drug</option>}
          {props.drugs.map((d) => (
            <option key={d.key} value={d.key}>
              {d.label}
            </option>
          ))}
        </select>
        {pending && <span className="muted"> loading…</span>}
      </label>
      {props.trend && (
        <figure className={styles.figure} data-testid="ic-trend-chart" data-points={data.length}>
          <LineChart responsive data={data} style={{ width: "100%", height: 280 }} margin={{ top: 8, right: 24, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="period" padding={{ left: 24, right: 24 }} />
            <YAxis domain={[ticks[0]!, ticks.at(-1)!]} ticks={ticks} width={44} tickFormatter={formatTick} />
            <ReferenceLine y={0} stroke="#1c2430" label={{ value: "IC = 0", position: "insideBottomRight", fontSize: 11 }} />
            {props.threshold !== 0 && (
              <ReferenceLine
                y={props.threshold}
                stroke="#b3261e"
                strokeDasharray="4 3"
                label={{ value: `threshold ${formatNumber(props.threshold)}`, position: "insideTopRight", fontSize: 11 }}
              />
            )}
            <Tooltip formatter={(v) => (typeof v === "number" ? formatNumber(v) : String(v))} />
            <Legend verticalAlign="top" height={28} />
            {SERIES.map((s) => (
              <Line
                key={s.key}
                type="linear"
                dataKey={s.key}
                name={s.name}
                stroke={s.stroke}
                strokeDasharray={s.dash}
                dot={s.dot}
                strokeWidth={2}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
          <figcaption className="muted">
            {props.trend.label}: IC (log2 of observed over expected, shrunk) after each period, counting that period and every earlier one.
            IC025 above {formatNumber(props.threshold)} is a signal.
          </figcaption>
        </figure>
      )}
    </div>
  );
}

/** Whole-number ticks spanning the values (and 0), every 1, 2 or 5 so there are at most ~8. */
function integerTicks(values: number[]): number[] {
  const low = Math.floor(Math.min(...values));
  const high = Math.max(Math.ceil(Math.max(...values)), low + 1);
  const step = [1, 2, 5, 10].find((s) => (high - low) / s <= 8) ?? 20;
  const ticks: number[] = [];
  for (let v = Math.floor(low / step) * step; v < high + step; v += step) ticks.push(v);
  return ticks;
}
