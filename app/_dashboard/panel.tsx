// The frame every overview panel shares: heading, lead text, its own error boundary and Suspense
// boundary with a skeleton the size of the chart, and the empty state.
import { Suspense, type ReactNode } from "react";
import styles from "./dashboard.module.css";
import { PanelBoundary } from "./panel-boundary";

type TFrame = { id: string; title: string; wide?: boolean };

export function Panel({ id, title, wide, lead, children }: TFrame & { lead?: ReactNode; children: ReactNode }) {
  return (
    <section className={`panel ${wide ? styles.wide : ""}`} aria-labelledby={`${id}-title`} data-panel={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {lead && <p className={styles.lead}>{lead}</p>}
      {children}
    </section>
  );
}

export function PanelSkeleton({ id, title, wide, height = 280 }: TFrame & { height?: number }) {
  return (
    <section
      className={`panel ${wide ? styles.wide : ""}`}
      aria-busy="true"
      aria-label={`${title} (loading)`}
      data-panel={id}
      data-panel-state="loading"
    >
      <h2>{title}</h2>
      <div className={styles.skeletonLine} style={{ width: "60%" }} />
      <div className={styles.skeletonBlock} style={{ height }} />
    </section>
  );
}

/** Error boundary outside, Suspense inside: a panel fails or loads on its own. */
export function PanelSlot({ children, height, ...frame }: TFrame & { height?: number; children: ReactNode }) {
  return (
    <PanelBoundary title={frame.title}>
      <Suspense fallback={<PanelSkeleton {...frame} height={height} />}>{children}</Suspense>
    </PanelBoundary>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <div className={styles.empty} data-panel-state="empty">
      {children}
    </div>
  );
}
