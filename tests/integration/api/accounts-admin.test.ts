// Account and token administration over HTTP (/api/v1/users, /api/v1/tokens): create with a
// one-time password, list, change role, disable/enable, sign out, unlock; tokens created once,
// listed with last use, revoked — each change audited with the calling administrator as actor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listUsersRoute, POST as createUserRoute } from "@/app/api/v1/users/route";
import { PATCH as patchUserRoute } from "@/app/api/v1/users/[id]/route";
import { POST as signOutRoute } from "@/app/api/v1/users/[id]/sign-out/route";
import { POST as unlockRoute } from "@/app/api/v1/users/[id]/unlock/route";
import { GET as listTokensRoute, POST as createTokenRoute } from "@/app/api/v1/tokens/route";
import { DELETE as revokeTokenRoute } from "@/app/api/v1/tokens/[id]/route";
import { GET as sessionRoute } from "@/app/api/auth/session/route";
import type { TAccountListing } from "@/lib/auth/account-admin";
import { principalFromToken } from "@/lib/auth/api-tokens";
import { signIn } from "@/lib/auth/sessions";
import { createUser } from "@/lib/auth/users";
import { getPrisma } from "@/lib/db/client";
import { noParams, requestsAs, withId } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

const BASE = "http://nms.test/api/v1";
const ACTOR = "token:test-admin";
let database: TTestDatabase;
let asAdmin: Awaited<ReturnType<typeof requestsAs>>;
beforeAll(async () => {
  database = await openTestDatabase();
  asAdmin = await requestsAs("admin");
});
afterAll(() => database.close());

type TAccountJson = Omit<TAccountListing, "disabledAt" | "createdAt" | "delayedUntil"> & {
  disabledAt: string | null;
  delayedUntil: string | null;
};
// Changes only: data-access events (sign-ins, token use) are tests/integration/audit/data-access.test.ts's.
const auditOf = (entity: string, entityId: string) =>
  getPrisma().auditEvent.findMany({ where: { entity, entityId, action: { not: "access" } }, orderBy: { id: "asc" } });
const sessionStatus = async (cookieValue: string) =>
  (await sessionRoute(new Request("http://nms.test/api/auth/session", { headers: { cookie: `nms_session=${cookieValue}` } }))).status;

async function create(body: unknown): Promise<Response> {
  return createUserRoute(asAdmin("POST", `${BASE}/users`, body), noParams);
}
async function listed(email: string): Promise<TAccountJson> {
  const response = await listUsersRoute(asAdmin("GET", `${BASE}/users`), noParams);
  expect(response.status).toBe(200);
  const { users } = (await response.json()) as { users: TAccountJson[] };
  const found = users.find((u) => u.email === email);
  expect(found, email).toBeDefined();
  return found!;
}
const patch = (id: string, body: unknown) => patchUserRoute(asAdmin("PATCH", `${BASE}/users/${id}`, body), withId(id));

