// Database sessions: the cookie holds a random id, the table its hash, an expiry and the
// session's CSRF token. Sign-in failures count against the account and lock it for a while.
import { getPrisma } from "@/lib/db/client";
import { hashPassword, newSecret, sha256, verifyPassword } from "./secrets";
import type { TPrincipal } from "./principal";

export const SESSION_COOKIE = "nms_session";
export const SESSION_HOURS = 12;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

let dummyHash: Promise<string> | undefined;
const unknownUserHash = () => (dummyHash ??= hashPassword(newSecret()));

export class SignInError extends Error {
  constructor(
    readonly status: 401 | 429,
    message: string,
  ) {
    super(message);
    this.name = "SignInError";
  }
}

/** Checks the password; on success opens a session and returns its cookie value. */
export async function signIn(email: string, password: string): Promise<{ cookieValue: string; csrfToken: string; expiresAt: Date }> {
  const prisma = getPrisma();
  const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  const wrong = new SignInError(401, "Email or password is wrong");
  if (!user || user.disabledAt) {
    await verifyPassword(password, await unknownUserHash()); // as slow as a real check: no account probing by timing
    throw wrong;
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    throw new SignInError(429, `Too many failed sign-ins: the account is locked until ${user.lockedUntil.toISOString().slice(11, 16)} UTC`);
  }
  if (!(await verifyPassword(password, user.passwordHash))) {
    const failures = user.failedLogins + 1;
    const lock = failures >= MAX_FAILED_LOGINS;
    await prisma.user.update({
      where: { id: user.id },
      data: { failedLogins: lock ? 0 : failures, lockedUntil: lock ? new Date(Date.now() + LOCKOUT_MINUTES * 60_000) : null },
    });
    if (lock) throw new SignInError(429, `Too many failed sign-ins: the account is locked for ${LOCKOUT_MINUTES} minutes`);
    throw wrong;
  }
  const cookieValue = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3_600_000);
  // A new session id on every sign-in: a session fixed before sign-in is never promoted.
  await prisma.$transaction([
    prisma.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null } }),
    prisma.session.create({ data: { id: sha256(cookieValue), userId: user.id, csrfToken, expiresAt } }),
  ]);
  return { cookieValue, csrfToken, expiresAt };
}

export async function principalFromSession(cookieValue: string): Promise<TPrincipal | null> {
  const session = await getPrisma().session.findUnique({ where: { id: sha256(cookieValue) }, include: { user: true } });
  if (!session || session.expiresAt < new Date() || session.user.disabledAt) return null;
  return {
    kind: "session",
    role: session.user.role,
    actor: session.user.email,
    userId: session.user.id,
    sessionId: session.id,
    csrfToken: session.csrfToken,
  };
}

export async function signOut(cookieValue: string): Promise<void> {
  await getPrisma().session.deleteMany({ where: { id: sha256(cookieValue) } });
}
