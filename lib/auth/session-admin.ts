// Session administration for the /admin/sessions page and the API: every active session with its
// account, start, last request, address and browser; ending one (audited). Ending all of an
// account's sessions is signOutEverywhere (users.ts), shared with the CLI.
import { z } from "zod";
import { notFound } from "@/lib/errors";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { getPrisma } from "@/lib/db/client";
import { withTransaction } from "@/lib/db/transaction";
import type { Role } from "@/lib/domain/vocabulary";

export type TSessionListing = {
  /** The session's key: the hash of its cookie (never the cookie itself, which is not stored). */
  id: string;
  userId: string;
  email: string;
  role: Role;
  createdAt: Date;
  /** Last request, to within LAST_SEEN_EVERY_MS (sessions.ts); null for a session older than the column. */
  lastSeenAt: Date | null;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
};

/** Sessions not yet expired of accounts not disabled, most recently used first. */
export async function listSessions(): Promise<TSessionListing[]> {
  const rows = await getPrisma().session.findMany({
    where: { expiresAt: { gt: new Date() }, user: { disabledAt: null } },
    select: {
      id: true,
      userId: true,
      createdAt: true,
      lastSeenAt: true,
      expiresAt: true,
      ip: true,
      userAgent: true,
      user: { select: { email: true, role: true } },
    },
    orderBy: [{ lastSeenAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
  });
  return rows.map(({ user, ...session }) => ({ ...session, email: user.email, role: user.role }));
}

const ZSessionId = z.string().regex(/^[0-9a-f]{64}$/);

/** Ends one session at once (its next request is unauthenticated); audited with the account it belonged to. */
export async function endSession(id: string, actor: string): Promise<{ id: string; email: string }> {
  const session = ZSessionId.safeParse(id).success
    ? await getPrisma().session.findUnique({
        where: { id },
        select: { id: true, userId: true, createdAt: true, user: { select: { email: true } } },
      })
    : null;
  if (!session) throw notFound("Session");
  await withTransaction(async ({ prisma: tx }) => {
    await tx.session.deleteMany({ where: { id } });
    await writeAuditEvent(tx, {
      actor,
      action: "delete",
      entity: "session",
      entityId: session.userId,
      before: { sessions: 1, email: session.user.email, startedAt: session.createdAt.toISOString() },
      after: null,
    });
  });
  return { id, email: session.user.email };
}
