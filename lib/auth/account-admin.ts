// Account administration for the HTTP API and the /admin pages: accounts addressed by id, the
// listing with sessions and sign-in delay, role changes; the guard that an instance always keeps
// one active administrator. Disabling, sign-out and unlock are lib/auth/users.ts and
// sign-in-throttle.ts, shared with the CLI; every change is audited there or here.
import { z } from "zod";
import { conflict, notFound } from "@/lib/errors";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { getPrisma } from "@/lib/db/client";
import { withTransaction } from "@/lib/db/transaction";
import { ROLES, type Role } from "@/lib/domain/vocabulary";
import { newSecret } from "./secrets";
import { accountKey } from "./sign-in-throttle";
import { createUser, disableUser, enableUser } from "./users";

export const ZAccountCreate = z
  .object({
    email: z.email({ message: "must be an email address" }).max(254),
    name: z.string().trim().min(1, "is required").max(200),
    role: z.enum(ROLES),
  })
  .strict();
export type TAccountCreate = z.infer<typeof ZAccountCreate>;

export const ZAccountPatch = z
  .object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((patch) => patch.role !== undefined || patch.disabled !== undefined, { message: "give role or disabled" });
export type TAccountPatch = z.infer<typeof ZAccountPatch>;

export const ZTokenCreate = z
  .object({
    name: z.string().trim().min(1, "is required").max(100),
    role: z.enum(ROLES),
    /** Lifetime in days; absent: NMS_TOKEN_DAYS (default 90); 0: never expires. */
    days: z.number().int().min(0).max(3650).optional(),
  })
  .strict();
export type TTokenCreate = z.infer<typeof ZTokenCreate>;

export type TAccountListing = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabledAt: Date | null;
  createdAt: Date;
  /** Sessions not yet expired. */
  sessions: number;
  /** Failed sign-ins counted in the last hour, and when the next check is allowed (null: now). */
  signInFailures: number;
  delayedUntil: Date | null;
};

export async function listAccounts(): Promise<TAccountListing[]> {
  const prisma = getPrisma();
  const now = new Date();
  const [users, throttles] = await Promise.all([
    prisma.user.findMany({
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        disabledAt: true,
        createdAt: true,
        _count: { select: { sessions: { where: { expiresAt: { gt: now } } } } },
      },
      orderBy: { email: "asc" },
    }),
    prisma.signInThrottle.findMany({ where: { key: { startsWith: "account:" } } }),
  ]);
  const byKey = new Map(throttles.map((t) => [t.key, t]));
  return users.map(({ _count, ...user }) => {
    const throttle = byKey.get(accountKey(user.email));
    return {
      ...user,
      sessions: _count.sessions,
      signInFailures: throttle?.failures ?? 0,
      delayedUntil: throttle && throttle.nextAttemptAt > now ? throttle.nextAttemptAt : null,
    };
  });
}

export async function accountById(id: string): Promise<{ id: string; email: string; role: Role; disabledAt: Date | null }> {
  const user = z.uuid().safeParse(id).success
    ? await getPrisma().user.findUnique({ where: { id }, select: { id: true, email: true, role: true, disabledAt: true } })
    : null;
  if (!user) throw notFound("Account");
  return user;
}

/** Creates the account with a generated password, returned once and never stored in clear. */
export async function createAccount(input: TAccountCreate, actor: string): Promise<{ id: string; email: string; password: string }> {
  const password = newSecret().slice(0, 20);
  const exists = await getPrisma().user.findUnique({ where: { email: input.email.trim().toLowerCase() }, select: { id: true } });
  if (exists) throw conflict(`An account with email ${input.email} exists`);
  const user = await createUser({ ...input, password }, actor);
  return { ...user, password };
}

/** Would this change leave no active administrator? Then nobody could administer the instance. */
async function assertAnotherAdmin(id: string): Promise<void> {
  const others = await getPrisma().user.count({ where: { role: "admin", disabledAt: null, id: { not: id } } });
  if (others === 0) throw conflict("This is the only active administrator: make another account administrator first");
}

/** Applies a role change and/or disabling; returns the account as it is afterwards. Audited. */
export async function updateAccount(id: string, patch: TAccountPatch, actor: string) {
  const account = await accountById(id);
  const losesAdmin =
    account.role === "admin" && !account.disabledAt && ((patch.role !== undefined && patch.role !== "admin") || patch.disabled === true);
  if (losesAdmin) await assertAnotherAdmin(id);
  if (patch.role !== undefined && patch.role !== account.role) {
    const role = patch.role;
    await withTransaction(async ({ prisma: tx }) => {
      await tx.user.update({ where: { id }, data: { role } });
      await writeAuditEvent(tx, { actor, action: "update", entity: "user", entityId: id, before: { role: account.role }, after: { role } });
    });
  }
  if (patch.disabled === true && !account.disabledAt) await disableUser(account.email, actor);
  if (patch.disabled === false && account.disabledAt) await enableUser(account.email, actor);
  return (await listAccounts()).find((a) => a.id === id) ?? null;
}
