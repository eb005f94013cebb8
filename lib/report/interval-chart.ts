// Pure: the report's interval charts as inline SVG (vector graphics in the printed PDF). For each
// category of a breakdown, two panels on percent axes: the share of the period's cases and the
// case fatality, each a point with its 95% interval as a whisker; case fatality also shows the
// cumulative figure (hollow marker) under the period's, so a change stands out.
import type { ProportionInterval } from "@/lib/stats";

export type TIntervalRow = {
  label: string;
  share: ProportionInterval | null;
  fatality: ProportionInterval | null;
  cumulativeFatality: ProportionInterval | null;
};

const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

export const LAYOUT = { labelWidth: 150, panelWidth: 230, gap: 40, rowHeight: 22, top: 34, bottom: 22, right: 10 };

/** The axis end: the largest upper bound rounded up to a 10% step (at least 10%, at most 100%). */
export function axisMax(intervals: readonly (ProportionInterval | null)[]): number {
  const upper = Math.max(0, ...intervals.map((i) => i?.upper ?? 0));
  return Math.min(1, Math.max(0.1, Math.ceil(upper * 10 - 1e-9) / 10));
}

/** x of a proportion on a panel starting at `left` with axis end `max`. */
export const xOf = (value: number, left: number, max: number) => left + (Math.min(value, max) / max) * LAYOUT.panelWidth;

function axis(left: number, max: number, bottomY: number, title: string): string {
  const steps = Math.round(max * 10);
  const every = steps > 5 ? 2 : 1;
  const ticks: string[] = [];
  for (let s = 0; s <= steps; s += every) {
    const x = xOf(s / 10, left, max).toFixed(1);
    ticks.push(
      `<line x1="${x}" y1="${LAYOUT.top - 6}" x2="${x}" y2="${bottomY}" stroke="#d5dbe2" stroke-width="0.6"/>` +
        `<text x="${x}" y="${bottomY + 12}" text-anchor="middle" fill="#555">${s * 10}%</text>`,
    );
  }
  return `<text x="${left}" y="12" font-weight="bold">${esc(title)}</text>${ticks.join("")}`;
}

function whisker(
  interval: ProportionInterval | null,
  left: number,
  max: number,
  y: number,
  marker: "dot" | "square",
  colour: string,
): string {
  if (!interval) return "";
  const [x1, x2, x] = [interval.lower, interval.upper, interval.estimate].map((v) => xOf(v, left, max).toFixed(1));
  const line = `<line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}" stroke="${colour}" stroke-width="1.4"/>`;
  const caps = [x1, x2]
    .map((cx) => `<line x1="${cx}" y1="${y - 3}" x2="${cx}" y2="${y + 3}" stroke="${colour}" stroke-width="1.2"/>`)
    .join("");
  const point =
    marker === "dot"
      ? `<circle cx="${x}" cy="${y}" r="3.2" fill="${colour}"/>`
      : `<rect x="${(Number(x) - 3).toFixed(1)}" y="${y - 3}" width="6" height="6" fill="#fff" stroke="${colour}" stroke-width="1.2"/>`;
  return line + caps + point;
}

/** One chart for a breakdown; `title` names it for screen readers and the PDF's text layer. */
export function intervalChartSvg(title: string, rows: readonly TIntervalRow[]): string {
  const { labelWidth, panelWidth, gap, rowHeight, top, bottom, right } = LAYOUT;
  const shareLeft = labelWidth;
  const fatalityLeft = labelWidth + panelWidth + gap;
  const shareMax = axisMax(rows.map((r) => r.share));
  const fatalityMax = axisMax(rows.flatMap((r) => [r.fatality, r.cumulativeFatality]));
  const bottomY = top + rows.length * rowHeight;
  const width = fatalityLeft + panelWidth + right;
  const height = bottomY + bottom + 14;
  const body = rows.map((r, i) => {
    const y = top + i * rowHeight + rowHeight / 2;
    const none = (left: number) => `<text x="${left + 4}" y="${y + 4}" fill="#777">no estimate</text>`;
    return (
      `<text x="${labelWidth - 8}" y="${y + 4}" text-anchor="end">${esc(r.label)}</text>` +
      (r.share ? whisker(r.share, shareLeft, shareMax, y, "dot", "#1f5f8f") : none(shareLeft)) +
      (r.fatality || r.cumulativeFatality
        ? whisker(r.fatality, fatalityLeft, fatalityMax, y - 3, "dot", "#a33b2a") +
          whisker(r.cumulativeFatality, fatalityLeft, fatalityMax, y + 4, "square", "#6b6b6b")
        : none(fatalityLeft))
    );
  });
  const legendY = height - 4;
  const legend =
    `<circle cx="${fatalityLeft + 4}" cy="${legendY - 4}" r="3" fill="#a33b2a"/><text x="${fatalityLeft + 11}" y="${legendY}">this period</text>` +
    `<rect x="${fatalityLeft + 82}" y="${legendY - 7}" width="6" height="6" fill="#fff" stroke="#6b6b6b"/><text x="${fatalityLeft + 92}" y="${legendY}">cumulative</text>` +
    `<text x="${shareLeft}" y="${legendY}" fill="#555">points: estimate; whiskers: 95% interval</text>`;
  return (
    `<svg class="chart interval-chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="100%" font-size="10" font-family="sans-serif">` +
    `<title>${esc(title)}</title>` +
    `<desc>${esc(rows.map((r) => `${r.label}: share ${intervalText(r.share)}; case fatality ${intervalText(r.fatality)}, cumulative ${intervalText(r.cumulativeFatality)}`).join(". "))}</desc>` +
    axis(shareLeft, shareMax, bottomY, "Share of the period's cases (95% CI)") +
    axis(fatalityLeft, fatalityMax, bottomY, "Case fatality (95% CI)") +
    body.join("") +
    legend +
    `</svg>`
  );
}

/** An interval as text, for the chart's description (read by screen readers). */
const intervalText = (i: ProportionInterval | null) => (i ? `${pct(i.estimate)} (${pct(i.lower)}–${pct(i.upper)})` : "no estimate");
