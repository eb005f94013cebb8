// /analyses/<id> — a saved analysis reopened: where its view opens, and when frozen, the frozen
// numbers beside today's with the difference (a damaged stored form is reported, not recomputed),
// and the frozen exports, byte for byte as when frozen apart from their timestamp.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/lib/auth/page-guard";
import { AGGREGATE_READERS, ROLE_LABELS } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { KIND_LABELS } from "@/lib/analyses/analysis-schema";
import type { TCompareRow, TComparison } from "@/lib/analyses/compare-frozen";
import type { TFrozenResult } from "@/lib/analyses/frozen-schema";
import { openAnalysis, type TOpenedAnalysis } from "@/lib/analyses/get-analysis";
import { AnalysisActions } from "../_components/analysis-actions";
import styles from "../analyses.module.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Saved analysis · NMS Watch" };

type TParams = Promise<{ id: string }>;

export default async function AnalysisPage({ params }: { params: TParams }) {
  const { id } = await params;
  const principal = await requirePageRole(AGGREGATE_READERS, `/analyses/${id}`);
  let opened: TOpenedAnalysis;
  try {
    opened = await openAnalysis(id, principal);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    if (error instanceof AppError && error.code === "forbidden")
      return (
        <section className="panel" role="alert">
          <h1>Saved analysis</h1>
          <p className="error">{error.message}</p>
        </section>
      );
    throw error;
  }
  const { analysis, frozen } = opened;
  return (
    <>
      <p>
        <Link href="/analyses">← Saved analyses</Link>
      </p>
      <h1>{analysis.name}</h1>
      {analysis.description && <p>{analysis.description}</p>}
      <section className="panel" aria-labelledby="about">
        <h2 id="about">{KIND_LABELS[analysis.kind]} view</h2>
        <dl className={styles.facts}>
          <div>
            <dt>Query</dt>
            <dd>
              <code>{analysis.query || "(defaults)"}</code>
            </dd>
          </div>
          <div>
            <dt>Saved by</dt>
            <dd>{analysis.mine ? "me" : analysis.owner}</dd>
          </div>
          <div>
            <dt>Who may open it</dt>
            <dd>{analysis.sharedWith ? `${ROLE_LABELS[analysis.sharedWith]}s` : "Only the owner"}</dd>
          </div>
        </dl>
        <div className={styles.actions}>
          <Link href={analysis.openUrl} data-testid="open-view">
            Open the live view
          </Link>
          {analysis.canChange && <AnalysisActions id={analysis.id} name={analysis.name} afterDelete="/analyses" />}
        </div>
      </section>
      {frozen.status === "invalid" && (
        <section className="panel" role="alert" data-testid="frozen-invalid">
          <h2>The frozen result cannot be shown</h2>
          <p className="error">{frozen.message}</p>
          <ul>
            {frozen.issues.map((i) => (
              <li key={`${i.path}:${i.message}`}>
                <code>{i.path}</code> {i.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {frozen.status === "ok" && <Frozen id={analysis.id} result={frozen.result} today={frozen.today} comparison={frozen.comparison} />}
      {frozen.status === "none" && <p className="muted">This analysis was saved without freezing: it opens with today&apos;s numbers.</p>}
    </>
  );
}

function Frozen({ id, result, today, comparison }: { id: string; result: TFrozenResult; today: TFrozenResult; comparison: TComparison }) {
  const sections = [...new Set(comparison.rows.map((r) => r.section))];
  const titles = new Map(result.kind === "signals" ? [] : result.sections.map((s) => [s.key, s.title]));
  return (
    <section className="panel" aria-labelledby="frozen">
      <h2 id="frozen">Frozen numbers and today&apos;s</h2>
      <dl className={styles.facts}>
        <div>
          <dt>Frozen at</dt>
          <dd data-testid="frozen-at">{result.frozenAt}</dd>
        </div>
        <div>
          <dt>Data version then · now</dt>
          <dd data-testid="data-versions">
            {result.dataVersion} · {today.dataVersion}
          </dd>
        </div>
        <div>
          <dt>App version then · now</dt>
          <dd>
            {result.appVersion} · {today.appVersion}
          </dd>
        </div>
        <div>
          <dt>Figures changed</dt>
          <dd data-testid="changed-count">{comparison.changed}</dd>
        </div>
      </dl>
      {result.audience.kind === "researcher" && (
        <p className="muted">
          Counts are protected and small cells suppressed, as in your exports (a suppressed figure reads “suppressed”).
        </p>
      )}
      {result.kind !== "signals" && (
        <div className={styles.actions}>
          {result.sections.map((s) => (
            <span key={s.key}>
              {s.title}:{" "}
              <a href={`/api/v1/analyses/${id}/export.csv?section=${s.key}`} download data-testid={`frozen-csv-${s.key}`}>
                CSV
              </a>{" "}
              ·{" "}
              <a href={`/api/v1/analyses/${id}/export.json?section=${s.key}`} download>
                JSON
              </a>
            </span>
          ))}
        </div>
      )}
      {sections.map((section, index) => (
        <details key={section} open={index === 0} data-testid={`compare-${section}`}>
          <summary>
            <strong>{titles.get(section) ?? section}</strong>
          </summary>
          <CompareTable rows={comparison.rows.filter((r) => r.section === section)} />
        </details>
      ))}
    </section>
  );
}

const MEASURE_LABELS: Record<string, string> = {
  cases: "Cases",
  fatal: "Deaths",
  caseFatality: "Case fatality",
  a: "Reports (a)",
  ror: "ROR",
  ror025: "ROR lower 95%",
  ic025: "IC025",
  eb05: "EB05",
};

function format(measure: string, value: number | null, difference = false): string {
  if (value === null) return difference ? "—" : "suppressed / none";
  const sign = difference && value > 0 ? "+" : "";
  // A difference in percentage points to two decimals, so a small change does not read as none.
  if (measure === "caseFatality") return difference ? `${sign}${(value * 100).toFixed(2)} pts` : `${(value * 100).toFixed(1)}%`;
  if (Number.isInteger(value)) return `${sign}${value.toLocaleString("en")}`;
  return `${sign}${value.toPrecision(4)}`;
}

function CompareTable({ rows }: { rows: TCompareRow[] }) {
  return (
    <div className={styles.scroll}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Row</th>
            <th>Figure</th>
            <th className={styles.number}>Frozen</th>
            <th className={styles.number}>Today</th>
            <th className={styles.number}>Difference</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={`${r.key}:${r.measure}`}
              className={r.frozen !== r.today ? styles.changed : undefined}
              data-row={`${r.key}:${r.measure}`}
            >
              <td>{r.label}</td>
              <td>{MEASURE_LABELS[r.measure] ?? r.measure}</td>
              <td className={styles.number} data-testid="frozen-value">
                {format(r.measure, r.frozen)}
              </td>
              <td className={styles.number} data-testid="today-value">
                {format(r.measure, r.today)}
              </td>
              <td className={styles.number} data-testid="difference">
                {format(r.measure, r.difference, true)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
