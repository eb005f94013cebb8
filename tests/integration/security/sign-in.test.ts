// Sign-in and the small HTTP findings of docs/security.md through the real route handlers: bodies
// refused while they stream, throttling counted atomically per account and per client (never a
// lock the owner cannot outwait), identical answers, cross-site logout refused, X-Forwarded-Host
// not trusted, no-store answers and an anonymous health check that says nothing about the data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { GET as session } from "@/app/api/auth/session/route";
import { POST as createCaseRoute } from "@/app/api/v1/cases/route";
import { ACCOUNT_RULE, CLIENT_RULE, accountKey, clientKey } from "@/lib/auth/sign-in-throttle";
import { createUser } from "@/lib/auth/users";
import { getPrisma } from "@/lib/db/client";
import { noParams } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

const ORIGIN = "http://nms.test";
const PASSWORD = "correct horse battery";
let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  for (const name of ["owner", "burst", "same", "csrf"]) {
    await createUser({ email: `${name}@nms.test`, name, role: "safety_officer", password: PASSWORD });
  }
});
afterAll(() => database.close());

type TAnswer = {
  status: number;
  body: { error?: { code: string; message: string }; csrfToken?: string };
  cookie: string | null;
  headers: Headers;
};

async function signIn(email: string, password: string, client: string): Promise<TAnswer> {
  const response = await login(
    new Request(`${ORIGIN}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": client },
      body: JSON.stringify({ email, password }),
    }),
  );
  const cookie = /^([^;]+)/.exec(response.headers.get("set-cookie") ?? "")?.[1] ?? null;
  return { status: response.status, body: (await response.json()) as TAnswer["body"], cookie, headers: response.headers };
}

describe("request bodies", () => {
  it("refuses a declared oversized body unread", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 65536;
        controller.enqueue(new Uint8Array(65536));
      },
    });
    const request = new Request(`${ORIGIN}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(256 * 1024 * 1024) },
      body,
      duplex: "half",
    } as RequestInit);
    const response = await login(request);
    expect(response.status).toBe(413);
    // The stream may be primed, never drained.
    expect(pulled).toBeLessThanOrEqual(4 * 65536);
  });

  it("stops reading an undeclared body at the first byte past 1 MB", async () => {
    let pulled = 0;
    const total = 64 * 1024 * 1024;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= total) return controller.close();
        pulled += 65536;
        controller.enqueue(new Uint8Array(65536).fill(32));
      },
    });
    const response = await login(
      new Request(`${ORIGIN}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(2 * 1024 * 1024);
  });
});

describe("sign-in throttling", () => {
  it("counts a burst of concurrent wrong passwords atomically: only the free ones and one more are checked", async () => {
    const started = performance.now();
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn("burst@nms.test", `wrong ${i}`, `198.51.100.${i}`)));
    const elapsedSeconds = (performance.now() - started) / 1000;
    expect(burst.every((a) => a.status === 401)).toBe(true);
    const [row] = await getPrisma().$queryRaw<
      { failures: number }[]
    >`SELECT failures FROM sign_in_throttle WHERE key = ${accountKey("burst@nms.test")}`;
    // Only the claimed attempts were counted and checked: the free ones and the first delayed one —
    // plus, on a machine slow enough that the burst outlasts a delay (1 s, then 3 s, 7 s …), one
    // more for each delay that has run out by the burst's end. Never all 20.
    let checkedAfterDelays = 0;
    for (let k = 1, waited = 2 ** k - 1; waited <= elapsedSeconds; k++, waited += 2 ** k - 1) checkedAfterDelays++;
    expect(row!.failures).toBeLessThanOrEqual(ACCOUNT_RULE.free + 1 + checkedAfterDelays);
    expect(row!.failures).toBeGreaterThanOrEqual(ACCOUNT_RULE.free);
  });

  it("answers a throttled, an unknown and a wrong-password attempt identically", async () => {
    for (let i = 0; i <= ACCOUNT_RULE.free; i++) await signIn("same@nms.test", "wrong password!", "192.0.2.1");
    await getPrisma()
      .$executeRaw`UPDATE sign_in_throttle SET next_attempt_at = now() + interval '1 hour' WHERE key = ${accountKey("same@nms.test")}`;
    const throttled = await signIn("same@nms.test", PASSWORD, "192.0.2.2");
    const unknown = await signIn("nobody-at-all@nms.test", PASSWORD, "192.0.2.3");
    const wrong = await signIn("owner@nms.test", "wrong password!", "192.0.2.4");
    for (const answer of [throttled, unknown, wrong]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual(wrong.body);
      expect(answer.headers.get("retry-after")).toBeNull();
    }
  });

  it("lets the owner in once the delay has passed, however many guesses came before", async () => {
    for (let i = 0; i < 12; i++) await signIn("owner@nms.test", `guess ${i}`, `203.0.113.${i}`);
    // The delay is capped (ACCOUNT_RULE.capSeconds); let it pass rather than wait for it.
    await getPrisma()
      .$executeRaw`UPDATE sign_in_throttle SET next_attempt_at = now() - interval '1 second' WHERE key = ${accountKey("owner@nms.test")}`;
    expect((await signIn("owner@nms.test", PASSWORD, "203.0.113.250")).status).toBe(200);
  });

  it("throttles one client guessing across accounts, without telling which accounts exist", async () => {
    const client = "233.252.0.7";
    const answers: number[] = [];
    for (let i = 0; i <= CLIENT_RULE.free + 1; i++) answers.push((await signIn(`spray-${i}@nms.test`, "wrong password!", client)).status);
    expect(answers.slice(0, CLIENT_RULE.free)).toEqual(Array(CLIENT_RULE.free).fill(401));
    await getPrisma().$executeRaw`UPDATE sign_in_throttle SET next_attempt_at = now() + interval '1 hour' WHERE key = ${clientKey(client)}`;
    const last = await signIn("owner@nms.test", PASSWORD, client);
    expect(last.status).toBe(429);
    expect(last.body.error?.code).toBe("throttled");
    // Another client is not affected.
    expect((await signIn("owner@nms.test", PASSWORD, "233.252.0.8")).status).toBe(200);
  });
});

describe("small HTTP findings", () => {
  it("marks the session answer and sign-in no-store", async () => {
    const signedIn = await signIn("csrf@nms.test", PASSWORD, "192.0.2.50");
    expect(signedIn.headers.get("cache-control")).toBe("no-store");
    const me = await session(new Request(`${ORIGIN}/api/auth/session`, { headers: { cookie: signedIn.cookie! } }));
    expect(me.headers.get("cache-control")).toBe("no-store");
  });

  it("does not let X-Forwarded-Host vouch for another site's origin", async () => {
    const signedIn = await signIn("csrf@nms.test", PASSWORD, "192.0.2.51");
    const response = await createCaseRoute(
      new Request(`${ORIGIN}/api/v1/cases`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          cookie: signedIn.cookie!,
          "x-csrf-token": signedIn.body.csrfToken!,
          origin: "https://evil.example",
          "x-forwarded-host": "evil.example",
        },
        body: JSON.stringify({ sourceId: "XFH-1" }),
      }),
      noParams,
    );
    expect(response.status).toBe(403);
  });

  it("refuses a cross-site sign-out and keeps the session", async () => {
    const signedIn = await signIn("csrf@nms.test", PASSWORD, "192.0.2.52");
    const response = await logout(
      new Request(`${ORIGIN}/api/auth/logout`, { method: "POST", headers: { cookie: signedIn.cookie!, origin: "https://evil.example" } }),
    );
    expect(response.status).toBe(403);
    const me = await session(new Request(`${ORIGIN}/api/auth/session`, { headers: { cookie: signedIn.cookie! } }));
    expect(me.status).toBe(200);
  });

  it("tells an anonymous health check nothing about the data", async () => {
    const response = await health(new Request(`${ORIGIN}/api/health`));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: expect.any(String) as string });
  });

  it("names the session cookie __Host- and sends HSTS over HTTPS", async () => {
    const response = await login(
      new Request("https://nms.test/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "192.0.2.53" },
        body: JSON.stringify({ email: "csrf@nms.test", password: PASSWORD }),
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(/^__Host-nms_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
    expect(response.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
  });
});
