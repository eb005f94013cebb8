// The page's "Sources": every published baseline the charts and comparisons use, numbered as the
// chart labels cite them, with the figure, population, period, the source's words and citation.
import styles from "./dashboard.module.css";
import { loadSources } from "./load";

export async function SourcesPanel() {
  const sources = await loadSources();
  return (
    <section className={`panel ${styles.sources}`} aria-labelledby="sources-title" id="sources" data-panel="sources">
      <h2 id="sources-title">Sources</h2>
      <p className={styles.lead}>
        Published baselines, as stored in the baseline table. Numbers in brackets on the charts refer to this list.
      </p>
      <ol>
        {sources.map((s) => (
          <li key={s.key} value={s.number} id={`source-${s.number}`} data-source={s.key}>
            <strong>{s.figure}</strong> ({s.metric.replace(/_/g, " ")}) — {s.population}
            {s.period !== "not stated" && `, ${s.period}`}. {s.quote && <q>{s.quote.replace(/\s+\./g, ".").trim()}</q>}{" "}
            <span className={styles.sourceMeta}>{s.citation}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
