// The audit trail for administrators: events filtered by entity, entity id, actor, action and
// date range (UTC days, both ends inclusive), newest first, paginated.
import { z } from "zod";
import { expandAuditEvents } from "@/lib/audit/expand-audit-events";
import { getPrisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { paramsObject } from "@/lib/domain/search-params";
import { STORABLE_TEXT_MESSAGE, isStorableText } from "@/lib/domain/storable-text";

const ZDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    "is not a real calendar date",
  );
// Compared with stored text in SQL: a NUL would be a database error, so it is a 400 here.
const ZText = z
  .string()
  .trim()
  .max(200)
  .refine(isStorableText, STORABLE_TEXT_MESSAGE)
  .transform((v) => v || undefined);

/** access: data-access events (sign-ins, token use, exports, case views: lib/audit/record-access.ts). */
export const AUDIT_ACTIONS = ["create", "update", "delete", "access"] as const;

export const ZAuditQuery = z
  .object({
    entity: ZText.optional(),
    entityId: ZText.optional(),
    /** Part of the actor's name (an email, or token:<name>), any case. */
    actor: ZText.optional(),
    action: z.enum(AUDIT_ACTIONS, { error: `must be one of ${AUDIT_ACTIONS.join(", ")}` }).optional(),
    from: ZDay.optional(),
    to: ZDay.optional(),
    page: z.coerce.number({ error: "must be a number" }).int().min(1).default(1),
    pageSize: z.coerce.number({ error: "must be a number" }).int().min(1).max(200).default(50),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be before from", path: ["to"] });
export type TAuditQuery = z.output<typeof ZAuditQuery>;

/** URL parameters → the query (a blank form field is the same as an absent one). */
export function auditQueryInput(params: URLSearchParams): Record<string, string | string[]> {
  const object = paramsObject(params);
  for (const [key, value] of Object.entries(object)) if (value === "") delete object[key];
  return object;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);

export async function findAuditEvents(query: TAuditQuery) {
  const where: Prisma.AuditEventWhereInput = {
    ...(query.entity ? { entity: query.entity } : {}),
    ...(query.entityId ? { entityId: query.entityId } : {}),
    ...(query.actor ? { actor: { contains: query.actor, mode: "insensitive" as const } } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.from || query.to
      ? { at: { ...(query.from ? { gte: new Date(`${query.from}T00:00:00Z`) } : {}), ...(query.to ? { lt: nextDay(query.to) } : {}) } }
      : {}),
  };
  const prisma = getPrisma();
  const [total, stored, entities] = await Promise.all([
    prisma.auditEvent.count({ where }),
    prisma.auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    prisma.auditEvent.findMany({ distinct: ["entity"], select: { entity: true }, orderBy: { entity: "asc" } }),
  ]);
  // A case an import created stores no copy of itself: its "after" is rebuilt, so nothing reads differently.
  const rows = await expandAuditEvents(prisma, stored);
  return {
    page: query.page,
    pageSize: query.pageSize,
    total,
    /** Every entity name in the trail, for the filter's choices. */
    entities: entities.map((e) => e.entity),
    events: rows.map((row) => ({
      id: row.id.toString(),
      at: row.at.toISOString(),
      actor: row.actor,
      action: row.action,
      entity: row.entity,
      entityId: row.entityId,
      before: row.before,
      after: row.after,
      requestId: row.requestId,
    })),
  };
}
export type TAuditPage = Awaited<ReturnType<typeof findAuditEvents>>;
export type TAuditEventView = TAuditPage["events"][number];
