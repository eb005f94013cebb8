// Tokens expire and can be revoked, accounts can be disabled and signed out everywhere — through
// the CLI's commands — and each change leaves an audit event.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as session } from "@/app/api/auth/session/route";
import { principalFromToken, createApiToken } from "@/lib/auth/api-tokens";
import { signIn } from "@/lib/auth/sessions";
import { createUser } from "@/lib/auth/users";
import { tokensCommand, usersCommand } from "@/lib/cli/commands/accounts";
import { getPrisma } from "@/lib/db/client";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

const PASSWORD = "correct horse battery";
let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await database.close();
});

// Changes only: data-access events (sign-ins, token use) are tests/integration/audit/data-access.test.ts's.
const auditOf = (entity: string, entityId: string) =>
  getPrisma().auditEvent.findMany({ where: { entity, entityId, action: { not: "access" } }, orderBy: { id: "asc" } });
const sessionStatus = async (cookieValue: string) =>
  (await session(new Request("http://nms.test/api/auth/session", { headers: { cookie: `nms_session=${cookieValue}` } }))).status;

describe("API tokens", () => {
  it("expire after the default lifetime (NMS_TOKEN_DAYS, 90 unless set)", async () => {
    const normal = await createApiToken({ name: "default", role: "researcher" });
    const days = (normal.expiresAt!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    process.env.NMS_TOKEN_DAYS = "7";
    try {
      const short = await createApiToken({ name: "short", role: "researcher" });
      expect(Math.round((short.expiresAt!.getTime() - Date.now()) / 86_400_000)).toBe(7);
    } finally {
      delete process.env.NMS_TOKEN_DAYS;
    }
    expect(await principalFromToken(normal.token)).not.toBeNull();
    await getPrisma().apiToken.update({ where: { id: normal.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await principalFromToken(normal.token)).toBeNull();
  });

  it("are revoked by `tokens revoke --id`, audited", async () => {
    const { id, token } = await createApiToken({ name: "to-revoke", role: "safety_officer" });
    await tokensCommand({ id }, ["revoke"]);
    expect(await principalFromToken(token)).toBeNull();
    const events = await auditOf("api_token", id);
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ["create", "system"],
      ["update", "cli"],
    ]);
    await expect(tokensCommand({ id }, ["revoke"])).rejects.toThrow(/no active token/);
  });

  it("are created by `tokens create --days`", async () => {
    await tokensCommand({ role: "researcher", name: "cli-token", days: "2" }, ["create"]);
    const row = await getPrisma().apiToken.findFirstOrThrow({ where: { name: "cli-token" } });
    expect(Math.round((row.expiresAt!.getTime() - Date.now()) / 86_400_000)).toBe(2);
  });
});

describe("accounts", () => {
  it("`users disable` ends the sessions, revokes the tokens and refuses sign-in; `users enable` restores sign-in", async () => {
    const user = await createUser({ email: "leaver@nms.test", name: "Leaver", role: "safety_officer", password: PASSWORD });
    const signedIn = await signIn("leaver@nms.test", PASSWORD, "192.0.2.10");
    const { token } = await createApiToken({ name: "leaver-script", role: "safety_officer", userId: user.id });
    expect(await sessionStatus(signedIn.cookieValue)).toBe(200);

    await usersCommand({ email: "leaver@nms.test" }, ["disable"]);
    expect(await sessionStatus(signedIn.cookieValue)).toBe(401);
    expect(await principalFromToken(token)).toBeNull();
    await expect(signIn("leaver@nms.test", PASSWORD, "192.0.2.10")).rejects.toThrow(/Email or password is wrong/);
    const [, disabled] = await auditOf("user", user.id);
    expect(disabled).toMatchObject({ action: "update", actor: "cli", after: { sessionsEnded: 1, tokensRevoked: 1 } });

    await usersCommand({ email: "leaver@nms.test" }, ["enable"]);
    expect((await signIn("leaver@nms.test", PASSWORD, "192.0.2.10")).cookieValue).toBeTruthy();
    // Enabling does not bring a revoked token back.
    expect(await principalFromToken(token)).toBeNull();
  });

  it("`users sign-out` ends every session of the account, audited", async () => {
    const user = await createUser({ email: "everywhere@nms.test", name: "E", role: "researcher", password: PASSWORD });
    const a = await signIn("everywhere@nms.test", PASSWORD, "192.0.2.11");
    const b = await signIn("everywhere@nms.test", PASSWORD, "192.0.2.12");
    await usersCommand({ email: "everywhere@nms.test" }, ["sign-out"]);
    expect(await sessionStatus(a.cookieValue)).toBe(401);
    expect(await sessionStatus(b.cookieValue)).toBe(401);
    expect(await auditOf("session", user.id)).toMatchObject([{ action: "delete", actor: "cli", before: { sessions: 2 } }]);
  });

  it("`users unlock` clears an account's sign-in delay, audited", async () => {
    await createUser({ email: "forgetful@nms.test", name: "F", role: "researcher", password: PASSWORD });
    for (let i = 0; i < 8; i++) await signIn("forgetful@nms.test", "wrong password!", "192.0.2.13").catch(() => undefined);
    // Well inside the delay, however slow this machine is.
    await getPrisma()
      .$executeRaw`UPDATE sign_in_throttle SET next_attempt_at = now() + interval '1 hour' WHERE key = 'account:forgetful@nms.test'`;
    await expect(signIn("forgetful@nms.test", PASSWORD, "192.0.2.13")).rejects.toThrow();
    await usersCommand({ email: "forgetful@nms.test" }, ["unlock"]);
    expect((await signIn("forgetful@nms.test", PASSWORD, "192.0.2.13")).cookieValue).toBeTruthy();
    expect(await auditOf("sign_in_throttle", "account:forgetful@nms.test")).toHaveLength(1);
  });
});
