// Accounts: creation with a hashed password (by the CLI, the demo seed, or an administrator).
import { auditEventData } from "@/lib/audit/audit-event-data";
import { getPrisma } from "@/lib/db/client";
import type { Role } from "@/lib/domain/vocabulary";
import { MIN_PASSWORD_LENGTH, hashPassword } from "./secrets";

/** `actor` is who creates the account, for the audit trail (the event never holds the password hash). */
export async function createUser(input: { email: string; name: string; role: Role; password: string }, actor = "system"): Promise<{ id: string; email: string }> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const passwordHash = await hashPassword(input.password);
  const user = await getPrisma().$transaction(async (tx) => {
    const created = await tx.user.create({ data: { email: input.email.trim().toLowerCase(), name: input.name, role: input.role, passwordHash } });
    const after = { email: created.email, name: created.name, role: created.role };
    await tx.auditEvent.create({ data: auditEventData({ actor, action: "create", entity: "user", entityId: created.id, before: null, after }) });
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
