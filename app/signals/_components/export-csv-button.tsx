"use client";
// "Export CSV": saves the rows as the table shows them (same order, full precision), built in the
// browser — the numbers are already here, and the same query through the API gives them again.
import type { TSignalRow } from "@/lib/queries/signals/score-tables";
import styles from "../signals.module.css";
import { signalsCsv, type TExportMeta } from "./signals-csv";

export function ExportCsvButton({ rows, fileName, meta }: { rows: TSignalRow[]; fileName: string; meta: TExportMeta }) {
  const download = () => {
    const url = URL.createObjectURL(new Blob([signalsCsv(rows, meta)], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.click();
    // Revoked a moment later: some browsers cancel a download whose URL is revoked at once.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <div className={styles.actions}>
      <button type="button" onClick={download} disabled={rows.length === 0}>
        Export CSV
      </button>
    </div>
  );
}
