// Pure: the audit event for writing a baseline from the reference data — a create when it is
// new, an update with before/after when a published figure or citation changed, else none.
import type { TAuditEvent } from "./write-audit-event";

type TBaselineRow = { id: number; key: string } & Record<string, unknown>;

/** The reference data is written by the system on start or by `cli seed`. */
export const REFERENCE_DATA_ACTOR = "system:reference-data";

const fields = ({ id: _id, ...rest }: TBaselineRow) => rest;

export function baselineAuditEvent(existing: TBaselineRow | null, stored: TBaselineRow): TAuditEvent | null {
  const after = fields(stored);
  const base = { actor: REFERENCE_DATA_ACTOR, entity: "baseline", entityId: stored.key };
  if (!existing) return { ...base, action: "create", before: null, after };
  const before = fields(existing);
  return JSON.stringify(before) === JSON.stringify(after) ? null : { ...base, action: "update", before, after };
}
