// Sign-in, sessions and CSRF through the real route handlers: a session cookie works only with
// its CSRF token on changes, a cross-site origin is refused, sign-in issues a fresh session id
// (no fixation), repeated failures throttle the account, and sign-out ends the session.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { GET as session } from "@/app/api/auth/session/route";
import { POST as createCaseRoute } from "@/app/api/v1/cases/route";
import { SESSION_COOKIE } from "@/lib/auth/sessions";
import { ACCOUNT_RULE } from "@/lib/auth/sign-in-throttle";
import { createUser } from "@/lib/auth/users";
import { getPrisma } from "@/lib/db/client";
import { noParams } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

const ORIGIN = "http://nms.test";
const PASSWORD = "correct horse battery";
let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await createUser({ email: "officer@nms.test", name: "Officer", role: "safety_officer", password: PASSWORD });
  await createUser({ email: "victim@nms.test", name: "Victim", role: "researcher", password: PASSWORD });
});
afterAll(() => database.close());

async function signIn(email: string, password: string, cookie?: string) {
  const response = await login(
    new Request(`${ORIGIN}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ email, password }),
    }),
  );
  const setCookie = response.headers.get("set-cookie") ?? "";
  const value = new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(setCookie)?.[1] ?? null;
  return {
    response,
    setCookie,
    cookie: value ? `${SESSION_COOKIE}=${value}` : null,
    body: (await response.json()) as { csrfToken?: string; error?: { code: string; message: string } },
  };
}

const newCase = (cookie: string, headers: Record<string, string> = {}) =>
  createCaseRoute(
    new Request(`${ORIGIN}/api/v1/cases`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, ...headers },
      body: JSON.stringify({ sourceId: `S-${Math.random()}` }),
    }),
    noParams,
  );

describe("sessions", () => {
  it("sets a secure-by-default cookie and a fresh session id on every sign-in", async () => {
    const first = await signIn("officer@nms.test", PASSWORD);
    expect(first.response.status).toBe(200);
    expect(first.setCookie).toMatch(/HttpOnly/);
    expect(first.setCookie).toMatch(/SameSite=Lax/);
    const second = await signIn("officer@nms.test", PASSWORD, first.cookie!);
    expect(second.cookie).not.toBe(first.cookie);
    const me = await session(new Request(`${ORIGIN}/api/auth/session`, { headers: { cookie: second.cookie! } }));
    expect(await me.json()).toMatchObject({ actor: "officer@nms.test", role: "safety_officer", kind: "session" });
  });

  it("requires the CSRF token for changes made with the cookie, and refuses other origins", async () => {
    const { cookie, body } = await signIn("officer@nms.test", PASSWORD);
    expect((await newCase(cookie!)).status).toBe(403);
    expect((await newCase(cookie!, { "x-csrf-token": "forged" })).status).toBe(403);
    expect((await newCase(cookie!, { "x-csrf-token": body.csrfToken!, origin: "https://evil.example" })).status).toBe(403);
    expect((await newCase(cookie!, { "x-csrf-token": body.csrfToken!, origin: ORIGIN })).status).toBe(201);
  });

  it("stops checking an account's password after repeated failures, answering exactly as for a wrong one", async () => {
    for (let i = 0; i < ACCOUNT_RULE.free + 1; i++) {
      const attempt = await signIn("victim@nms.test", "wrong password!");
      expect(attempt.response.status).toBe(401);
    }
    // Now throttled (held inside the delay, however slow this machine): even the right password
    // is not checked, and the answer is a plain 401.
    await getPrisma()
      .$executeRaw`UPDATE sign_in_throttle SET next_attempt_at = now() + interval '1 hour' WHERE key = 'account:victim@nms.test'`;
    const evenRight = await signIn("victim@nms.test", PASSWORD);
    expect(evenRight.response.status).toBe(401);
    expect(evenRight.body.error).toMatchObject({ code: "unauthenticated", message: "Email or password is wrong" });
    expect((await signIn("nobody@nms.test", PASSWORD)).body.error).toEqual(evenRight.body.error);
    expect(evenRight.response.headers.get("cache-control")).toBe("no-store");
  });

  it("ends the session on sign-out", async () => {
    const { cookie } = await signIn("officer@nms.test", PASSWORD);
    await logout(new Request(`${ORIGIN}/api/auth/logout`, { method: "POST", headers: { cookie: cookie! } }));
    const me = await session(new Request(`${ORIGIN}/api/auth/session`, { headers: { cookie: cookie! } }));
    expect(me.status).toBe(401);
    const sessions = await getPrisma().session.findMany({ where: { user: { email: "officer@nms.test" } } });
    expect(sessions).toHaveLength(3); // the three earlier sign-ins; the signed-out one is gone
  });
});
