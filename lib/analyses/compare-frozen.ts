// Pure: a frozen result beside the same view computed today, figure by figure, with the
// difference (today − frozen). A figure suppressed on either side has no difference.
import type { TExportFigures, TExportGroup } from "@/lib/exports/suppress-aggregates";
import type { TSignalReport } from "@/lib/queries/get-signal-tables";
import type { TFrozenResult, TFrozenSection } from "./frozen-schema";

type TCompareValue = number | null;
export type TCompareRow = {
  /** Section key (a dashboard breakdown, "export" or "drugs"/"classes" for signals). */
  section: string;
  /** The row within the section: "total", a group key, or "group/cell". */
  key: string;
  label: string;
  measure: string;
  frozen: TCompareValue;
  today: TCompareValue;
  difference: TCompareValue;
};
export type TComparison = { frozenVersion: string; todayVersion: string; changed: number; rows: TCompareRow[] };

type TFigureRow = { key: string; label: string; figures: TExportFigures };

function figureRows(section: TFrozenSection): TFigureRow[] {
  const data = section.export;
  const rows: TFigureRow[] = [{ key: "total", label: "All cases", figures: data.total }];
  const walk = (groups: readonly TExportGroup[], prefix: string, labelPrefix: string) => {
    for (const g of groups) {
      rows.push({ key: `${prefix}${g.key}`, label: `${labelPrefix}${g.label}`, figures: g });
      if (g.groups) walk(g.groups, `${prefix}${g.key}/`, `${labelPrefix}${g.label} · `);
    }
  };
  walk(data.groups, "", "");
  return rows;
}

const AGGREGATE_MEASURES: { measure: string; of: (f: TExportFigures) => TCompareValue }[] = [
  { measure: "cases", of: (f) => f.cases },
  { measure: "fatal", of: (f) => f.fatal },
  { measure: "caseFatality", of: (f) => f.caseFatality?.estimate ?? null },
];

type TSignalRowShape = TSignalReport["drugs"][number];
const SIGNAL_MEASURES: { measure: string; of: (r: TSignalRowShape) => TCompareValue }[] = [
  { measure: "a", of: (r) => r.a },
  { measure: "ror", of: (r) => r.ror.estimate },
  { measure: "ror025", of: (r) => r.ror.lower },
  { measure: "ic025", of: (r) => r.ic.lower },
  { measure: "eb05", of: (r) => r.ebgm.lower },
];

const diff = (frozen: TCompareValue, today: TCompareValue) => (frozen === null || today === null ? null : today - frozen);

function pair<T extends { key: string; label: string }>(
  section: string,
  frozen: readonly T[],
  today: readonly T[],
  measures: { measure: string; of: (r: T) => TCompareValue }[],
): TCompareRow[] {
  const todayByKey = new Map(today.map((r) => [r.key, r]));
  const seen = new Set<string>();
  const rows: TCompareRow[] = [];
  for (const f of frozen) {
    seen.add(f.key);
    const t = todayByKey.get(f.key);
    for (const m of measures) {
      const a = m.of(f);
      const b = t ? m.of(t) : null;
      rows.push({ section, key: f.key, label: f.label, measure: m.measure, frozen: a, today: b, difference: diff(a, b) });
    }
  }
  // A row only today has (a new category): shown with nothing frozen beside it.
  for (const t of today.filter((r) => !seen.has(r.key)))
    for (const m of measures)
      rows.push({ section, key: t.key, label: t.label, measure: m.measure, frozen: null, today: m.of(t), difference: null });
  return rows;
}

export function compareFrozen(frozen: TFrozenResult, today: TFrozenResult): TComparison {
  const rows: TCompareRow[] = [];
  if (frozen.kind === "signals" && today.kind === "signals") {
    rows.push(...pair("drugs", frozen.signals.drugs, today.signals.drugs, SIGNAL_MEASURES));
    rows.push(...pair("classes", frozen.signals.classes, today.signals.classes, SIGNAL_MEASURES));
  } else if (frozen.kind !== "signals" && today.kind !== "signals") {
    const todaySections = new Map(today.sections.map((s) => [s.key, s]));
    for (const section of frozen.sections) {
      const now = todaySections.get(section.key);
      const f = figureRows(section).map((r) => ({ key: r.key, label: r.label, figures: r.figures }));
      const t = now ? figureRows(now) : [];
      rows.push(
        ...pair(
          section.key,
          f,
          t,
          AGGREGATE_MEASURES.map((m) => ({ measure: m.measure, of: (r: TFigureRow) => m.of(r.figures) })),
        ),
      );
    }
  }
  const changed = rows.filter((r) => r.frozen !== r.today).length;
  return { frozenVersion: frozen.dataVersion, todayVersion: today.dataVersion, changed, rows };
}
