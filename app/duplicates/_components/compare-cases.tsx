// The two reports of a pair side by side: one row per compared field, rows that differ
// highlighted, and each field's weight in the score (bits; + for, − against, blank when missing).
import Link from "next/link";
import { BOOLEAN_FIELD_LABELS, REPORTER_TYPE_LABELS } from "@/lib/domain/case-field-labels";
import { OUTCOME_LABELS, SEX_LABELS } from "@/lib/domain/vocabulary";
import { formatDate, formatYesNo, MISSING } from "@/lib/format";
import type { TCaseView } from "@/lib/queries/get-case";
import { MATCH_FLAGS, type TScoreField, type TScoreParts } from "@/lib/stats/record-linkage";
import styles from "../duplicates.module.css";

type TRow = { label: string; value: (c: TCaseView) => string; field?: TScoreField };

const drugsOf = (c: TCaseView, role: "attributing" | "concomitant") =>
  c.drugs
    .filter((d) => (role === "concomitant") === (d.role === "concomitant"))
    .map((d) => (d.catalogue && d.catalogue.name !== d.name.toLowerCase() ? `${d.name} (${d.catalogue.name})` : d.name))
    .join(", ") || MISSING;
const dosesOf = (c: TCaseView) =>
  c.drugs
    .filter((d) => d.role !== "concomitant" && (d.dose || d.route))
    .map((d) => `${d.name}: ${[d.dose, d.route].filter(Boolean).join(" ")}`)
    .join("; ") || MISSING;
const number = (v: number | null | undefined, unit: string) => (v == null ? MISSING : `${v} ${unit}`);

const ROWS: TRow[] = [
  { label: "Source", value: (c) => `${c.source} ${c.sourceId}` },
  { label: "Received", value: (c) => formatDate(c.receivedDate), field: "received" },
  { label: "Onset", value: (c) => formatDate(c.onsetDate), field: "onset" },
  { label: "Country", value: (c) => c.country ?? MISSING, field: "country" },
  { label: "Reporter", value: (c) => REPORTER_TYPE_LABELS[c.reporterType], field: "reporterType" },
  { label: "Sex", value: (c) => SEX_LABELS[c.sex], field: "sex" },
  { label: "Age", value: (c) => number(c.ageYears, "years"), field: "age" },
  { label: "Suspect drugs", value: (c) => drugsOf(c, "attributing"), field: "drugs" },
  { label: "Dose and route", value: dosesOf, field: "dose" },
  { label: "Other drugs", value: (c) => drugsOf(c, "concomitant") },
  { label: "Highest temperature", value: (c) => number(c.maxTempC, "°C"), field: "temperature" },
  { label: "Highest CK", value: (c) => number(c.ckMax, "U/L"), field: "ck" },
  { label: "Outcome", value: (c) => OUTCOME_LABELS[c.outcome], field: "outcome" },
];
const FLAG_ROWS: TRow[] = MATCH_FLAGS.map((flag) => ({ label: BOOLEAN_FIELD_LABELS[flag], value: (c) => formatYesNo(c[flag]) }));

function Weight({ bits }: { bits: number | undefined }) {
  if (bits === undefined || bits === 0) return <td className={styles.weight} />;
  return (
    <td className={styles.weight} data-sign={bits > 0 ? "plus" : "minus"}>
      {bits > 0 ? "+" : "−"}
      {Math.abs(bits).toFixed(1)}
    </td>
  );
}

function Row({ row, a, b, parts }: { row: TRow; a: TCaseView; b: TCaseView; parts: TScoreParts | null }) {
  const [x, y] = [row.value(a), row.value(b)];
  return (
    <tr data-differs={x !== y} data-field={row.label}>
      <th scope="row">{row.label}</th>
      <td>{x}</td>
      <td>{y}</td>
      <Weight bits={row.field && parts ? parts[row.field] : undefined} />
    </tr>
  );
}

export function CompareCases({ a, b, parts }: { a: TCaseView; b: TCaseView; parts: TScoreParts | null }) {
  return (
    <div className={styles.scroll}>
      <table className={`data ${styles.compare}`} data-testid="duplicate-compare">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">
              <Link href={`/cases/${a.id}`}>Report A</Link>
            </th>
            <th scope="col">
              <Link href={`/cases/${b.id}`}>Report B</Link>
            </th>
            <th scope="col" className={styles.weight} title="Weight of the field in the match score, bits">
              Weight
            </th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => (
            <Row key={row.label} row={row} a={a} b={b} parts={parts} />
          ))}
          <tr className={styles.section}>
            <th scope="rowgroup" colSpan={3}>
              Clinical features and treatments
            </th>
            <Weight bits={parts?.flags} />
          </tr>
          {FLAG_ROWS.map((row) => (
            <Row key={row.label} row={row} a={a} b={b} parts={null} />
          ))}
          <tr data-differs={(a.narrative ?? "") !== (b.narrative ?? "")}>
            <th scope="row">Narrative</th>
            <td>{a.narrative ?? MISSING}</td>
            <td>{b.narrative ?? MISSING}</td>
            <td className={styles.weight} title="Free text is not scored (docs/duplicates.md)" />
          </tr>
        </tbody>
      </table>
    </div>
  );
}
