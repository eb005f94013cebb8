// One import job's result (or live progress): counts, unmapped drug names and the errors with
// file, line and field. No hooks, so the page (server) and the upload panel (client) share it.
import type { TImportJobView } from "@/lib/queries/import-job-view";
import { FORMAT_LABELS, STATUS_LABELS } from "./format-labels";
import styles from "./imports.module.css";

const count = new Intl.NumberFormat("en-GB");
const MAX_LISTED_NAMES = 60;

function seconds(job: TImportJobView): string | null {
  if (!job.finishedAt) return null;
  const elapsed = (Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000;
  return elapsed < 10 ? `${elapsed.toFixed(1)} s` : `${Math.round(elapsed)} s`;
}

export function progressLine(job: TImportJobView): string {
  if (job.status === "queued") return `${job.fileName}: waiting for the import before it to finish…`;
  const counts = `${count.format(job.read)} reports read · ${count.format(job.imported)} new · ${count.format(job.updated)} updated · ${count.format(job.skipped)} unchanged · ${count.format(job.rejected)} rejected`;
  if (job.status === "running") return `Importing ${job.fileName}: ${counts}`;
  return `${job.fileName}: ${STATUS_LABELS[job.status]?.toLowerCase() ?? job.status} — ${counts}`;
}

export function JobSummary({ job }: { job: TImportJobView }) {
  const done = job.status === "succeeded" || job.status === "failed";
  const failed = job.status === "failed";
  return (
    <div className={styles.job} data-job-status={job.status}>
      <p className={failed ? styles.failed : done ? styles.succeeded : styles.running} role="status">
        {progressLine(job)}
        {seconds(job) && ` (${seconds(job)})`}
      </p>
      <p className="muted">
        {FORMAT_LABELS[job.format]}
        {job.skipInvalid ? " · invalid records skipped" : " · all or nothing"}
        {job.actor ? ` · by ${job.actor}` : ""}
      </p>
      {failed && <p>Nothing from this file was kept: fix the problem below and upload it again.</p>}
      {job.unmappedDrugs.length > 0 && (
        <details className={styles.details}>
          <summary>
            {count.format(job.unmappedDrugs.length)} drug name{job.unmappedDrugs.length === 1 ? "" : "s"} not in the catalogue (kept on the cases as reported)
          </summary>
          <p className={styles.names}>
            {job.unmappedDrugs.slice(0, MAX_LISTED_NAMES).join(" · ")}
            {job.unmappedDrugs.length > MAX_LISTED_NAMES && ` · and ${count.format(job.unmappedDrugs.length - MAX_LISTED_NAMES)} more`}
          </p>
        </details>
      )}
      {job.errors.length > 0 && (
        <div className={styles.errors}>
          <h3>
            {failed ? "Why the import failed" : `Rejected records${job.rejected > job.errors.length ? ` (the first ${count.format(job.errors.length)} of ${count.format(job.rejected)})` : ""}`}
          </h3>
          <div className={styles.scroll}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col" className="num">Line</th>
                  <th scope="col">Field</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {job.errors.map((error, i) => (
                  <tr key={i}>
                    <td>{error.file}</td>
                    <td className="num">{error.line ?? (error.record !== null ? `record ${error.record}` : "—")}</td>
                    <td>
                      <code>{error.field ?? "—"}</code>
                    </td>
                    <td>{error.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}
