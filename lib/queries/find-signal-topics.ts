// The signal review inbox and one topic with its history and linked cases (docs/signals.md).
// Inbox views: mine (assigned to the reader, still open), all, overdue (due date passed, still open).
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";

const OPEN = ["new", "under_evaluation"];

export type TTopicSummary = {
  id: string;
  title: string;
  subjectKind: string;
  subjectKey: string;
  status: string;
  assignee: string | null;
  dueDate: string | null;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
  cases: number;
};
export type TTopicEvent = { id: string; at: string; actor: string; kind: string; detail: unknown };
export type TTopic = TTopicSummary & {
  alertId: string | null;
  query: unknown;
  createdBy: string;
  events: TTopicEvent[];
  linkedCases: { id: string; source: string; sourceId: string; addedBy: string; addedAt: string }[];
};

type TRow = {
  id: string;
  title: string;
  subject_kind: string;
  subject_key: string;
  status: string;
  assignee: string | null;
  due_date: string | null;
  overdue: boolean;
  created_at: Date;
  updated_at: Date;
  cases: bigint;
};

const summary = (r: TRow): TTopicSummary => ({
  id: r.id,
  title: r.title,
  subjectKind: r.subject_kind,
  subjectKey: r.subject_key,
  status: r.status,
  assignee: r.assignee,
  dueDate: r.due_date,
  overdue: r.overdue,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  cases: Number(r.cases),
});

export async function findSignalTopics(
  view: "mine" | "all" | "overdue",
  reader: string,
): Promise<{ view: string; topics: TTopicSummary[] }> {
  const rows = await getPrisma().$queryRaw<TRow[]>(Prisma.sql`
    SELECT t.id, t.title, t.subject_kind, t.subject_key, t.status, t.assignee, to_char(t.due_date, 'YYYY-MM-DD') AS due_date,
      (t.due_date < current_date AND t.status = ANY(${OPEN})) AS overdue, t.created_at, t.updated_at,
      (SELECT count(*) FROM signal_topic_case c WHERE c.topic_id = t.id) AS cases
    FROM signal_topic t
    WHERE (${view} <> 'mine' OR (lower(t.assignee) = lower(${reader}) AND t.status = ANY(${OPEN})))
      AND (${view} <> 'overdue' OR (t.due_date < current_date AND t.status = ANY(${OPEN})))
    ORDER BY t.due_date NULLS LAST, t.updated_at DESC
    LIMIT 500`);
  return { view, topics: rows.map(summary) };
}

export async function getSignalTopic(id: string): Promise<TTopic | null> {
  const prisma = getPrisma();
  const [row] = await prisma.$queryRaw<(TRow & { alert_id: string | null; query: unknown; created_by: string })[]>(Prisma.sql`
    SELECT t.id, t.title, t.subject_kind, t.subject_key, t.status, t.assignee, t.alert_id, t.query, t.created_by, t.created_at, t.updated_at,
      to_char(t.due_date, 'YYYY-MM-DD') AS due_date, (t.due_date < current_date AND t.status = ANY(${OPEN})) AS overdue,
      (SELECT count(*) FROM signal_topic_case c WHERE c.topic_id = t.id) AS cases
    FROM signal_topic t WHERE t.id = ${id}::uuid`);
  if (!row) return null;
  const [events, cases] = await Promise.all([
    prisma.signalTopicEvent.findMany({ where: { topicId: id }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
    prisma.$queryRaw<{ id: string; source: string; source_id: string; added_by: string; added_at: Date }[]>(Prisma.sql`
      SELECT c.id, c.source::text AS source, c.source_id, l.added_by, l.added_at
      FROM signal_topic_case l JOIN case_report c ON c.id = l.case_id WHERE l.topic_id = ${id}::uuid ORDER BY l.added_at, c.id`),
  ]);
  return {
    ...summary(row),
    alertId: row.alert_id,
    query: row.query,
    createdBy: row.created_by,
    events: events.map((e) => ({ id: String(e.id), at: e.at.toISOString(), actor: e.actor, kind: e.kind, detail: e.detail })),
    linkedCases: cases.map((c) => ({
      id: c.id,
      source: c.source,
      sourceId: c.source_id,
      addedBy: c.added_by,
      addedAt: c.added_at.toISOString(),
    })),
  };
}