describe("accounts", () => {
  it("are created with a generated password answered once, which signs in; the audit event holds neither password nor hash", async () => {
    const response = await create({ email: "New.Officer@nms.test", name: "New officer", role: "safety_officer" });
    expect(response.status).toBe(201);
    const { user, password } = (await response.json()) as { user: { id: string; email: string }; password: string };
    expect(user.email).toBe("new.officer@nms.test");
    expect(password).toHaveLength(20);
    expect((await signIn("new.officer@nms.test", password, "192.0.2.20")).cookieValue).toBeTruthy();
    const [event] = await auditOf("user", user.id);
    expect(event).toMatchObject({
      actor: ACTOR,
      action: "create",
      after: { email: "new.officer@nms.test", name: "New officer", role: "safety_officer" },
    });
    const stored = JSON.stringify([event?.before, event?.after]);
    expect(stored).not.toContain(password);
    expect(stored).not.toContain("passwordHash");
    expect(await listed("new.officer@nms.test")).toMatchObject({
      id: user.id,
      role: "safety_officer",
      disabledAt: null,
      sessions: 1,
      signInFailures: 0,
    });
  });

  it("refuse a taken email (409) and name each bad field (400)", async () => {
    await create({ email: "taken@nms.test", name: "First", role: "researcher" });
    const again = await create({ email: "TAKEN@nms.test", name: "Second", role: "researcher" });
    expect(again.status).toBe(409);
    const bad = await create({ email: "not-an-email", name: "", role: "owner" });
    expect(bad.status).toBe(400);
    const { error } = (await bad.json()) as { error: { issues: { path: string }[] } };
    expect(error.issues.map((i) => i.path).sort()).toEqual(["email", "name", "role"]);
    expect((await patch(SOME_ID, {})).status).toBe(400);
    expect((await patch(SOME_ID, { role: "researcher" })).status).toBe(404);
  });

  it("change role (audited before/after); disabling ends sessions and tokens, enabling restores sign-in", async () => {
    const password = "correct horse battery";
    const user = await createUser({ email: "mover@nms.test", name: "Mover", role: "researcher", password });
    const signedIn = await signIn("mover@nms.test", password, "192.0.2.21");
    const response = await patch(user.id, { role: "safety_officer" });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { user: TAccountJson }).user).toMatchObject({ role: "safety_officer", sessions: 1 });
    // The session carries the new role at once.
    const who = await sessionRoute(
      new Request("http://nms.test/api/auth/session", { headers: { cookie: `nms_session=${signedIn.cookieValue}` } }),
    );
    expect(((await who.json()) as { role: string }).role).toBe("safety_officer");
    expect((await auditOf("user", user.id)).at(-1)).toMatchObject({
      actor: ACTOR,
      action: "update",
      before: { role: "researcher" },
      after: { role: "safety_officer" },
    });

    const disabled = await patch(user.id, { disabled: true });
    expect(((await disabled.json()) as { user: TAccountJson }).user).toMatchObject({
      sessions: 0,
      disabledAt: expect.any(String) as unknown,
    });
    expect(await sessionStatus(signedIn.cookieValue)).toBe(401);
    await expect(signIn("mover@nms.test", password, "192.0.2.21")).rejects.toThrow(/Email or password is wrong/);
    await patch(user.id, { disabled: false });
    expect((await signIn("mover@nms.test", password, "192.0.2.21")).cookieValue).toBeTruthy();
    expect((await auditOf("user", user.id)).map((e) => [e.actor, e.action])).toEqual([
      ["system", "create"],
      [ACTOR, "update"],
      [ACTOR, "update"],
      [ACTOR, "update"],
    ]);
  });

  it("keep one active administrator: the last cannot be demoted or disabled", async () => {
    const first = await createUser({ email: "first-admin@nms.test", name: "A", role: "admin", password: "correct horse battery" });
    for (const body of [{ role: "researcher" }, { disabled: true }]) {
      const refused = await patch(first.id, body);
      expect(refused.status).toBe(409);
    }
    await createUser({ email: "second-admin@nms.test", name: "B", role: "admin", password: "correct horse battery" });
    expect((await patch(first.id, { role: "researcher" })).status).toBe(200);
    expect((await listed("first-admin@nms.test")).role).toBe("researcher");
  });

  it("are signed out everywhere and unlocked after repeated failures, audited", async () => {
    const password = "correct horse battery";
    const user = await createUser({ email: "locked@nms.test", name: "L", role: "researcher", password });
    const a = await signIn("locked@nms.test", password, "192.0.2.22");
    const b = await signIn("locked@nms.test", password, "192.0.2.23");
    const ended = await signOutRoute(asAdmin("POST", `${BASE}/users/${user.id}/sign-out`), withId(user.id));
    expect(await ended.json()).toEqual({ sessionsEnded: 2 });
    expect(await sessionStatus(a.cookieValue)).toBe(401);
    expect(await sessionStatus(b.cookieValue)).toBe(401);
    expect(await auditOf("session", user.id)).toMatchObject([{ actor: ACTOR, action: "delete", before: { sessions: 2 } }]);

    // Five free failures, then the sixth is checked and starts the delay.
    for (let i = 0; i < 6; i++) await signIn("locked@nms.test", "wrong password!", "192.0.2.24").catch(() => undefined);
    await getPrisma()
      .$executeRaw`UPDATE sign_in_throttle SET next_attempt_at = now() + interval '1 hour' WHERE key = 'account:locked@nms.test'`;
    const delayed = await listed("locked@nms.test");
    expect(delayed.signInFailures).toBe(6);
    expect(delayed.delayedUntil).not.toBeNull();
    const unlocked = await unlockRoute(asAdmin("POST", `${BASE}/users/${user.id}/unlock`), withId(user.id));
    expect(await unlocked.json()).toEqual({ cleared: true });
    expect(await listed("locked@nms.test")).toMatchObject({ signInFailures: 0, delayedUntil: null });
    expect((await signIn("locked@nms.test", password, "192.0.2.24")).cookieValue).toBeTruthy();
    expect(await auditOf("sign_in_throttle", "account:locked@nms.test")).toMatchObject([{ actor: ACTOR, action: "delete" }]);
    expect((await signOutRoute(asAdmin("POST", `${BASE}/users/not-a-uuid/sign-out`), withId("not-a-uuid"))).status).toBe(404);
  });
});

