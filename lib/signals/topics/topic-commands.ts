// The signal review workflow's writes (docs/signals.md): raise a topic (from an alert, which it
// then closes, or by hand), change it (status — freezing the numbers and the saved query —,
// assignee, due date, comment), link a case. Each writes the topic's history row and an audit
// event in the same transaction; a status change to the status it has is refused (409).
import type pg from "pg";
import { AppError, notFound } from "@/lib/errors";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { withTransaction } from "@/lib/db/transaction";
import { catalogueDrugByName } from "@/lib/domain/drug-catalogue";
import { DRUG_CLASS_LABELS, type DrugClass } from "@/lib/domain/vocabulary";
import { getPrisma } from "@/lib/db/client";
import { freezeNumbers, savedQueryOf, type TSavedQuery } from "./frozen-numbers";
import type { TTopicChange, TTopicCreate } from "./topic-schema";

export type TActor = { name: string; requestId?: string | null };

const badInput = (path: string, message: string) => new AppError("invalid_input", `${path} ${message}`, [{ path, message }]);

async function assertAssignee(client: pg.ClientBase, email: string | null | undefined): Promise<void> {
  if (email === null || email === undefined) return;
  const found = await client.query(
    `SELECT 1 FROM app_user WHERE lower(email) = $1 AND role IN ('admin', 'safety_officer') AND disabled_at IS NULL`,
    [email],
  );
  if (found.rowCount === 0) throw badInput("assignee", "must be the email of an active safety officer or administrator");
}

async function addEvent(client: pg.ClientBase, topicId: string, actor: TActor, kind: string, detail: unknown): Promise<void> {
  await client.query(`INSERT INTO signal_topic_event (topic_id, actor, kind, detail) VALUES ($1, $2, $3, $4)`, [
    topicId,
    actor.name,
    kind,
    JSON.stringify(detail),
  ]);
  await writeAuditEvent(client, {
    actor: actor.name,
    action: kind === "created" ? "create" : "update",
    entity: "signal_topic",
    entityId: topicId,
    before: null,
    after: { kind, ...(detail as object) },
    requestId: actor.requestId ?? null,
  });
}

const titleOf = (kind: string, key: string) =>
  (kind === "class" ? (DRUG_CLASS_LABELS[key as DrugClass] ?? key) : (catalogueDrugByName(key)?.displayName ?? key)) + " and NMS";

/**
 * The frozen numbers are read before the transaction opens: the embedded database has one
 * session, so a query on another connection inside it would wait for it forever.
 */
