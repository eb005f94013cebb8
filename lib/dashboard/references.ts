// The published baselines as the charts draw them: numbered sources (the page's "Sources" list),
// and reference lines and bands whose label carries the number and whose hover text the citation.
import type { TStoredBaseline } from "@/lib/queries/get-baselines";
import { formatPublishedNumber, formatPublishedPercent } from "@/lib/format";

export type TSource = TStoredBaseline & { number: number; figure: string };

/** A baseline drawn on a chart: a line at a value, or a band on the value axis or over categories. */
export type TReference =
  | { kind: "line"; key: string; value: number; label: string; title: string }
  | { kind: "band"; key: string; from: number; to: number; label: string; title: string }
  | { kind: "categories"; key: string; first: string; last: string; label: string; title: string };

const isProportion = (b: TStoredBaseline) => b.unit === "proportion" || b.unit.startsWith("proportion of");

/** The figure a baseline states, in the unit it is drawn in: "5.6%", "about 10%", "0.02–3.23%", "up to 66.7%". */
export function baselineFigure(b: TStoredBaseline): string {
  const format = (x: number) => (isProportion(b) ? formatPublishedPercent(x) : formatPublishedNumber(x));
  if (b.low !== null && b.high !== null) return `${format(b.low).replace(/%$/, "")}–${format(b.high)}`;
  if (b.value !== null) return b.statement === "about" ? `about ${format(b.value)}` : format(b.value);
  if (b.high !== null) return `up to ${format(b.high)}`;
  if (b.low !== null) return `at least ${format(b.low)}`;
  return "qualitative";
}

/** Every stored baseline, numbered in stored order: the numbers the chart labels cite. */
export function numberSources(baselines: readonly TStoredBaseline[]): TSource[] {
  return baselines.map((b, i) => ({ ...b, number: i + 1, figure: baselineFigure(b) }));
}

/** Hover text: what the figure is, for whom, when, the source's words and the citation. */
export function sourceTitle(s: TSource): string {
  const when = s.period === "not stated" ? "" : `, ${s.period}`;
  const quote = s.quote ? ` “${s.quote.replace(/\s+\./g, ".").trim()}”` : "";
  return `[${s.number}] ${s.figure} — ${s.population}${when}.${quote} Source: ${s.citation}`;
}

type TDraw =
  | { kind: "line"; label?: string; scale?: number }
  | { kind: "band"; label?: string; scale?: number }
  | { kind: "categories"; first: string; last: string; label: string };

/**
 * The reference a chart draws for one stored baseline, or null when the table lacks it (or it
 * has no figure to draw). `scale` converts the stored figure to the chart's axis unit.
 */
export function referenceOf(sources: readonly TSource[], key: string, draw: TDraw): TReference | null {
  const source = sources.find((s) => s.key === key);
  if (!source) return null;
  const title = sourceTitle(source);
  // The source number goes on the first line, where the eye lands.
  const label = (text: string) => text.replace(/^[^\n]*/, (first) => `${first} [${source.number}]`);
  if (draw.kind === "categories") return { kind: "categories", key, first: draw.first, last: draw.last, label: label(draw.label), title };
  const scale = draw.scale ?? 1;
  if (draw.kind === "band") {
    if (source.low === null || source.high === null) return null;
    return { kind: "band", key, from: source.low * scale, to: source.high * scale, label: label(draw.label ?? source.figure), title };
  }
  const value = source.value ?? source.high ?? source.low;
  if (value === null) return null;
  return { kind: "line", key, value: value * scale, label: label(draw.label ?? source.figure), title };
}

export const present = <T>(items: readonly (T | null)[]): T[] => items.filter((item): item is T => item !== null);
