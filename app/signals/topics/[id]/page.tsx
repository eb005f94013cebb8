// /signals/topics/<id> — one signal topic: its facts, the forms to change status, assign, comment
// and link cases, the linked cases, and the full history with the numbers frozen at each change.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requirePageRole } from "@/lib/auth/page-guard";
import { CASE_READERS, CASE_WRITERS } from "@/lib/auth/principal";
import { getSignalTopic, type TTopicEvent } from "@/lib/queries/find-signal-topics";
import { casesUrlOf } from "@/lib/queries/find-alerts";
import { TOPIC_STATUS_LABELS, type TTopicStatus } from "@/lib/signals/topics/topic-schema";
import { TopicActions } from "../_components/topic-forms";
import { STATUS_OPTIONS, assigneeOptions } from "../staff-options";
import styles from "../topics.module.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Signal topic · NMS Watch" };

const statusLabel = (s: unknown) => TOPIC_STATUS_LABELS[s as TTopicStatus] ?? String(s);

/** One history row in words; the frozen numbers as their a, PRR and ROR, with the full JSON below. */
function EventText({ event }: { event: TTopicEvent }) {
  const d = (event.detail ?? {}) as Record<string, unknown>;
  const str = (v: unknown, empty: string) => (typeof v === "string" && v !== "" ? v : empty);
  const frozen = d.frozen as
    { periods?: string[]; row?: { a?: number; prr?: { estimate: number | null }; ror?: { lower: number | null } } | null } | undefined;
  const numbers = frozen?.row
    ? ` — a = ${frozen.row.a ?? "?"}, PRR ${frozen.row.prr?.estimate?.toPrecision(3) ?? "—"}, ROR lower ${frozen.row.ror?.lower?.toPrecision(3) ?? "—"} (${(frozen.periods ?? []).join(", ") || "no periods"})`
    : "";
  switch (event.kind) {
    case "created":
      return <>Created (status New){numbers}</>;
    case "status":
      return (
        <>
          Status {statusLabel(d.from)} → {statusLabel(d.to)}
          {numbers}
        </>
      );
    case "assigned":
      return (
        <>
          Assigned to {str(d.to, "nobody")}
          {d.from ? ` (was ${str(d.from, "")})` : ""}
        </>
      );
    case "due_date":
      return (
        <>
          Due date {str(d.to, "none")}
          {d.from ? ` (was ${str(d.from, "")})` : ""}
        </>
      );
    case "comment":
      return <>Comment: “{str(d.text, "")}”</>;
    case "case_linked":
      return (
        <>
          Linked case <Link href={`/cases/${str(d.caseId, "")}`}>{str(d.caseId, "")}</Link>
        </>
      );
    default:
      return <>{event.kind}</>;
  }
}

export default async function TopicPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePageRole(CASE_READERS, "/signals/topics");
  const id = z.uuid().safeParse((await params).id);
  const topic = id.success ? await getSignalTopic(id.data) : null;
  if (!topic) notFound();
  const canWrite = CASE_WRITERS.includes(principal.role);
  return (
    <>
      <h1 data-testid="topic-title">{topic.title}</h1>
      <p className="muted">
        <Link href="/signals/topics">Signal review</Link> ·{" "}
        <Link
          href={casesUrlOf({
            source: (topic.query as { source?: string }).source ?? "cases",
            subjectKind: topic.subjectKind,
            subjectKey: topic.subjectKey,
          })}
        >
          Cases behind it
        </Link>
      </p>
      <div className={styles.layout}>
        <section className="panel" aria-labelledby="topic-facts">
          <h2 id="topic-facts">Topic</h2>
          <dl className={styles.facts}>
            <dt>Status</dt>
            <dd data-testid="topic-status">{statusLabel(topic.status)}</dd>
            <dt>Subject</dt>
            <dd>
              {topic.subjectKind} {topic.subjectKey}
            </dd>
            <dt>Assignee</dt>
            <dd data-testid="topic-assignee">{topic.assignee ?? "unassigned"}</dd>
            <dt>Due</dt>
            <dd>
              {topic.dueDate ?? "—"}
              {topic.overdue && <span className={styles.overdue}> Overdue</span>}
            </dd>
            <dt>Raised by</dt>
            <dd>
              {topic.createdBy}, {topic.createdAt.slice(0, 10)}
            </dd>
            <dt>Saved query</dt>
            <dd>
              <code>{JSON.stringify(topic.query)}</code>
            </dd>
          </dl>
          <h3>Linked cases ({topic.linkedCases.length})</h3>
          <ul>
            {topic.linkedCases.map((c) => (
              <li key={c.id}>
                <Link href={`/cases/${c.id}`}>
                  {c.source} {c.sourceId}
                </Link>{" "}
                <span className="muted">by {c.addedBy}</span>
              </li>
            ))}
          </ul>
          {canWrite && (
            <TopicActions
              id={topic.id}
              status={topic.status}
              statuses={STATUS_OPTIONS}
              assignee={topic.assignee}
              assignees={await assigneeOptions()}
              dueDate={topic.dueDate}
            />
          )}
        </section>
        <section className="panel" aria-labelledby="topic-history">
          <h2 id="topic-history">History</h2>
          <ol className={styles.history} data-testid="topic-history">
            {topic.events.map((e) => (
              <li key={e.id} data-kind={e.kind}>
                <span className="muted">
                  {e.at.slice(0, 16).replace("T", " ")} · {e.actor}
                </span>
                <br />
                <EventText event={e} />
              </li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
}
