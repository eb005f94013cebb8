// Appends audit events (who, what, when, before, after) on the caller's connection, so they
// commit or roll back with the change they record. Audit rows are never updated or deleted.
import type pg from "pg";

export type TAuditEvent = {
  actor: string;
  /** access: a read on record (record-access.ts), not a change. */
  action: "create" | "update" | "delete" | "access";
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId?: string | null;
};

/**
 * Many events in one statement (an import writes one per case it creates, replaces or deletes),
 * sent as one JSON array: before and after travel as JSON values, not as strings escaped again.
 */
export async function writeAuditEvents(client: pg.ClientBase, events: readonly TAuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((e) => ({
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId,
    before: e.before ?? null,
    after: e.after ?? null,
    request_id: e.requestId ?? null,
  }));
  await client.query(
    `INSERT INTO "audit_event" ("actor", "action", "entity", "entity_id", "before", "after", "request_id")
     SELECT actor, action::"AuditAction", entity, entity_id, NULLIF(before, 'null'::jsonb), NULLIF(after, 'null'::jsonb), request_id
     FROM json_to_recordset($1::json) AS x(actor text, action text, entity text, entity_id text, before jsonb, after jsonb, request_id text)`,
    [JSON.stringify(rows)],
  );
}

/**
 * Events computed by the database itself: `select` yields, in this order, actor, action (text),
 * entity, entity_id, before, after (jsonb) and request_id — an import moving a whole file of
 * cases writes their events in one statement, without sending them back and forth.
 */
export async function writeAuditEventsSelected(client: pg.ClientBase, select: string, params: readonly unknown[]): Promise<void> {
  await client.query(
    `INSERT INTO "audit_event" ("actor", "action", "entity", "entity_id", "before", "after", "request_id")
     SELECT actor, action::"AuditAction", entity, entity_id, NULLIF(before, 'null'::jsonb), NULLIF(after, 'null'::jsonb), request_id
     FROM (${select}) AS x(actor, action, entity, entity_id, before, after, request_id)`,
    [...params],
  );
}

export async function writeAuditEvent(client: pg.ClientBase, event: TAuditEvent): Promise<void> {
  await writeAuditEvents(client, [event]);
}
