// One page of the line listing: sortable column headers (links, so the sort lives in the URL and
// aria-sort says which applies), key fields, suspect drugs with their class, and the scores.
import Link from "next/link";
import { DRUG_CLASS_LABELS, OUTCOME_LABELS, SEX_LABELS } from "@/lib/domain/vocabulary";
import type { TCaseListRow, TCaseSortKey } from "@/lib/queries/find-cases";
import { MISSING, formatDate } from "@/lib/format";
import styles from "../case-pages.module.css";
import { sortHref, type TSortState } from "./listing-links";

type TColumn = { label: string; sort?: TCaseSortKey; numeric?: boolean };
const COLUMNS: TColumn[] = [
  { label: "Source id", sort: "sourceId" },
  { label: "Onset", sort: "onsetDate" },
  { label: "Received", sort: "receivedDate" },
  { label: "Sex" },
  { label: "Age", sort: "ageYears", numeric: true },
  { label: "Country" },
  { label: "Suspect drugs (class)" },
  { label: "Outcome" },
  { label: "Consensus score", sort: "consensusScore", numeric: true },
  { label: "Meets criteria" },
  { label: "Naranjo", sort: "naranjoScore", numeric: true },
];

/** "60" when complete; "60–88" when missing findings could still add points. */
function consensusText(row: TCaseListRow): string {
  if (row.consensusScore === null) return MISSING;
  const max = row.consensusMaxScore ?? row.consensusScore;
  return max > row.consensusScore ? `${row.consensusScore}–${max}` : String(row.consensusScore);
}

function MeetsConsensus({ meets }: { meets: boolean | null }) {
  if (meets === true) return <span className={styles.yes}>Yes</span>;
  if (meets === false) return <span className={styles.no}>No</span>;
  return (
    <span className="muted" title="Missing findings decide">
      Undetermined
    </span>
  );
}

export function CaseTable({ rows, sort, search }: { rows: TCaseListRow[]; sort: TSortState; search: string }) {
  return (
    <div className={styles.scroll}>
      <table className={`data ${styles.listing}`} data-testid="case-listing">
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const active = column.sort === sort.key;
              return (
                <th
                  key={column.label}
                  scope="col"
                  className={column.numeric ? "num" : undefined}
                  aria-sort={active ? (sort.descending ? "descending" : "ascending") : undefined}
                >
                  {column.sort ? (
                    <Link href={sortHref(search, sort, column.sort)} scroll={false}>
                      {column.label}
                      <span className={styles.sortMark} aria-hidden="true">
                        {active ? (sort.descending ? "▼" : "▲") : "↕"}
                      </span>
                    </Link>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-case={row.id}>
              <th scope="row">
                <Link href={`/cases/${row.id}`}>{row.sourceId}</Link>
                {row.duplicates.length > 0 && (
                  <ul className={styles.duplicates} aria-label="Duplicate reports of this case" data-testid="listing-duplicates">
                    {row.duplicates.map((d) => (
                      <li key={d.id}>
                        <Link href={`/cases/${d.id}`} title="A confirmed duplicate: counted once, under this case">
                          {d.source} {d.sourceId}
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </th>
              <td className={styles.nowrap}>{formatDate(row.onsetDate)}</td>
              <td className={styles.nowrap}>{formatDate(row.receivedDate)}</td>
              <td>{SEX_LABELS[row.sex]}</td>
              <td className="num">{row.ageYears ?? MISSING}</td>
              <td>{row.country ?? MISSING}</td>
              <td>
                {row.drugs.length === 0 && MISSING}
                {row.drugs.map((drug, i) => (
                  <span key={i} className={styles.drug}>
                    {drug.catalogueDrug?.name ?? drug.reportedName}
                    {drug.role !== "suspect" && ` (${drug.role})`}
                    <span className={styles.drugClass}>
                      {drug.catalogueDrug ? DRUG_CLASS_LABELS[drug.catalogueDrug.drugClass] : "unmapped"}
                    </span>
                  </span>
                ))}
              </td>
              <td>{OUTCOME_LABELS[row.outcome]}</td>
              <td className="num">{consensusText(row)}</td>
              <td>
                <MeetsConsensus meets={row.meetsConsensus} />
              </td>
              <td className="num">{row.naranjoScore ?? MISSING}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
