// The app survives a database restart (docs/security.md): the production app runs on a Postgres
// server under steady API traffic (reads and writes, token-authenticated) while the server is
// stopped for a few seconds and started again. Every request answered while the server is
// down gets 503 with the error envelope — no 500, no hang — and once it is back, requests
// succeed again on the same app process, which is never restarted. The server is a cluster of
// the test's own (tests/reliability/local-postgres.ts): stopping the machine's shared server
// would cut off every other session on it.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTemporaryCluster, type TTemporaryCluster } from "../local-postgres";
import { serverUrl } from "./fault-helpers";
import { REQUEST_TIMEOUT_MS, call, newCaseBody, startAppOnServer, type TAnswer, type TAppOnServer } from "./app-under-test";

const DOWN_MS = 3_000;
const CLIENTS = 4;

let cluster: TTemporaryCluster;
/** When the machine's shared server last started: the test must leave it running throughout. */
const sharedServerStart = async () => {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return (await client.query<{ at: string }>("SELECT pg_postmaster_start_time()::text AS at")).rows[0]!.at;
  } finally {
    await client.end();
  }
};
let sharedStartedAt = "";
let subject: TAppOnServer;
let token = "";
let caseId = "";
beforeAll(async () => {
  sharedStartedAt = await sharedServerStart();
  cluster = await startTemporaryCluster();
  subject = await startAppOnServer("restart", cluster.url("postgres"));
  token = await subject.token("safety_officer");
  const created = await call(subject.app.baseUrl, token, "POST", "/api/v1/cases", newCaseBody("RESTART-0", 0));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  caseId = String((created.body as { id: unknown }).id);
});
afterAll(async () => {
  await subject?.close();
  cluster?.destroy();
});

const isEnvelope503 = (a: TAnswer) => a.status === 503 && a.code === "database_unavailable";
const ok = (a: TAnswer) => a.status >= 200 && a.status < 300;

describe("Postgres restart during traffic", () => {
  it("answers 503 with the envelope while the server is down, and recovers without an app restart", async () => {
    const { baseUrl } = subject.app;
    const pid = subject.app.pid;
    const answers: TAnswer[] = [];
    let writes = 0;
    const requests = [
      () => call(baseUrl, token, "GET", "/api/v1/cases?pageSize=5&sort=-onsetDate"),
      () => call(baseUrl, token, "GET", "/api/v1/aggregates?by=drugClass&sex=male"),
      () => call(baseUrl, token, "GET", `/api/v1/cases/${caseId}`),
      () => call(baseUrl, token, "POST", "/api/v1/cases", newCaseBody(`RESTART-${++writes}`, writes)),
      () => call(baseUrl, token, "GET", "/api/health"),
    ];
    let driving = true;
    const drivers = Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = client; driving; i++) {
        answers.push(await requests[i % requests.length]!());
        await new Promise((r) => setTimeout(r, 50));
      }
    });

    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 2_000));
    const stopCalledAt = performance.now();
    let downAt = 0;
    let startCalledAt = 0;
    let upAt = 0;
    try {
      await cluster.stop();
      downAt = performance.now();
      await new Promise((r) => setTimeout(r, DOWN_MS));
    } finally {
      // Whatever happened, the server comes back (the rest of the test needs it).
      startCalledAt = performance.now();
      await cluster.start();
      upAt = performance.now();
    }
    await new Promise((r) => setTimeout(r, 6_000));
    driving = false;
    await Promise.all(drivers);

    const during = answers.filter((a) => a.startedAt >= downAt && a.endedAt <= startCalledAt);
    const after = answers.filter((a) => a.startedAt >= upAt + 1_000);
    const firstOkAfter = answers.filter((a) => a.startedAt >= upAt && ok(a)).sort((a, b) => a.endedAt - b.endedAt)[0];
    const statuses = (list: TAnswer[]) =>
      list.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.failure ?? a.status]: (acc[a.failure ?? a.status] ?? 0) + 1 }), {});
    const slowest = Math.max(...answers.map((a) => a.endedAt - a.startedAt));
    console.log(
      `Postgres restart: ${answers.length} requests over ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
        `stop took ${(downAt - stopCalledAt).toFixed(0)} ms, down ${(startCalledAt - downAt).toFixed(0)} ms, start took ${(upAt - startCalledAt).toFixed(0)} ms; ` +
        `while down ${JSON.stringify(statuses(during))}; after ${JSON.stringify(statuses(after))}; ` +
        `first success ${firstOkAfter ? (firstOkAfter.endedAt - upAt).toFixed(0) : "never"} ms after the server was up; slowest answer ${slowest.toFixed(0)} ms`,
    );

    // The app's own account of anything it did not map (its log names the error).
    if (answers.some((a) => a.status === 500))
      console.log(
        subject.app
          .output()
          .split("\n")
          .filter((l) => /error|Error/.test(l))
          .slice(0, 40)
          .join("\n"),
      );
    // No request hung past the client's timeout or lost its connection, and none got a 500.
    expect(answers.filter((a) => a.failure !== null)).toEqual([]);
    expect(slowest).toBeLessThan(REQUEST_TIMEOUT_MS);
    expect(
      answers.filter((a) => !ok(a) && !isEnvelope503(a)).map((a) => `${a.method} ${a.path} → ${a.status} ${JSON.stringify(a.body)}`),
    ).toEqual([]);
    // While the server was down, every answer was the 503 envelope — reads and writes alike.
    expect(during.length).toBeGreaterThanOrEqual(10);
    expect(during.filter((a) => !isEnvelope503(a)).map((a) => `${a.method} ${a.path} → ${a.status}`)).toEqual([]);
    expect(new Set(during.map((a) => a.method))).toEqual(new Set(["GET", "POST"]));
    for (const a of during)
      expect(a.body).toMatchObject({ error: { code: "database_unavailable", message: expect.stringMatching(/\S/) as string, issues: [] } });
    // Back up: the same app process answers everything again.
    expect(after.length).toBeGreaterThanOrEqual(10);
    expect(after.filter((a) => !ok(a)).map((a) => `${a.method} ${a.path} → ${a.status}`)).toEqual([]);
    expect(subject.app.alive()).toBe(true);
    expect(subject.app.pid).toBe(pid);
    // A constraint still answers as itself after the restart: the duplicate identity is a 409.
    const duplicate = await call(baseUrl, token, "POST", "/api/v1/cases", newCaseBody("RESTART-0", 0));
    expect(duplicate).toMatchObject({ status: 409, code: "conflict" });
    // Every acknowledged create survived the restart.
    const acknowledged = answers.filter((a) => a.method === "POST" && a.status === 201).map((a) => String((a.body as { id: unknown }).id));
    for (const id of acknowledged) expect((await call(baseUrl, token, "GET", `/api/v1/cases/${id}`)).status).toBe(200);
    // Only the test's own cluster went down: the shared server kept running (and its sessions).
    expect(await sharedServerStart()).toBe(sharedStartedAt);
  });
});
