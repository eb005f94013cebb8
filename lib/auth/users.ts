// Accounts: creation with a hashed password (by the CLI, the demo seed, or an administrator);
// disabling (every session ended, every token revoked, in one audited transaction), enabling and
// signing an account out everywhere.
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { getPrisma } from "@/lib/db/client";
import { withTransaction } from "@/lib/db/transaction";
import type { Role } from "@/lib/domain/vocabulary";
import { MIN_PASSWORD_LENGTH, hashPassword } from "./secrets";

/** `actor` is who creates the account, for the audit trail (the event never holds the password hash). */
export async function createUser(
  input: { email: string; name: string; role: Role; password: string },
  actor = "system",
): Promise<{ id: string; email: string }> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const passwordHash = await hashPassword(input.password);
  const user = await withTransaction(async ({ prisma: tx }) => {
    const created = await tx.user.create({
      data: { email: input.email.trim().toLowerCase(), name: input.name, role: input.role, passwordHash },
    });
    const after = { email: created.email, name: created.name, role: created.role };
    await writeAuditEvent(tx, { actor, action: "create", entity: "user", entityId: created.id, before: null, after });
    return created;
  });
  return { id: user.id, email: user.email };
}

/** Demo accounts for local use (README lists them); only written with the demo data. */
export const DEMO_PASSWORD = "nms-watch-demo";
export const DEMO_ACCOUNTS: readonly { email: string; name: string; role: Role }[] = [
  { email: "admin@nms.local", name: "Demo administrator", role: "admin" },
  { email: "safety@nms.local", name: "Demo safety officer", role: "safety_officer" },
  { email: "researcher@nms.local", name: "Demo researcher", role: "researcher" },
];

export async function writeDemoAccounts(): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    const exists = await getPrisma().user.findUnique({ where: { email: account.email } });
    if (!exists) await createUser({ ...account, password: DEMO_PASSWORD }, "system:demo-data");
  }
}

async function userByEmail(email: string) {
  const user = await getPrisma().user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user) throw new Error(`no account with email ${email}`);
  return user;
}

/** Ends every session of the account; returns how many there were. Audited. */
export async function signOutEverywhere(email: string, actor = "system"): Promise<number> {
  const user = await userByEmail(email);
  return withTransaction(async ({ prisma: tx }) => {
    const { count } = await tx.session.deleteMany({ where: { userId: user.id } });
    await writeAuditEvent(tx, { actor, action: "delete", entity: "session", entityId: user.id, before: { sessions: count }, after: null });
    return count;
  });
}

/**
 * Disables the account: it can no longer sign in (answered like a wrong password), its sessions
 * end and its tokens are revoked, all in one audited transaction.
 */
export async function disableUser(email: string, actor = "system"): Promise<{ sessions: number; tokens: number }> {
  const user = await userByEmail(email);
  return withTransaction(async ({ prisma: tx }) => {
    const now = new Date();
    await tx.user.update({ where: { id: user.id }, data: { disabledAt: now } });
    const sessions = await tx.session.deleteMany({ where: { userId: user.id } });
    const tokens = await tx.apiToken.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    const after = { disabledAt: now, sessionsEnded: sessions.count, tokensRevoked: tokens.count };
    await writeAuditEvent(tx, {
      actor,
      action: "update",
      entity: "user",
      entityId: user.id,
      before: { disabledAt: user.disabledAt },
      after,
    });
    return { sessions: sessions.count, tokens: tokens.count };
  });
}

export async function enableUser(email: string, actor = "system"): Promise<void> {
  const user = await userByEmail(email);
  await withTransaction(async ({ prisma: tx }) => {
    await tx.user.update({ where: { id: user.id }, data: { disabledAt: null } });
    await writeAuditEvent(tx, {
      actor,
      action: "update",
      entity: "user",
      entityId: user.id,
      before: { disabledAt: user.disabledAt },
      after: { disabledAt: null },
    });
  });
}

export type TUserListing = { email: string; name: string; role: Role; disabledAt: Date | null; createdAt: Date };

export async function listUsers(): Promise<TUserListing[]> {
  return getPrisma().user.findMany({
    select: { email: true, name: true, role: true, disabledAt: true, createdAt: true },
    orderBy: { email: "asc" },
  });
}