export async function createTopic(input: TTopicCreate, actor: TActor): Promise<string> {
  let subject: { kind: string; key: string; source: string } = {
    kind: input.subjectKind ?? "drug",
    key: input.subjectKey ?? "",
    source: input.source,
  };
  if (input.alertId) {
    const alert = await getPrisma().signalAlert.findUnique({ where: { id: input.alertId } });
    if (!alert) throw badInput("alertId", "is not an alert");
    subject = { kind: alert.subjectKind, key: alert.subjectKey, source: alert.source === "cases" ? input.source : alert.source };
  }
  const query = savedQueryOf(subject.kind, subject.key, subject.source);
  const frozen = await freezeNumbers(query);
  return withTransaction(async ({ sql: client }) => {
    await assertAssignee(client, input.assignee);
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO signal_topic (id, title, subject_kind, subject_key, status, assignee, due_date, alert_id, query, created_by)
       VALUES (gen_random_uuid(), $1, $2, $3, 'new', $4, $5, $6, $7, $8) RETURNING id`,
      [
        input.title ?? titleOf(subject.kind, subject.key),
        subject.kind,
        subject.key,
        input.assignee ?? null,
        input.dueDate ?? null,
        input.alertId ?? null,
        JSON.stringify(query),
        actor.name,
      ],
    );
    const id = inserted.rows[0]!.id;
    await addEvent(client, id, actor, "created", {
      status: "new",
      assignee: input.assignee ?? null,
      dueDate: input.dueDate ?? null,
      alertId: input.alertId ?? null,
      frozen,
    });
    if (input.alertId) {
      const closed = await client.query(
        `UPDATE signal_alert SET status = 'closed', closed_at = now(), closed_by = $2 WHERE id = $1 AND status = 'open'`,
        [input.alertId, actor.name],
      );
      if (closed.rowCount) {
        await writeAuditEvent(client, {
          actor: actor.name,
          action: "update",
          entity: "signal_alert",
          entityId: input.alertId,
          before: { status: "open" },
          after: { status: "closed", topic: id },
          requestId: actor.requestId ?? null,
        });
      }
    }
    return id;
  });
}

type TTopicRow = { status: string; assignee: string | null; due_date: string | null };

export async function changeTopic(id: string, change: TTopicChange, actor: TActor): Promise<void> {
  const before = await getPrisma().signalTopic.findUnique({ where: { id } });
  if (!before) throw notFound("the signal topic");
  const frozen = change.status !== undefined ? await freezeNumbers(before.query as TSavedQuery) : null;
  await withTransaction(async ({ sql: client }) => {
    const found = await client.query<TTopicRow>(
      `SELECT status, assignee, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM signal_topic WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const topic = found.rows[0];
    if (!topic) throw notFound("the signal topic");
    if (change.status !== undefined && change.status === topic.status)
      throw new AppError("conflict", `the topic is already ${change.status}`);
    if (change.status !== undefined && topic.status !== before.status)
      throw new AppError("conflict", `the topic's status changed meanwhile (now ${topic.status})`);
    await assertAssignee(client, change.assignee);
    if (change.status !== undefined) {
      await client.query(`UPDATE signal_topic SET status = $2, updated_at = now() WHERE id = $1`, [id, change.status]);
      await addEvent(client, id, actor, "status", { from: topic.status, to: change.status, frozen });
    }
    if (change.assignee !== undefined && change.assignee !== topic.assignee) {
      await client.query(`UPDATE signal_topic SET assignee = $2, updated_at = now() WHERE id = $1`, [id, change.assignee]);
      await addEvent(client, id, actor, "assigned", { from: topic.assignee, to: change.assignee });
    }
    if (change.dueDate !== undefined && change.dueDate !== topic.due_date) {
      await client.query(`UPDATE signal_topic SET due_date = $2, updated_at = now() WHERE id = $1`, [id, change.dueDate]);
      await addEvent(client, id, actor, "due_date", { from: topic.due_date, to: change.dueDate });
    }
    if (change.comment !== undefined) {
      await client.query(`UPDATE signal_topic SET updated_at = now() WHERE id = $1`, [id]);
      await addEvent(client, id, actor, "comment", { text: change.comment });
    }
  });
}

/**
 * Links the cases of a drill-down at once: every id must be a case (else 400 naming the first that
 * is not); cases already linked are skipped. One history event and one audit event per case linked.
 */
export async function linkTopicCases(
  id: string,
  caseIds: readonly string[],
  actor: TActor,
): Promise<{ linked: number; alreadyLinked: number }> {
  const unique = [...new Set(caseIds)];
  return withTransaction(async ({ sql: client }) => {
    const topic = await client.query(`SELECT 1 FROM signal_topic WHERE id = $1 FOR UPDATE`, [id]);
    if (topic.rowCount === 0) throw notFound("the signal topic");
    const found = await client.query<{ id: string }>(`SELECT id FROM case_report WHERE id = ANY($1::uuid[])`, [unique]);
    const known = new Set(found.rows.map((r) => r.id));
    const missing = unique.findIndex((c) => !known.has(c));
    if (missing >= 0) throw badInput(`caseIds[${caseIds.indexOf(unique[missing]!)}]`, "is not a case");
    const added = await client.query<{ case_id: string }>(
      `INSERT INTO signal_topic_case (topic_id, case_id, added_by) SELECT $1, c, $3 FROM unnest($2::uuid[]) AS c
       ON CONFLICT DO NOTHING RETURNING case_id`,
      [id, unique, actor.name],
    );
    for (const row of added.rows) await addEvent(client, id, actor, "case_linked", { caseId: row.case_id });
    return { linked: added.rows.length, alreadyLinked: unique.length - added.rows.length };
  });
}

export async function linkTopicCase(id: string, caseId: string, actor: TActor): Promise<void> {
  await withTransaction(async ({ sql: client }) => {
    const topic = await client.query(`SELECT 1 FROM signal_topic WHERE id = $1 FOR UPDATE`, [id]);
    if (topic.rowCount === 0) throw notFound("the signal topic");
    const found = await client.query(`SELECT 1 FROM case_report WHERE id = $1`, [caseId]);
    if (found.rowCount === 0) throw badInput("caseId", "is not a case");
    const added = await client.query(
      `INSERT INTO signal_topic_case (topic_id, case_id, added_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [id, caseId, actor.name],
    );
    if (added.rowCount === 0) throw new AppError("conflict", "the case is already linked to the topic");
    await addEvent(client, id, actor, "case_linked", { caseId });
  });
}
