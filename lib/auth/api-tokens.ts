// API tokens for scripts: shown once at creation, stored as a hash, tied to a role, revocable.
import { getPrisma } from "@/lib/db/client";
import type { Role } from "@/lib/domain/vocabulary";
import { newSecret, sha256 } from "./secrets";
import type { TPrincipal } from "./principal";

export const TOKEN_PREFIX = "nmsw_";

export async function createApiToken(input: { name: string; role: Role; userId?: string | null }): Promise<{ id: string; token: string }> {
  const token = newSecret(TOKEN_PREFIX);
  const row = await getPrisma().apiToken.create({
    data: { name: input.name, role: input.role, tokenHash: sha256(token), userId: input.userId ?? null },
  });
  return { id: row.id, token };
}

export async function principalFromToken(token: string): Promise<TPrincipal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await getPrisma().apiToken.findUnique({ where: { tokenHash: sha256(token) } });
  if (!row || row.revokedAt) return null;
  return { kind: "token", role: row.role, actor: `token:${row.name}`, userId: row.userId, sessionId: null, csrfToken: null };
}

export async function revokeApiToken(id: string): Promise<boolean> {
  const { count } = await getPrisma().apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  return count > 0;
}
