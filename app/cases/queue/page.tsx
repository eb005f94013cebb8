// /cases/queue — the work queue (safety officers and administrators): drafts to complete, cases
// awaiting follow-up, and nullified cases, none of which counts anywhere (docs/case-processing.md).
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole } from "@/lib/auth/page-guard";
import { CASE_READERS } from "@/lib/auth/principal";
import { formatDate } from "@/lib/format";
import { WORK_QUEUE_LIMIT, findCaseWorkQueue, type TQueueCase } from "@/lib/queries/find-case-work-queue";
import styles from "../case-pages.module.css";
import { LocalTime } from "@/app/_components/local-time";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Work queue · NMS Watch" };

/** One list item per case (not a table: it reads the same at 390 px as at 1440 px). */
function CaseList({ label, rows, detail }: { label: string; rows: TQueueCase[]; detail: (row: TQueueCase) => React.ReactNode }) {
  if (rows.length === 0) return <p className="muted">None.</p>;
  return (
    <ul className={styles.queue} aria-label={label}>
      {rows.map((row) => (
        <li key={row.id}>
          <Link href={`/cases/${row.id}`}>{row.sourceId}</Link>{" "}
          <span className={styles.subtle}>
            {row.source} · onset {formatDate(row.onsetDate)}
          </span>
          <div>{detail(row)}</div>
        </li>
      ))}
    </ul>
  );
}

const more = (shown: number, total: number) =>
  total > shown ? (
    <p className="muted">
      Showing the first {WORK_QUEUE_LIMIT} of {total}.
    </p>
  ) : null;

export default async function WorkQueuePage() {
  await requirePageRole(CASE_READERS, "/cases/queue");
  const queue = await findCaseWorkQueue();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <h1>Work queue</h1>
      <p className="muted">
        Cases here count in no figure, listing or export until they are completed (drafts) or restored (nullified).{" "}
        <Link href="/cases/new">New case</Link>
      </p>
      <section className="panel" aria-labelledby="drafts-title">
        <h2 id="drafts-title">Drafts to complete ({queue.counts.drafts})</h2>
        <CaseList
          label="Drafts"
          rows={queue.drafts}
          detail={(row) => (
            <ul className={styles.plainList}>
              {row.missing.map((m) => (
                <li key={m.criterion}>{m.message}</li>
              ))}
            </ul>
          )}
        />
        {more(queue.drafts.length, queue.counts.drafts)}
      </section>
      <section className="panel" aria-labelledby="follow-up-title">
        <h2 id="follow-up-title">Follow-up requested ({queue.counts.followUps})</h2>
        <CaseList
          label="Follow-up requested"
          rows={queue.followUps}
          detail={(row) => (
            <>
              Due {formatDate(row.followUpDue)}
              {row.followUpDue && row.followUpDue < today ? <strong> — overdue</strong> : null}
            </>
          )}
        />
        {more(queue.followUps.length, queue.counts.followUps)}
      </section>
      <section className="panel" aria-labelledby="nullified-title">
        <h2 id="nullified-title">Nullified ({queue.counts.nullified})</h2>
        <CaseList
          label="Nullified"
          rows={queue.nullified}
          detail={(row) => (
            <>
              {row.nullified?.reason}{" "}
              <span className={styles.subtle}>
                (<LocalTime iso={row.nullified?.at ?? null} />
                {row.nullified?.by ? `, ${row.nullified.by}` : ""})
              </span>
            </>
          )}
        />
        {more(queue.nullified.length, queue.counts.nullified)}
      </section>
    </>
  );
}
