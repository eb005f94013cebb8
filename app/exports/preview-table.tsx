// The export's figures as a table — what the downloads contain, suppression included: a hidden
// count reads "suppressed", a true zero reads 0.
import type { ProportionInterval } from "@/lib/stats";
import type { TAggregatesExport } from "@/lib/exports/build-aggregates-export";
import type { TExportFigures, TExportGroup } from "@/lib/exports/suppress-aggregates";
import styles from "./exports.module.css";
import { MISSING } from "@/lib/format";

const count = new Intl.NumberFormat("en-GB");
const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

function Count({ value }: { value: number | null }) {
  return value === null ? <span className={styles.suppressed}>suppressed</span> : <>{count.format(value)}</>;
}

function Proportion({ value, hidden }: { value: ProportionInterval | null; hidden: boolean }) {
  if (!value) return hidden ? <span className={styles.suppressed}>suppressed</span> : <span className="muted">—</span>;
  return (
    <>
      {percent(value.estimate)}
      <span className={styles.interval}>
        {percent(value.lower)}–{percent(value.upper)}
      </span>
    </>
  );
}

/** Verdict counts at a glance; each baseline, its p-value and citation behind a disclosure. */
function Comparisons({ comparisons }: { comparisons: TExportFigures["comparisons"] }) {
  if (comparisons.length === 0) return <span className="muted">—</span>;
  const counts = new Map<string, number>();
  for (const c of comparisons) counts.set(c.verdict, (counts.get(c.verdict) ?? 0) + 1);
  return (
    <details className={styles.comparisons}>
      <summary>{[...counts].map(([verdict, n]) => `${n} ${verdict}`).join(" · ")}</summary>
      <ul>
        {comparisons.map((c) => (
          <li key={c.baseline}>
            {c.baseline}: <strong>{c.verdict}</strong>{" "}
            {c.pValue === null ? `(${c.reason ?? "not tested"})` : `(p = ${c.pValue.toPrecision(2)})`} — {c.citation}
          </li>
        ))}
      </ul>
    </details>
  );
}

function Row({ label, figures, inner, testId }: { label: string; figures: TExportFigures; inner?: boolean; testId: string }) {
  const hiddenFatality = figures.suppressedFields.some((f) => f === "fatal" || f === "knownOutcome");
  return (
    <tr data-testid={testId} data-suppressed={figures.suppressed ? "true" : undefined}>
      <th scope="row" className={inner ? styles.cellLabel : undefined}>
        {label}
      </th>
      <td className="num">
        <Count value={figures.cases} />
      </td>
      <td className="num">
        <Count value={figures.fatal} />
      </td>
      <td className="num">
        <Count value={figures.knownOutcome} />
      </td>
      <td className="num">
        <Proportion value={figures.caseFatality} hidden={hiddenFatality} />
      </td>
      <td className="num">
        {/* The whole is 100% of itself: no share, and no interval around it. */}
        {testId === "row-total" ? MISSING : <Proportion value={figures.share} hidden={figures.suppressed} />}
      </td>
      <td>
        <Comparisons comparisons={figures.comparisons} />
      </td>
    </tr>
  );
}

export function PreviewTable({ data }: { data: TAggregatesExport }) {
  const rows: { label: string; figures: TExportFigures; inner?: boolean; testId: string }[] = [
    { label: "All cases", figures: data.total, testId: "row-total" },
  ];
  const add = (group: TExportGroup, prefix = "") =>
    rows.push({ label: group.label, figures: group, inner: prefix !== "", testId: `row-${prefix}${group.key}` });
  for (const group of data.groups) {
    add(group);
    for (const cell of group.groups ?? []) add(cell, `${group.key}.`);
  }
  return (
    <div className={styles.scroll}>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col" className="num">
              Cases
            </th>
            <th scope="col" className="num">
              Fatal
            </th>
            <th scope="col" className="num">
              Known outcome
            </th>
            <th scope="col" className="num">
              Case fatality (95% CI)
            </th>
            <th scope="col" className="num">
              Share (95% CI)
            </th>
            <th scope="col">Baseline comparisons</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <Row key={r.testId} {...r} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