const SOME_ID = "00000000-0000-4000-8000-000000000000";
type TTokenJson = {
  id: string;
  name: string;
  role: string;
  owner: string | null;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};

describe("API tokens", () => {
  async function tokenRow(id: string): Promise<TTokenJson> {
    const { tokens } = (await (await listTokensRoute(asAdmin("GET", `${BASE}/tokens`), noParams)).json()) as { tokens: TTokenJson[] };
    const row = tokens.find((t) => t.id === id);
    expect(row).toBeDefined();
    return row!;
  }

  it("are created (shown once, never listed), show their last use, and stop at once when revoked; audited", async () => {
    const response = await createTokenRoute(
      asAdmin("POST", `${BASE}/tokens`, { name: "nightly export", role: "researcher", days: 30 }),
      noParams,
    );
    expect(response.status).toBe(201);
    const { id, token, expiresAt } = (await response.json()) as { id: string; token: string; expiresAt: string };
    expect(Math.round((Date.parse(expiresAt) - Date.now()) / 86_400_000)).toBe(30);
    const listing = await listTokensRoute(asAdmin("GET", `${BASE}/tokens`), noParams);
    expect(await listing.clone().text()).not.toContain(token);
    expect(await tokenRow(id)).toMatchObject({
      name: "nightly export",
      role: "researcher",
      owner: null,
      lastUsedAt: null,
      revokedAt: null,
    });

    expect(await principalFromToken(token)).toMatchObject({ role: "researcher", actor: "token:nightly export" });
    expect((await tokenRow(id)).lastUsedAt).not.toBeNull();

    const revoked = await revokeTokenRoute(asAdmin("DELETE", `${BASE}/tokens/${id}`), withId(id));
    expect(await revoked.json()).toEqual({ id, revoked: true });
    expect(await principalFromToken(token)).toBeNull();
    expect((await tokenRow(id)).revokedAt).not.toBeNull();
    expect((await revokeTokenRoute(asAdmin("DELETE", `${BASE}/tokens/${id}`), withId(id))).status).toBe(404);
    expect((await auditOf("api_token", id)).map((e) => [e.actor, e.action])).toEqual([
      [ACTOR, "create"],
      [ACTOR, "update"],
    ]);
  });

  it("name each bad field (400)", async () => {
    const bad = await createTokenRoute(asAdmin("POST", `${BASE}/tokens`, { name: " ", role: "root", days: -1 }), noParams);
    expect(bad.status).toBe(400);
    const { error } = (await bad.json()) as { error: { issues: { path: string }[] } };
    expect(error.issues.map((i) => i.path).sort()).toEqual(["days", "name", "role"]);
  });
});
