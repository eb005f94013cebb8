// Pure: a chart's value axis, from zero to a round maximum with a few round ticks, so every
// chart's ticks read alike and the baselines it draws are always inside the axis.

/**
 * A value axis from 0 with 4–6 round ticks that leaves the highest mark (or baseline) some
 * headroom: the explicit ticks keep Recharts from choosing odd steps like 0.15 or 60% for 41%.
 */
export function niceScale(values: readonly number[], floor = 0): { max: number; ticks: number[] } {
  const top = Math.max(floor, ...values.filter((v) => Number.isFinite(v))) * 1.06;
  if (top <= 0) return { max: 1, ticks: [0, 0.25, 0.5, 0.75, 1] };
  const magnitude = 10 ** Math.floor(Math.log10(top / 6));
  const step = [1, 2, 2.5, 5, 10, 20].map((s) => s * magnitude).find((s) => Math.ceil(top / s) <= 6) ?? top;
  const count = Math.ceil(top / step);
  // Rounded to the step's precision, so 0.30000000000000004 reads and compares as 0.3.
  const ticks = Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  return { max: ticks[ticks.length - 1]!, ticks };
}
