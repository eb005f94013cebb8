// The most recent import jobs (web uploads and command-line runs), newest first, each linking
// to its full result on this page.
import Link from "next/link";
import type { TImportJobSummary } from "@/lib/queries/find-import-jobs";
import { FORMAT_LABELS, STATUS_LABELS } from "./format-labels";
import styles from "./imports.module.css";
import { LocalTime } from "@/app/_components/local-time";

const count = new Intl.NumberFormat("en-GB");

export function RecentJobs({ jobs }: { jobs: TImportJobSummary[] }) {
  if (jobs.length === 0) return <p className="muted">No imports yet.</p>;
  return (
    <div className={styles.scroll}>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Started (UTC)</th>
            <th scope="col">File</th>
            <th scope="col">Format</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Read
            </th>
            <th scope="col" className="num">
              New
            </th>
            <th scope="col" className="num">
              Updated
            </th>
            <th scope="col" className="num">
              Unchanged
            </th>
            <th scope="col" className="num">
              Rejected
            </th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id}>
              <td className={styles.nowrap}>
                <LocalTime iso={job.startedAt} />
              </td>
              <td className={styles.nowrap}>
                <Link href={`/imports?job=${job.id}`}>{job.fileName}</Link>
              </td>
              <td>{FORMAT_LABELS[job.format]}</td>
              <td className={job.status === "failed" ? styles.failed : undefined}>{STATUS_LABELS[job.status] ?? job.status}</td>
              <td className="num">{count.format(job.read)}</td>
              <td className="num">{count.format(job.imported)}</td>
              <td className="num">{count.format(job.updated)}</td>
              <td className="num">{count.format(job.skipped)}</td>
              <td className="num">{count.format(job.rejected)}</td>
              <td>{job.actor ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
