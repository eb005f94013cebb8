// API tokens for scripts: shown once at creation, stored as a hash, tied to a role, revocable.
import { auditEventData } from "@/lib/audit/audit-event-data";
import { getPrisma } from "@/lib/db/client";
import { getPgPool } from "@/lib/db/pg-pool";
import type { Role } from "@/lib/domain/vocabulary";
import { newSecret, sha256 } from "./secrets";
import type { TPrincipal } from "./principal";

export const TOKEN_PREFIX = "nmsw_";

/** Creation and revocation are audited (`actor`: who did it); the event never holds the token or its hash. */
export async function createApiToken(input: { name: string; role: Role; userId?: string | null }, actor = "system"): Promise<{ id: string; token: string }> {
  const token = newSecret(TOKEN_PREFIX);
  const row = await getPrisma().$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { name: input.name, role: input.role, tokenHash: sha256(token), userId: input.userId ?? null },
    });
    const after = { name: created.name, role: created.role, userId: created.userId };
    await tx.auditEvent.create({ data: auditEventData({ actor, action: "create", entity: "api_token", entityId: created.id, before: null, after }) });
    return created;
  });
  return { id: row.id, token };
}

/**
 * Every token-authenticated request asks this, so it reads through pg: a one-row Prisma read
 * took 0.7–0.8 ms here, the same read through pg 0.2 ms (measured on the 1M-case database).
 */
export async function principalFromToken(token: string): Promise<TPrincipal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const { rows } = await getPgPool().query<{ name: string; role: Role; user_id: string | null }>(
    `SELECT "name", "role"::text AS "role", "user_id" FROM "api_token" WHERE "token_hash" = $1 AND "revoked_at" IS NULL`,
    [sha256(token)],
  );
  const row = rows[0];
  if (!row) return null;
  return { kind: "token", role: row.role, actor: `token:${row.name}`, userId: row.user_id, sessionId: null, csrfToken: null };
}

export async function revokeApiToken(id: string, actor = "system"): Promise<boolean> {
  return getPrisma().$transaction(async (tx) => {
    const revokedAt = new Date();
    const { count } = await tx.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt } });
    if (count > 0) {
      const before = { revokedAt: null };
      await tx.auditEvent.create({ data: auditEventData({ actor, action: "update", entity: "api_token", entityId: id, before, after: { revokedAt } }) });
    }
    return count > 0;
  });
}
