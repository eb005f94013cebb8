// Pure mappers from the aggregates answer to the serialisable rows a bar chart island draws:
// value, interval (as ErrorBar offsets), the counts behind it, its drill-down link and the
// sentence a screen reader announces for the bar. Shared by every bar panel.
import type { TAggregateGroup } from "@/lib/queries/aggregates/types";
import { formatCount, formatEstimate, formatValue, type TValueFormat } from "@/lib/format";

/** Colour role of a bar; the palette maps it (fatal and unknown stand out from the rest). */
export type TBarTone = "default" | "fatal" | "unknown" | "highlight";

export type TBarDatum = {
  key: string;
  label: string;
  /** The name on the category axis (short, "\n" for line breaks); `label` everywhere else. */
  axisLabel: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** [value − lower, upper − value] for Recharts' ErrorBar; null draws no whisker. */
  error: [number, number] | null;
  /** One line per fact for the tooltip (the counts and denominator behind the value). */
  details: string[];
  /** What the bar says, read aloud on focus. */
  description: string;
  href: string | null;
  tone: TBarTone;
};

type TInterval = { estimate: number; lower: number; upper: number } | null;

export function intervalDatum(input: {
  key: string;
  label: string;
  axisLabel?: string;
  interval: TInterval;
  format: TValueFormat;
  measure: string;
  details: string[];
  href: string | null;
  tone?: TBarTone;
}): TBarDatum {
  const { interval } = input;
  const value = interval?.estimate ?? null;
  const described = interval ? formatEstimate(interval, input.format) : "not available";
  return {
    key: input.key,
    label: input.label,
    axisLabel: input.axisLabel ?? input.label,
    value,
    lower: interval?.lower ?? null,
    upper: interval?.upper ?? null,
    error: interval ? [Math.max(0, interval.estimate - interval.lower), Math.max(0, interval.upper - interval.estimate)] : null,
    details: [`${input.measure}: ${described}`, ...input.details],
    description: `${input.label}: ${input.measure.toLowerCase()} ${described}; ${input.details.join("; ")}`,
    href: input.href,
    tone: input.tone ?? "default",
  };
}

/** A group's share of the cases (with its interval), with the count behind it. */
export function shareDatum(
  group: TAggregateGroup,
  total: number | null,
  href: string | null,
  tone?: TBarTone,
  axisLabel?: string,
): TBarDatum {
  return intervalDatum({
    key: group.key,
    label: group.label,
    axisLabel,
    interval: (group.cases ?? 0) > 0 ? group.share : null,
    format: "percent",
    measure: "Share of cases",
    details: [`${formatCount(group.cases)} of ${formatCount(total)} cases`],
    href: (group.cases ?? 0) > 0 ? href : null,
    tone,
  });
}

/** A group's case fatality: fatal / known outcome, with its interval. */
export function caseFatalityDatum(group: TAggregateGroup, href: string | null, axisLabel?: string): TBarDatum {
  return intervalDatum({
    key: group.key,
    label: group.label,
    axisLabel,
    interval: group.caseFatality,
    format: "percent",
    measure: "Case fatality",
    details: [
      `${formatCount(group.fatal)} fatal of ${formatCount(group.knownOutcome)} with a known outcome`,
      `${formatCount(group.cases)} cases`,
    ],
    href: (group.cases ?? 0) > 0 ? href : null,
  });
}

/** A group's rate per 100,000 person-years (reporting rate or incidence), or no bar (with the engine's reason). */
export function incidenceDatum(group: TAggregateGroup, href: string | null, axisLabel?: string): TBarDatum {
  const { rate } = group;
  const kind = rate?.kind === "incidence" ? "Incidence" : "Reporting rate";
  const synthetic = rate?.exposureSources.some((s) => s.synthetic) ? " (synthetic exposure)" : "";
  return intervalDatum({
    key: group.key,
    label: group.label,
    axisLabel,
    interval: rate ? { estimate: rate.per100kPersonYears, lower: rate.lower, upper: rate.upper } : null,
    format: "rate",
    measure: `${kind} per 100,000 person-years${synthetic}`,
    details: rate
      ? [
          `${formatCount(rate.cases)} cases in ${formatCount(Math.round(rate.personYears))} person-years`,
          `exposure: ${rate.exposureSources.map((s) => s.source).join("; ")}`,
        ]
      : [group.rateReason ?? "no exposure"],
    href: rate && (group.cases ?? 0) > 0 ? href : null,
  });
}

export const valueText = (d: TBarDatum, format: TValueFormat) => formatValue(d.value, format);
