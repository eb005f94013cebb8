// Sign-in throttling (docs/security.md, "Sign-in"): each attempt is counted in the database
// before its password is checked, in one statement per key, so a burst of concurrent guesses
// cannot all be checked. Two keys: the account (its email, whether or not it exists — so an
// unknown account behaves like a known one) and the client address. A key's first few failures
// are free; after that each checked attempt moves the key's next allowed check out exponentially,
// to a cap — a delay that ends, never a fixed lockout an attacker can renew on the real owner.
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/db/client";
import { withTransaction } from "@/lib/db/transaction";

type TRule = { free: number; capSeconds: number };

/** Per account: 5 free failures, then 1 s, 3 s, 7 s … up to one check a minute. */
export const ACCOUNT_RULE: TRule = { free: 5, capSeconds: 60 };
/** Per client address: 20 free failures (across accounts), then doubling up to 15 minutes. */
export const CLIENT_RULE: TRule = { free: 20, capSeconds: 15 * 60 };
/** Failures older than this are forgotten. */
const FORGET_AFTER = Prisma.sql`interval '1 hour'`;

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const clientKey = (address: string) => `client:${address}`;

/**
 * Claims one check for `key`: counts the attempt as a failure now (undone by `forgive` on
 * success) and returns true, or returns false while the key must wait. Row-locked by the UPDATE,
 * so concurrent claims see each other's counts.
 */
export async function claimAttempt(key: string, rule: TRule): Promise<boolean> {
  const prisma = getPrisma();
  await prisma.$executeRaw`INSERT INTO sign_in_throttle (key) VALUES (${key}) ON CONFLICT (key) DO NOTHING`;
  const stale = Prisma.sql`updated_at < now() - ${FORGET_AFTER}`;
  const failures = Prisma.sql`(CASE WHEN ${stale} THEN 1 ELSE failures + 1 END)`;
  // One UPDATE: a concurrent claim waits on the row and re-reads it (the count it sees includes
  // this one). Free failures leave next_attempt_at alone, so they never block each other.
  const rows = await prisma.$queryRaw<{ failures: number }[]>`
    UPDATE sign_in_throttle
    SET failures = ${failures}, updated_at = now(),
      next_attempt_at = CASE WHEN ${failures} > ${rule.free}
        THEN clock_timestamp() + least(power(2, ${failures} - ${rule.free}) - 1, ${rule.capSeconds}) * interval '1 second'
        ELSE next_attempt_at END
    WHERE key = ${key} AND (next_attempt_at <= now() OR ${stale})
    RETURNING failures`;
  return rows.length > 0;
}

/** A successful sign-in: the account's failures are cleared, the client's claimed one undone. */
export async function forgive(account: string, client: string): Promise<void> {
  const prisma = getPrisma();
  await prisma.$executeRaw`DELETE FROM sign_in_throttle WHERE key = ${account}`;
  await prisma.$executeRaw`UPDATE sign_in_throttle SET failures = greatest(failures - 1, 0) WHERE key = ${client}`;
}

/** Administrators' escape hatch (CLI `users unlock`): forget an account's failures. Audited. */
export async function clearAccountThrottle(email: string, actor = "system"): Promise<number> {
  const key = accountKey(email);
  return withTransaction(async ({ prisma: tx }) => {
    const cleared = await tx.signInThrottle.deleteMany({ where: { key } });
    await writeAuditEvent(tx, {
      actor,
      action: "delete",
      entity: "sign_in_throttle",
      entityId: key,
      before: { rows: cleared.count },
      after: null,
    });
    return cleared.count;
  });
}
