// The review queue: one link per pair (highest score first), the selected one marked.
import Link from "next/link";
import type { TDuplicatePair } from "@/lib/queries/find-duplicate-pairs";
import styles from "../duplicates.module.css";

export function PairQueue({ pairs, selected, status }: { pairs: TDuplicatePair[]; selected: string | null; status: string }) {
  if (pairs.length === 0) return <p className="muted">No pairs with this status.</p>;
  return (
    <ol className={styles.queue} aria-label="Pairs" data-testid="duplicate-queue">
      {pairs.map((p) => (
        <li key={p.id}>
          <Link href={`/duplicates?status=${status}&pair=${p.id}`} aria-current={p.id === selected ? "true" : undefined}>
            <span className={styles.score} title="Match weight in bits">
              {p.score.toFixed(1)}
            </span>
            <span className={styles.ids}>
              {p.cases[0].source} {p.cases[0].sourceId}
            </span>
            <span className={styles.ids}>
              {p.cases[1].source} {p.cases[1].sourceId}
            </span>
          </Link>
        </li>
      ))}
    </ol>
  );
}
