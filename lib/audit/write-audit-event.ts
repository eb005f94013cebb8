// Appends one audit event (who, what, when, before, after) on the caller's connection, so it
// commits or rolls back with the change it records. Audit rows are never updated or deleted.
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

export async function writeAuditEvent(client: pg.ClientBase, event: TAuditEvent): Promise<void> {
  await client.query(
    `INSERT INTO "audit_event" ("actor", "action", "entity", "entity_id", "before", "after", "request_id")
     VALUES ($1, $2::"AuditAction", $3, $4, $5::jsonb, $6::jsonb, $7)`,
    [
      event.actor,
      event.action,
      event.entity,
      event.entityId,
      event.before === null || event.before === undefined ? null : JSON.stringify(event.before),
      event.after === null || event.after === undefined ? null : JSON.stringify(event.after),
      event.requestId ?? null,
    ],
  );
}
