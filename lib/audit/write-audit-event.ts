// The one writer of audit events (who, what, when, before, after): every event of the trail is
// inserted here and nowhere else (tests/unit/audit/one-writer.test.ts fails on another insert).
// It appends on the caller's transaction — a `pg` client inside `inTransaction`, or Prisma's
// transaction client inside `prisma.$transaction` — so an event commits or rolls back with the
// change it records. Audit rows are never updated or deleted.
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

/** What Prisma's client and its transaction client both offer: one raw statement. */
type TPrismaHandle = { $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> };
/** A transaction to write in: a `pg` client (inTransaction) or Prisma's transaction client. */
export type TAuditHandle = pg.ClientBase | TPrismaHandle;

const COLUMNS = `"actor", "action", "entity", "entity_id", "before", "after", "request_id", "after_in_case_row"`;
/** Plain JSON (dates as ISO strings); an absent or null document is SQL NULL. */
const INSERT_JSON = `INSERT INTO "audit_event" (${COLUMNS})
  SELECT actor, action::"AuditAction", entity, entity_id, NULLIF(before, 'null'::jsonb), NULLIF(after, 'null'::jsonb), request_id, false
  FROM json_to_recordset($1::json) AS x(actor text, action text, entity text, entity_id text, before jsonb, after jsonb, request_id text)`;

const isPrisma = (handle: TAuditHandle): handle is TPrismaHandle => "$executeRawUnsafe" in handle;

/**
 * Events in one statement (an import writes one per case it replaces or deletes), sent as one
 * JSON array: before and after travel as JSON values, not as strings escaped again.
 */
export async function writeAuditEvents(handle: TAuditHandle, events: readonly TAuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = JSON.stringify(
    events.map((e) => ({
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      before: e.before ?? null,
      after: e.after ?? null,
      request_id: e.requestId ?? null,
    })),
  );
  if (isPrisma(handle)) await handle.$executeRawUnsafe(INSERT_JSON, rows);
  else await handle.query(INSERT_JSON, [rows]);
}

export async function writeAuditEvent(handle: TAuditHandle, event: TAuditEvent): Promise<void> {
  await writeAuditEvents(handle, [event]);
}

/**
 * Events computed by the database itself (the bulk form): `select` yields, in this order, actor,
 * action (text), entity, entity_id, before, after (jsonb), request_id and after_in_case_row
 * (bool) — an import moving a whole file of cases writes their events in one statement, without
 * sending them back and forth. after_in_case_row true: the event created the case and `after` is
 * not copied — it is the case row as this event wrote it (lib/audit/expand-audit-events.ts
 * rebuilds it for reading), so a million imported cases do not store their documents twice.
 */
export async function writeAuditEventsSelected(client: pg.ClientBase, select: string, params: readonly unknown[]): Promise<void> {
  await client.query(
    `INSERT INTO "audit_event" (${COLUMNS})
     SELECT actor, action::"AuditAction", entity, entity_id, NULLIF(before, 'null'::jsonb),
       CASE WHEN after_in_case_row THEN NULL ELSE NULLIF(after, 'null'::jsonb) END, request_id, after_in_case_row
     FROM (${select}) AS x(actor, action, entity, entity_id, before, after, request_id, after_in_case_row)`,
    [...params],
  );
}
