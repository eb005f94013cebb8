// /signals/topics — the signal review inbox (safety officers, administrators): topics assigned to
// me and still open, all topics, or overdue ones; each with its status, assignee and due date.
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { requirePageRole } from "@/lib/auth/page-guard";
import { CASE_READERS } from "@/lib/auth/principal";
import { findSignalTopics } from "@/lib/queries/find-signal-topics";
import { INBOX_VIEWS, TOPIC_STATUS_LABELS, type TTopicStatus } from "@/lib/signals/topics/topic-schema";
import tabStyles from "@/app/_components/pill-tabs.module.css";
import styles from "./topics.module.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Signal review · NMS Watch" };

const ZSearch = z.object({ view: z.enum(INBOX_VIEWS).catch("mine") });
const VIEW_LABELS = { mine: "Assigned to me", all: "All", overdue: "Overdue" } as const;

export default async function TopicsInbox({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requirePageRole(CASE_READERS, "/signals/topics");
  const { view } = ZSearch.parse(await searchParams);
  const { topics } = await findSignalTopics(view, principal.actor);
  return (
    <>
      <h1>Signal review</h1>
      <p className="muted">
        Topics under review: raised from an alert or by hand, each with a status, an assignee, a due date, comments and the numbers frozen
        at every status change (docs/signals.md). <Link href="/alerts">Alerts</Link> · <Link href="/signals/topics/new">New topic</Link>
      </p>
      <nav className={tabStyles.tabs} aria-label="View">
        {INBOX_VIEWS.map((v) => (
          <Link key={v} href={`/signals/topics?view=${v}`} aria-current={v === view ? "page" : undefined}>
            {VIEW_LABELS[v]}
          </Link>
        ))}
      </nav>
      {topics.length === 0 ? (
        <p className="panel muted" data-testid="topics-empty">
          No topics here.
        </p>
      ) : (
        <ul className={styles.list} data-testid="topic-list">
          {topics.map((t) => (
            <li key={t.id} className="panel">
              <Link href={`/signals/topics/${t.id}`}>{t.title}</Link>{" "}
              <span className="muted">
                · {TOPIC_STATUS_LABELS[t.status as TTopicStatus] ?? t.status} · {t.assignee ?? "unassigned"}
                {t.dueDate ? <> · due {t.dueDate}</> : null} · {t.cases} linked case{t.cases === 1 ? "" : "s"}
              </span>
              {t.overdue && <span className={styles.overdue}> Overdue</span>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
