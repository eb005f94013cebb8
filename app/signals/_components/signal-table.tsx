"use client";
// The signals table: one row per drug (or class) with a, expected and every statistic with its
// interval; flagged rows named in words, sortable by header with the sort kept in the URL.
import { useSearchParams } from "next/navigation";
import type { TInterval, TSignalRow } from "@/lib/queries/signals/score-tables";
import styles from "../signals.module.css";
import Link from "next/link";
import { ExportCsvButton } from "./export-csv-button";
import type { TExportMeta } from "./signals-csv";
import { formatCount, formatLimits, formatNumber } from "./format";
import { parseSort, sortRows, type TSortKey } from "./sort-rows";

type TColumn = { key: TSortKey; label: string; title: string; numeric: boolean };
// Short headers keep the table inside the page; the title (hover) says what each one is.
const COLUMNS: TColumn[] = [
  { key: "drug", label: "Drug", title: "Drug (and its class)", numeric: false },
  { key: "a", label: "a", title: "NMS reports naming the drug (a)", numeric: true },
  { key: "drugReports", label: "Reports", title: "Reports naming the drug, any event (a + b)", numeric: true },
  { key: "expected", label: "Expected", title: "Expected a under independence, (a + b)(a + c)/N", numeric: true },
  { key: "prr", label: "PRR", title: "Proportional reporting ratio (95% CI)", numeric: true },
  { key: "chi2", label: "χ²", title: "Yates-corrected χ² of the 2×2 table", numeric: true },
  { key: "ror", label: "ROR", title: "Reporting odds ratio (95% CI)", numeric: true },
  { key: "ic", label: "IC", title: "Information component (IC025, IC975)", numeric: true },
  { key: "ebgm", label: "EBGM", title: "Empirical Bayes geometric mean (EB05, EB95)", numeric: true },
  { key: "signals", label: "Signals", title: "Rules whose threshold is crossed", numeric: false },
];

const STATS = [
  { key: "prr", name: "PRR" },
  { key: "ror", name: "ROR" },
  { key: "ic", name: "IC" },
  { key: "ebgm", name: "EBGM" },
] as const;

/** A row as the page gets it: with the case list behind its a when the reader may see cases. */
type TRow = TSignalRow & { casesUrl?: string | null };

export function SignalTable(props: {
  rows: TRow[];
  kind: "drug" | "class";
  sortable: boolean;
  csvFileName: string;
  caption: string;
  meta: TExportMeta;
}) {
  const searchParams = useSearchParams();
  const sort = parseSort(searchParams.get("sort"), searchParams.get("dir"));
  const rows = props.sortable ? sortRows(props.rows, sort.key, sort.dir) : props.rows;

  // The native history API keeps Next's router in step without a server round trip: sorting
  // needs no new data, only a URL that reproduces the view.
  const sortBy = (key: TSortKey) => {
    const next = new URLSearchParams(searchParams.toString());
    const dir = key === sort.key ? (sort.dir === "asc" ? "desc" : "asc") : key === "drug" ? "asc" : "desc";
    next.set("sort", key);
    next.set("dir", dir);
    window.history.replaceState(null, "", `?${next.toString()}`);
  };

  return (
    <>
      <div className={styles.tableScroll}>
        <table className={`data ${styles.signalTable}`} data-testid={`signal-table-${props.kind}`}>
          <caption className="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const active = props.sortable && sort.key === c.key;
                const label = c.key === "drug" && props.kind === "class" ? "Drug class" : c.label;
                return (
                  <th
                    key={c.key}
                    scope="col"
                    className={c.numeric ? "num" : undefined}
                    title={c.title}
                    aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}
                  >
                    {props.sortable ? (
                      <button type="button" className={styles.sortButton} onClick={() => sortBy(c.key)} data-sort={c.key}>
                        {label}
                        <span aria-hidden="true" className={styles.sortMark}>
                          {active ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}
                        </span>
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <SignalRow key={row.key} row={row} kind={props.kind} />
            ))}
          </tbody>
        </table>
      </div>
      <ExportCsvButton rows={rows} fileName={props.csvFileName} meta={props.meta} />
    </>
  );
}

function SignalRow({ row, kind }: { row: TRow; kind: "drug" | "class" }) {
  const fired = STATS.filter((s) => row.flags[s.key] === true).map((s) => s.name);
  return (
    <tr data-key={row.key} className={row.flags.any ? styles.flagged : undefined}>
      <th scope="row" className={styles.rowHead}>
        {row.label}
        {kind === "drug" && <span className={styles.sub}>{row.drugClass.replace(/_/g, " ")}</span>}
        {row.reason && <span className={styles.reason}>no table — {row.reason}</span>}
      </th>
      <td className="num" data-col="a" data-value={row.a}>
        {row.casesUrl && row.a > 0 ? (
          <Link href={row.casesUrl} title="The cases behind a">
            {formatCount(row.a)}
          </Link>
        ) : (
          formatCount(row.a)
        )}
      </td>
      <td className="num" data-col="drugReports" data-value={row.drugReports}>
        {formatCount(row.drugReports)}
      </td>
      <td className="num" data-col="expected" data-value={String(row.expected)}>
        {formatNumber(row.expected)}
      </td>
      <StatCell col="prr" interval={row.prr} flagged={row.flags.prr === true} />
      <td className="num" data-col="chi2" data-value={String(row.prr.chiSquare)}>
        {formatNumber(row.prr.chiSquare)}
      </td>
      <StatCell col="ror" interval={row.ror} flagged={row.flags.ror === true} />
      <StatCell col="ic" interval={row.ic} flagged={row.flags.ic === true} />
      <StatCell col="ebgm" interval={row.ebgm} flagged={row.flags.ebgm === true} />
      <td data-col="signals">
        {fired.length ? <strong className={styles.flagText}>{fired.join(", ")}</strong> : <span className="muted">none</span>}
      </td>
    </tr>
  );
}

/**
 * A statistic over its interval (two lines keep the table narrow; the text still reads as
 * formatInterval gives it); a missing value shows "—" with the reason on hover.
 */
function StatCell({ col, interval, flagged }: { col: string; interval: TInterval; flagged: boolean }) {
  const limits = interval.estimate === null ? null : formatLimits(interval);
  return (
    <td
      className={`num ${flagged ? styles.flaggedCell : ""}`}
      data-col={col}
      data-value={String(interval.estimate)}
      title={interval.reason ?? undefined}
    >
      {formatNumber(interval.estimate)}
      {limits && (
        <>
          {" "}
          <span className={styles.limits}>{limits}</span>
        </>
      )}
    </td>
  );
}
