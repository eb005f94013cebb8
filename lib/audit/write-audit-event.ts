// Appends audit events (who, what, when, before, after) on the caller's connection, so they
// commit or roll back with the change they record. Audit rows are never updated or deleted.
import type pg from "pg";

export type TAuditEvent = {
  actor: string;
  action: "create" | "update" | "delete";
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId?: string | null;
};

const jsonOrNull = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** Many events in one statement (an import writes one per case it creates, replaces or deletes). */
export async function writeAuditEvents(client: pg.ClientBase, events: readonly TAuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await client.query(
    `INSERT INTO "audit_event" ("actor", "action", "entity", "entity_id", "before", "after", "request_id")
     SELECT * FROM unnest($1::text[], $2::text[]::"AuditAction"[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[], $7::text[])`,
    [
      events.map((e) => e.actor),
      events.map((e) => e.action),
      events.map((e) => e.entity),
      events.map((e) => e.entityId),
      events.map((e) => jsonOrNull(e.before)),
      events.map((e) => jsonOrNull(e.after)),
      events.map((e) => e.requestId ?? null),
    ],
  );
}

export async function writeAuditEvent(client: pg.ClientBase, event: TAuditEvent): Promise<void> {
  await writeAuditEvents(client, [event]);
}
