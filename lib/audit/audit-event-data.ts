// An audit event as Prisma create data, for changes written through Prisma's own transactions
// (accounts, tokens, reference data); write-audit-event.ts is the same for pg transactions.
import { Prisma } from "@/lib/generated/prisma/client";
import type { TAuditEvent } from "./write-audit-event";

/** Plain JSON (dates as ISO strings); absent is SQL NULL, as write-audit-event stores it. */
const json = (value: unknown) =>
  value === null || value === undefined ? Prisma.DbNull : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

export function auditEventData(event: TAuditEvent): Prisma.AuditEventCreateInput {
  return {
    actor: event.actor,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId,
    before: json(event.before),
    after: json(event.after),
    requestId: event.requestId ?? null,
  };
}
