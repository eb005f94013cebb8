// Database sessions: the cookie holds a random id, the table its hash, an expiry and the
// session's CSRF token. Sign-in failures are throttled per account and client (sign-in-throttle.ts).
import { getPrisma } from "@/lib/db/client";
import { hashPassword, newSecret, sha256, verifyPassword } from "./secrets";
import type { TPrincipal } from "./principal";
import { ACCOUNT_RULE, CLIENT_RULE, accountKey, claimAttempt, clientKey, forgive } from "./sign-in-throttle";
import { recordAccess } from "@/lib/audit/record-access";

export const SESSION_COOKIE = "nms_session";
/** The cookie's name over HTTPS (lib/auth/cookies.ts); readers accept either. */
export const SECURE_SESSION_COOKIE = "__Host-nms_session";
export const SESSION_COOKIE_NAMES = [SECURE_SESSION_COOKIE, SESSION_COOKIE] as const;
export const SESSION_HOURS = 12;
/** A session's last-seen time is written at most this often: one small write per session every few minutes, not per request. */
export const LAST_SEEN_EVERY_MS = 5 * 60_000;
/** User agents are stored to this length (enough to tell browsers apart; headers can be far longer). */
const USER_AGENT_CHARS = 300;

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

/**
 * Checks the password; on success opens a session and returns its cookie value. An unknown or
 * disabled account, a wrong password and an account whose checks must wait (sign-in-throttle.ts)
 * all get the same answer after the same work — one bcrypt comparison — so none can be told
 * apart. Only a client that failed too often is told so (429), whichever account it tried.
 */
export async function signIn(
  email: string,
  password: string,
  client = "unknown",
  userAgent: string | null = null,
): Promise<{ cookieValue: string; csrfToken: string; expiresAt: Date }> {
  const prisma = getPrisma();
  const normalised = email.trim().toLowerCase();
  if (!(await claimAttempt(clientKey(client), CLIENT_RULE))) {
    await recordAccess({ kind: "sign_in_throttled", actor: normalised, client, scope: "client" });
    throw new SignInError(429, "Too many failed sign-ins from this address: wait a few minutes and try again");
  }
  const mayCheck = await claimAttempt(accountKey(normalised), ACCOUNT_RULE);
  // The account must wait (repeated failures): on record, though the answer stays a plain 401.
  if (!mayCheck) await recordAccess({ kind: "sign_in_throttled", actor: normalised, client, scope: "account" });
  const user = mayCheck ? await prisma.user.findUnique({ where: { email: normalised } }) : null;
  const usable = user !== null && user.disabledAt === null;
  // As slow as a real check whatever happens: no account probing by timing.
  const matches = await verifyPassword(password, usable ? user.passwordHash : await unknownUserHash());
  if (!usable || !matches) {
    if (mayCheck) await recordAccess({ kind: "sign_in_failed", actor: normalised, client });
    throw new SignInError(401, "Email or password is wrong");
  }
  await forgive(accountKey(normalised), clientKey(client));
  const cookieValue = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3_600_000);
  // A new session id on every sign-in: a session fixed before sign-in is never promoted.
  await prisma.session.create({
    data: {
      id: sha256(cookieValue),
      userId: user.id,
      csrfToken,
      expiresAt,
      lastSeenAt: new Date(),
      ip: client === "unknown" ? null : client,
      userAgent: userAgent ? userAgent.slice(0, USER_AGENT_CHARS) : null,
    },
  });
  await recordAccess({ kind: "sign_in", actor: user.email, userId: user.id, client });
  return { cookieValue, csrfToken, expiresAt };
}

export async function principalFromSession(cookieValue: string): Promise<TPrincipal | null> {
  const session = await getPrisma().session.findUnique({ where: { id: sha256(cookieValue) }, include: { user: true } });
  if (!session || session.expiresAt < new Date() || session.user.disabledAt) return null;
  const now = Date.now();
  if (!session.lastSeenAt || now - session.lastSeenAt.getTime() > LAST_SEEN_EVERY_MS) {
    // Conditional, so concurrent requests write it once; a session ended meanwhile updates nothing.
    await getPrisma().session.updateMany({
      where: { id: session.id, OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: new Date(now - LAST_SEEN_EVERY_MS) } }] },
      data: { lastSeenAt: new Date(now) },
    });
  }
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
