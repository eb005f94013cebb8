// The placeholder a panel shows while its data streams in (one per Suspense boundary).
import styles from "../signals.module.css";

export function PanelSkeleton({ title, lines = 6 }: { title: string; lines?: number }) {
  return (
    <section className="panel" aria-busy="true" aria-label={`${title} (loading)`}>
      <h2>{title}</h2>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className={styles.skeletonLine} style={{ width: `${90 - (i % 3) * 15}%` }} />
      ))}
    </section>
  );
}
