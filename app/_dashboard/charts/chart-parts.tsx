"use client";
// Pieces every dashboard chart shares: wrapped category ticks, baseline labels with their citation
// on hover, the tooltip, and the drill-down mark — a keyboard-focusable link to its cases for those
// who may see cases, a focusable described figure for those who may not.
import { useRouter } from "next/navigation";
import type { MouseEvent, ReactElement, ReactNode } from "react";
import { Rectangle, type BarShapeProps } from "recharts";
import type { TBarDatum } from "@/lib/dashboard/bar-data";
import type { TReference } from "@/lib/dashboard/references";
import styles from "../dashboard.module.css";

type TTickProps = { x?: number; y?: number; payload?: { value?: string | number }; textAnchor?: string };

/**
 * A category tick on explicit lines (`\n` in the label), so long category names stack instead
 * of running into their neighbours. Upright bars centre it below; lying bars right-align it.
 */
export function LinesTick({ x = 0, y = 0, payload, side = "bottom" }: TTickProps & { side?: "bottom" | "left" }) {
  const lines = String(payload?.value ?? "").split("\n");
  const left = side === "left";
  const top = left ? y - ((lines.length - 1) * 13) / 2 + 4 : y + 14;
  return (
    <text x={left ? x - 6 : x} y={top} textAnchor={left ? "end" : "middle"} fontSize={11.5} fill="#3d4755">
      {lines.map((line, i) => (
        <tspan key={i} x={left ? x - 6 : x} dy={i === 0 ? 0 : 13}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

type TViewBox = { x?: number; y?: number; width?: number; height?: number };
export type TLabelPlacement = "right" | "top";

/**
 * The label of a baseline line or band, outside the plot (right margin, or above it) so it never
 * sits on a bar; `\n` splits lines. Its <title> is the citation, shown on hover.
 */
export function ReferenceLabel({
  viewBox,
  reference,
  placement,
}: {
  viewBox?: unknown;
  reference: TReference;
  placement: TLabelPlacement;
}) {
  const box = (viewBox ?? {}) as TViewBox;
  const [x0, y0, width, height] = [box.x ?? 0, box.y ?? 0, box.width ?? 0, box.height ?? 0];
  const lines = reference.label.split("\n");
  const right = placement === "right";
  const x = right ? x0 + width + 8 : x0 + width / 2;
  const y = right ? y0 + height / 2 - ((lines.length - 1) * 13) / 2 + 4 : y0 - 8 - (lines.length - 1) * 13;
  return (
    <g className={styles.referenceLabel} data-reference={reference.key}>
      <title>{reference.title}</title>
      <text x={x} y={y} textAnchor={right ? "start" : "middle"} fontSize={11.5} fill="#2f3946">
        {lines.map((line, i) => (
          <tspan key={i} x={x} dy={i === 0 ? 0 : 13}>
            {line}
          </tspan>
        ))}
      </text>
    </g>
  );
}

/** A baseline band's rectangle, carrying the same citation on hover as its label. */
export function referenceAreaShape(reference: TReference, fill: string) {
  function ReferenceAreaShape(props: { x?: number; y?: number; width?: number; height?: number }) {
    return (
      <g data-reference-area={reference.key}>
        <title>{reference.title}</title>
        <Rectangle x={props.x} y={props.y} width={props.width} height={props.height} fill={fill} fillOpacity={0.16} />
      </g>
    );
  }
  return ReferenceAreaShape;
}

type TTooltipProps = { active?: boolean; payload?: readonly { payload?: unknown }[] };

/** Tooltip listing the facts behind the hovered bar (value with interval, counts, denominator). */
export function BarTooltip({ active, payload }: TTooltipProps) {
  const datum = payload?.[0]?.payload as TBarDatum | undefined;
  if (!active || !datum) return null;
  return (
    <div className={styles.tooltip}>
      <strong>{datum.label}</strong>
      {datum.details.map((line) => (
        <div key={line}>{line}</div>
      ))}
    </div>
  );
}

/**
 * A drawn mark (bar or segment): an SVG link to the cases behind it when the viewer may see
 * cases (a real <a>, so Tab reaches it and Enter follows it; a plain click stays a client-side
 * navigation), else a focusable figure that announces its numbers and goes nowhere.
 */
export function DrillMark(props: {
  markKey: string;
  href: string | null;
  description: string;
  canDrill: boolean;
  /** False for dense marks (points of a line) whose table rows carry the keyboard links instead. */
  focusable?: boolean;
  children: ReactNode;
}) {
  const router = useRouter();
  const { href } = props;
  if (props.canDrill && href) {
    const follow = (event: MouseEvent) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey) return; // the browser opens a new tab
      event.preventDefault();
      router.push(href);
    };
    return (
      <a
        href={href}
        onClick={follow}
        tabIndex={props.focusable === false ? -1 : undefined}
        data-bar={props.markKey}
        className={styles.barLink}
        aria-label={`${props.description}. Open these cases`}
      >
        {props.children}
      </a>
    );
  }
  return (
    <g
      data-bar={props.markKey}
      tabIndex={props.focusable === false ? -1 : 0}
      role="img"
      aria-label={props.description}
      className={styles.barFigure}
    >
      {props.children}
    </g>
  );
}

/** Recharts' `shape` for bars of TBarDatum rows; an empty bar (no value, or zero) draws nothing. */
export function barShape(canDrill: boolean, fillOf: (datum: TBarDatum) => string) {
  return function renderBar(props: BarShapeProps): ReactElement {
    const datum = props.payload as TBarDatum;
    if (datum.value === null || datum.value <= 0) return <g />;
    return (
      <DrillMark markKey={datum.key} href={datum.href} description={datum.description} canDrill={canDrill}>
        <Rectangle x={props.x} y={props.y} width={props.width} height={props.height} fill={fillOf(datum)} />
      </DrillMark>
    );
  };
}
