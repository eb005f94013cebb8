// Session administration (issue 18): an administrator lists active sessions with account, start,
// last request, address and browser, ends one (that browser is signed out, the account's other
// sessions stay) or all of an account's; each end is audited. Last request is refreshed at most
// every LAST_SEEN_EVERY_MS, not on every request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/v1/sessions/route";
import { DELETE as endRoute } from "@/app/api/v1/sessions/[id]/route";
import { POST as signOutRoute } from "@/app/api/v1/users/[id]/sign-out/route";
import { LAST_SEEN_EVERY_MS, principalFromSession, signIn } from "@/lib/auth/sessions";
import { createUser } from "@/lib/auth/users";
import { sha256 } from "@/lib/auth/secrets";
import { getPrisma } from "@/lib/db/client";
import { noParams, requestsAs, withId } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

const PASSWORD = "correct horse battery";
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
let database: TTestDatabase;
let admin: Awaited<ReturnType<typeof requestsAs>>;
let officer: Awaited<ReturnType<typeof requestsAs>>;
beforeAll(async () => {
  database = await openTestDatabase();
  await createUser({ email: "nurse@nms.test", name: "Nurse", role: "safety_officer", password: PASSWORD }, "test");
  admin = await requestsAs("admin");
  officer = await requestsAs("safety_officer");
});
afterAll(() => database.close());

type TListed = {
  id: string;
  userId: string;
  email: string;
  role: string;
  ip: string | null;
  userAgent: string | null;
  lastSeenAt: string | null;
};
const listed = async () =>
  ((await (await listRoute(admin("GET", "http://nms.test/api/v1/sessions"), noParams)).json()) as { sessions: TListed[] }).sessions;
const endEvents = () => getPrisma().auditEvent.findMany({ where: { entity: "session", action: "delete" }, orderBy: { id: "asc" } });

describe("sessions administration", () => {
  it("lists each active session with its account, address and browser; never to a non-administrator", async () => {
    const laptop = await signIn("nurse@nms.test", PASSWORD, "203.0.113.7", FIREFOX);
    const phone = await signIn("nurse@nms.test", PASSWORD, "198.51.100.2", "x".repeat(1000));
    const sessions = await listed();
    const byId = new Map(sessions.map((s) => [s.id, s]));
    expect(byId.get(sha256(laptop.cookieValue))).toMatchObject({
      email: "nurse@nms.test",
      role: "safety_officer",
      ip: "203.0.113.7",
      userAgent: FIREFOX,
    });
    // A user agent is kept to 300 characters; the cookie itself is nowhere in the answer.
    expect(byId.get(sha256(phone.cookieValue))?.userAgent).toHaveLength(300);
    expect(JSON.stringify(sessions)).not.toContain(laptop.cookieValue);
    expect((await listRoute(officer("GET", "http://nms.test/api/v1/sessions"), noParams)).status).toBe(403);
  });

  it("refreshes the last request at most every few minutes", async () => {
    const { cookieValue } = await signIn("nurse@nms.test", PASSWORD, "203.0.113.8");
    const id = sha256(cookieValue);
    const longAgo = new Date(Date.now() - LAST_SEEN_EVERY_MS - 60_000);
    await getPrisma().session.update({ where: { id }, data: { lastSeenAt: longAgo } });
    expect(await principalFromSession(cookieValue)).toMatchObject({ actor: "nurse@nms.test" });
    const refreshed = (await getPrisma().session.findUniqueOrThrow({ where: { id } })).lastSeenAt!;
    expect(refreshed.getTime()).toBeGreaterThan(longAgo.getTime() + LAST_SEEN_EVERY_MS);
    // Within the interval nothing is written.
    await principalFromSession(cookieValue);
    expect((await getPrisma().session.findUniqueOrThrow({ where: { id } })).lastSeenAt).toEqual(refreshed);
  });

  it("ends one session (that browser is signed out, the others stay), audited; an unknown id is a 404", async () => {
    const [first, second] = [await signIn("nurse@nms.test", PASSWORD, "192.0.2.1"), await signIn("nurse@nms.test", PASSWORD, "192.0.2.2")];
    const id = sha256(first.cookieValue);
    const before = (await endEvents()).length;
    const ended = await endRoute(admin("DELETE", `http://nms.test/api/v1/sessions/${id}`), withId(id));
    expect(ended.status).toBe(200);
    expect(await ended.json()).toEqual({ id, email: "nurse@nms.test", ended: true });
    expect(await principalFromSession(first.cookieValue)).toBeNull();
    expect(await principalFromSession(second.cookieValue)).not.toBeNull();
    const events = await endEvents();
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ actor: "token:test-admin", before: { sessions: 1, email: "nurse@nms.test" }, after: null });
    expect((await listed()).some((s) => s.id === id)).toBe(false);

    const again = await endRoute(admin("DELETE", `http://nms.test/api/v1/sessions/${id}`), withId(id));
    expect(again.status).toBe(404);
    expect((await endRoute(admin("DELETE", "http://nms.test/api/v1/sessions/nope"), withId("nope"))).status).toBe(404);
  });

  it("signs an account out everywhere", async () => {
    const userId = (await listed()).find((s) => s.email === "nurse@nms.test")!.userId;
    const response = await signOutRoute(admin("POST", `http://nms.test/api/v1/users/${userId}/sign-out`), withId(userId));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { sessionsEnded: number }).sessionsEnded).toBeGreaterThanOrEqual(3);
    expect((await listed()).filter((s) => s.email === "nurse@nms.test")).toEqual([]);
  });
});
