// Reading side of the one audit writer: an event that created a case through an import stores
// no copy of the case (after_in_case_row, lib/audit/write-audit-event.ts). Its "after" is the
// case as that event wrote it, which is exactly what the trail already holds elsewhere: the
// "before" of the case's next change (every update, replacement or nullification records the
// whole case it changed), or — when the case never changed since — the case row itself (cases are
// never deleted, only nullified). This rebuilds it, so the audit page and API show full
// documents as if they were stored.
import { storedCaseDocSql } from "@/lib/db/bulk/stored-case-docs";

type TRawReader = { $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> };

/** A whole case document has its sourceId; a restore's "before" ({ nullified, reason }) does not. */
const CREATED_AFTER = `
  SELECT e."id"::text AS id, COALESCE(
    (SELECT n."before" FROM "audit_event" n
     WHERE n."entity" = 'case' AND n."entity_id" = e."entity_id" AND n."id" > e."id"
       AND n."action" IN ('update', 'delete') AND (n."before" -> 'sourceId') IS NOT NULL
     ORDER BY n."id" LIMIT 1),
    (SELECT ${storedCaseDocSql("c")} FROM "case_report" c WHERE c."id"::text = e."entity_id")
  ) AS after
  FROM "audit_event" e WHERE e."id" = ANY($1::bigint[]) AND e."after_in_case_row"`;

/** `after` filled in for every event whose after is its case row; other events unchanged. */
export async function expandAuditEvents<T extends { id: bigint; afterInCaseRow: boolean; after: unknown }>(
  reader: TRawReader,
  events: readonly T[],
): Promise<T[]> {
  const ids = events.filter((e) => e.afterInCaseRow).map((e) => e.id.toString());
  if (ids.length === 0) return [...events];
  const rows = await reader.$queryRawUnsafe<{ id: string; after: unknown }[]>(CREATED_AFTER, ids);
  const after = new Map(rows.map((r) => [r.id, r.after]));
  return events.map((e) => (e.afterInCaseRow ? { ...e, after: after.get(e.id.toString()) ?? null } : e));
}
