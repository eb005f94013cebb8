// One import job's result (or live progress): counts, unmapped drug names and the errors with
// file, line and field. No hooks, so the page (server) and the upload panel (client) share it.
import type { TImportJobView } from "@/lib/queries/import-job-view";
import { describeImport, formatDuration } from "@/lib/imports/import-report";
import { FORMAT_LABELS, STATUS_LABELS } from "./format-labels";
import styles from "./imports.module.css";

const count = new Intl.NumberFormat("en-GB");
const MAX_LISTED_NAMES = 60;

function seconds(job: TImportJobView): string | null {
  if (!job.finishedAt) return null;
  return formatDuration((Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000);
}

/** While running: how much of the file is read (bytes when known) and how fast records arrive. */
function liveProgress(job: TImportJobView, now: number): string {
  const elapsed = Math.max((now - Date.parse(job.startedAt)) / 1000, 0.001);
  const rate = `${count.format(Math.round(job.read / elapsed))} records/s`;
  const share =
    job.bytesTotal && job.bytesRead !== null
      ? `${Math.floor((100 * job.bytesRead) / job.bytesTotal)}% of ${megabytes(job.bytesTotal)} read · `
      : "";
  return `${share}${count.format(job.read)} records so far · ${rate} · ${formatDuration(elapsed)} elapsed`;
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(bytes < 10_485_760 ? 1 : 0)} MB`;

export function progressLine(job: TImportJobView, now = Date.now()): string {
  if (job.status === "queued") return `${job.fileName}: waiting for the import before it to finish…`;
  if (job.status === "running") return `Importing ${job.fileName}: ${liveProgress(job, now)}`;
  return `${job.fileName}: ${STATUS_LABELS[job.status]?.toLowerCase() ?? job.status} — ${describeImport(job)}`;
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
      {job.unmappedCounts.length > 0 && (
        <details className={styles.details}>
          <summary>
            {count.format(job.unmappedCounts.length)} drug name{job.unmappedCounts.length === 1 ? "" : "s"} not in the catalogue (kept on
            the cases as reported; <a href="/drug-names">map them on the Drug names page</a>)
          </summary>
          <p className={styles.names}>
            {job.unmappedCounts
              .slice(0, MAX_LISTED_NAMES)
              .map((u) => (u.cases ? `${u.name} (${count.format(u.cases)})` : u.name))
              .join(" · ")}
            {job.unmappedCounts.length > MAX_LISTED_NAMES && ` · and ${count.format(job.unmappedCounts.length - MAX_LISTED_NAMES)} more`}
          </p>
        </details>
      )}
      {job.errors.length > 0 && (
        <div className={styles.errors}>
          <h3>
            {failed
              ? "Why the import failed"
              : `Rejected records${job.rejected > job.errors.length ? ` (the first ${count.format(job.errors.length)} of ${count.format(job.rejected)})` : ""}`}
          </h3>
          <div className={styles.scroll}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col" className="num">
                    Line
                  </th>
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
