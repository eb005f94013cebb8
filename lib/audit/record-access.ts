// The data-access audit (docs/security.md, "Data-access audit"): who signed in or failed to, who
// was throttled, the first use of each API token per day, every export with its query and size,
// and every view of a case — audit events with action "access", written before the answer goes
// out, so an answer that was served is on record.
import { getPrisma } from "@/lib/db/client";
import { writeAuditEvent } from "./write-audit-event";

export type TAccessEvent =
  | { kind: "sign_in"; actor: string; userId: string; client: string }
  | { kind: "sign_in_failed"; actor: string; client: string }
  | { kind: "sign_in_throttled"; actor: string; client: string; scope: "account" | "client" }
  | { kind: "token_use"; actor: string; tokenId: string; day: string }
  | { kind: "export"; actor: string; export: string; query: string; rows: number; cells: number }
  | { kind: "case_view"; actor: string; caseId: string; via: "page" | "api" };

/** entity / entityId of each kind: what the audit page filters by. */
function target(event: TAccessEvent): { entity: string; entityId: string } {
  switch (event.kind) {
    case "sign_in":
      return { entity: "session", entityId: event.userId };
    case "sign_in_failed":
    case "sign_in_throttled":
      return { entity: "session", entityId: event.actor };
    case "token_use":
      return { entity: "api_token", entityId: event.tokenId };
    case "export":
      return { entity: "export", entityId: event.export };
    case "case_view":
      return { entity: "case", entityId: event.caseId };
  }
}

export async function recordAccess(event: TAccessEvent): Promise<void> {
  const { actor, ...detail } = event;
  await writeAuditEvent(getPrisma(), {
    actor,
    action: "access",
    ...target(event),
    before: null,
    after: { event: event.kind, ...withoutIds(detail) },
  });
}

/** The detail stored in `after`: the ids already in entityId are not repeated. */
function withoutIds(detail: Record<string, unknown>): Record<string, unknown> {
  const { kind: _kind, userId: _u, tokenId: _t, caseId: _c, export: _e, ...rest } = detail;
  return rest;
}
