// Property-based fuzzing of every JSON (and multipart) body the API accepts, through the route
// handlers on a real database: each answer is a 2xx that the stored data agrees with, or a 4xx
// in the error envelope with the stored data untouched — never a 5xx, never a hang.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { GET as session } from "@/app/api/auth/session/route";
import { DELETE, GET as getOne, PATCH } from "@/app/api/v1/cases/[id]/route";
import { POST } from "@/app/api/v1/cases/route";
import { POST as upload } from "@/app/api/v1/imports/route";
import { getPrisma } from "@/lib/db/client";
import { createUser } from "@/lib/auth/users";
import { SESSION_COOKIE } from "@/lib/auth/sessions";
import { writeReferenceData } from "@/seed/write-reference-data";
import { noParams, requestsAs, withId } from "../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../helpers/test-database";
import { caseBody, casePatch, hostileBody, type TBody } from "./fuzz-case-bodies";
import {
  FUZZ_FLOORS,
  FuzzLedger,
  type TAnswer,
  type TFingerprint,
  expectNoServerError,
  fingerprint,
  floorsAddUp,
  fuzzParams,
  hostileString,
  hostileValue,
  invalidUtf8,
  readAnswer,
  withinTime,
} from "./fuzz-support";
import { CSV_FIXTURE as caseCsv } from "./fuzz-import-inputs";

const ORIGIN = "http://nms.test";
const USER = { email: "fuzz.officer@nms.test", password: "fuzzing is a good habit" };
const ledger = new FuzzLedger();
let database: TTestDatabase;
let token = "";
let expected: TFingerprint;
let targetId = "";

beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  await createUser({ email: USER.email, name: "Fuzz", role: "safety_officer", password: USER.password });
  token = (await requestsAs("safety_officer"))("GET", ORIGIN).headers.get("authorization")!;
  const created = await call(POST, noParams, "POST", "/api/v1/cases", JSON.stringify(caseBody("TARGET")));
  expect(created.status).toBe(201);
  targetId = String((created.json as { id: string }).id);
  expected = await fingerprint();
});
afterAll(async () => {
  console.info(ledger.report("fuzz-bodies"));
  await database.close();
});

type THandler<C> = (request: Request, context: C) => Promise<Response>;

/** One in-process call with a raw body (text or bytes), read whole within the time limit. */
async function call<C>(
  handler: THandler<C>,
  context: C,
  method: string,
  path: string,
  body?: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<TAnswer> {
  const request = new Request(`${ORIGIN}${path}`, {
    method,
    headers: { authorization: token, "content-type": "application/json", ...headers },
    body: body as BodyInit | undefined,
  });
  return readAnswer(await withinTime(handler(request, context), `${method} ${path}`), `${method} ${path}`);
}

/** After a refused input nothing stored may differ; after an accepted one, the new state is the baseline. */
async function expectUnchanged(label: string): Promise<void> {
  expect(await fingerprint(), `${label}: stored data unchanged`).toEqual(expected);
}

/** A URL can only carry well-formed text: a lone surrogate is sent as U+FFFD, as a browser would. */
const urlSafe = (text: string) =>
  encodeURIComponent(text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"));
const asText = (body: TBody) => (typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body));
const revisionOf = async (id: string) => {
  const answer = await call(getOne, withId(id), "GET", `/api/v1/cases/${id}`);
  return (answer.json as { revision: number }).revision;
};

/** A fresh target when a fuzzed DELETE happened to hit the current revision. */
async function recreateTarget(): Promise<string> {
  const created = await call(POST, noParams, "POST", "/api/v1/cases", JSON.stringify(caseBody(`TARGET-${Date.now()}`)));
  expect(created.status).toBe(201);
  return String((created.json as { id: string }).id);
}

describe("fuzzed JSON bodies", () => {
  it("POST /api/v1/cases: 201 with a case that reads back, or a 4xx with nothing written", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 3, arbitrary: casePatch(false) }, { weight: 2, arbitrary: hostileBody }), async (mutate) => {
        n++;
        const body = mutate(`FUZZ-${n}`);
        const answer = await call(POST, noParams, "POST", "/api/v1/cases", asText(body));
        ledger.add("POST /api/v1/cases", answer.status);
        if (expectNoServerError(answer, "POST /cases") === "rejected") return expectUnchanged("POST /cases");
        expect(answer.status).toBe(201);
        const created = answer.json as { id: string; sourceId: string; revision: number };
        expect(created.revision).toBe(1);
        const stored = await call(getOne, withId(created.id), "GET", `/api/v1/cases/${created.id}`);
        expect(stored.json).toEqual(created);
        const now = await fingerprint();
        expect(Number(now.cases)).toBe(Number(expected.cases) + 1);
        expect(Number(now.audit_events)).toBe(Number(expected.audit_events) + 1);
        expected = now;
      }),
      fuzzParams(1_000),
    );
  });

  it("PATCH /api/v1/cases/{id} at the current revision: 200 with revision + 1, or a 4xx with nothing written", async () => {
    await fc.assert(
      fc.asyncProperty(casePatch(true), async (mutate) => {
        const revision = await revisionOf(targetId);
        const body = mutate("unused");
        if (body && typeof body === "object" && !Array.isArray(body) && !(body instanceof Uint8Array)) body.expectedRevision = revision;
        const answer = await call(PATCH, withId(targetId), "PATCH", `/api/v1/cases/${targetId}`, asText(body));
        ledger.add("PATCH /api/v1/cases/{id} (valid revision)", answer.status);
        if (expectNoServerError(answer, "PATCH valid revision") === "rejected") return expectUnchanged("PATCH valid revision");
        expect(answer.status).toBe(200);
        expect((answer.json as { revision: number }).revision).toBe(revision + 1);
        const stored = await call(getOne, withId(targetId), "GET", `/api/v1/cases/${targetId}`);
        expect(stored.json, "the edit reads back as answered").toEqual(answer.json);
        const now = await fingerprint();
        expect(Number(now.audit_events)).toBe(Number(expected.audit_events) + 1);
        expect(now.cases).toBe(expected.cases);
        expected = now;
      }),
      fuzzParams(450),
    );
  });

  it("PATCH and DELETE with a hostile id, revision or body: 4xx with nothing written, unless the revision is current", async () => {
    const id = fc.oneof(hostileString, fc.uuid(), fc.constant(targetId));
    const revision = fc.oneof(hostileValue, fc.constant(undefined), fc.integer({ min: 1_000, max: 2 ** 31 + 10 }));
    await fc.assert(
      fc.asyncProperty(
        id,
        revision,
        fc.oneof(casePatch(true), hostileBody),
        fc.boolean(),
        async (caseId, expectedRevision, mutate, remove) => {
          const label = remove ? "DELETE /cases/{id}" : "PATCH /cases/{id}";
          const current = caseId === targetId ? await revisionOf(targetId) : null;
          const path = `/api/v1/cases/${urlSafe(caseId)}`;
          let answer: TAnswer;
          if (remove) {
            const text = typeof expectedRevision === "string" ? expectedRevision : (JSON.stringify(expectedRevision) ?? "");
            answer = await call(
              DELETE,
              withId(caseId),
              "DELETE",
              `${path}?reason=fuzz${expectedRevision === undefined ? "" : `&revision=${urlSafe(text)}`}`,
            );
          } else {
            const body = mutate("unused");
            if (body && typeof body === "object" && !Array.isArray(body) && !(body instanceof Uint8Array))
              body.expectedRevision = expectedRevision;
            answer = await call(PATCH, withId(caseId), "PATCH", path, asText(body));
          }
          ledger.add(label, answer.status);
          if (expectNoServerError(answer, label) === "rejected") return expectUnchanged(label);
          // Only the target's current revision (a small whole number the generators can hit by chance) may pass.
          expect(current, `${label} succeeded on ${JSON.stringify(caseId)}`).not.toBeNull();
          expect(Number(remove ? String(expectedRevision) : expectedRevision)).toBe(current);
          if (remove) targetId = await recreateTarget();
          expected = await fingerprint();
        },
      ),
      fuzzParams(800),
    );
  });

  it("POST /api/auth/login: 400 for a malformed body, 401/429 for wrong credentials, never a session", async () => {
    let realUserTries = 0;
    const credentials = fc.oneof(
      { weight: 6, arbitrary: hostileBody.map((mutate) => mutate("login")) },
      { weight: 4, arbitrary: fc.record({ email: hostileValue, password: hostileValue }, { requiredKeys: [] }) },
      // Well-formed attempts cost a bcrypt comparison each (~0.2 s): a few, some against the real account.
      {
        weight: 1,
        arbitrary: fc.record({
          email: fc.oneof(fc.constant(USER.email), fc.emailAddress()),
          password: fc.string({ minLength: 1, maxLength: 30 }),
        }),
      },
    );
    await fc.assert(
      fc.asyncProperty(credentials, async (body) => {
        const wellFormed =
          typeof body === "object" &&
          body !== null &&
          "email" in body &&
          typeof body.email === "string" &&
          typeof (body as { password?: unknown }).password === "string";
        if (wellFormed && ++realUserTries > 40) return; // keep the run short; still counted below only when sent
        const answer = await call(login, undefined, "POST", "/api/auth/login", asText(body));
        ledger.add("POST /api/auth/login", answer.status);
        expect(expectNoServerError(answer, "login")).toBe("rejected");
        expect([400, 401, 413, 429]).toContain(answer.status);
        await expectUnchanged("login");
      }),
      fuzzParams(700),
    );
  });

  it("hostile session cookies: sign-out answers 204, the session check 401, nothing changes", async () => {
    // Header values are bytes: what a client can put in a Cookie header is latin-1 without CR, LF or NUL.
    const asHeader = (text: string) =>
      Buffer.from(text, "utf8")
        .toString("latin1")
        .replace(/[\r\n\0]/g, "");
    const cookie = fc.oneof(
      hostileString.map((v) => `${SESSION_COOKIE}=${asHeader(v)}`),
      fc.constantFrom("%", "%E0%A4%A", "%ZZ", "%C0%AF", "%uD800").map((v) => `${SESSION_COOKIE}=${v}`),
      hostileString.map(asHeader),
    );
    await fc.assert(
      fc.asyncProperty(cookie, async (header) => {
        const out = await readAnswer(
          await withinTime(logout(new Request(`${ORIGIN}/api/auth/logout`, { method: "POST", headers: { cookie: header } })), "logout"),
          "logout",
        );
        expect(expectNoServerError(out, `logout with cookie ${JSON.stringify(header)}`)).toBe("ok");
        expect(out.status).toBe(204);
        const me = await readAnswer(
          await withinTime(session(new Request(`${ORIGIN}/api/auth/session`, { headers: { cookie: header } })), "session"),
          "session",
        );
        expect(expectNoServerError(me, `session with cookie ${JSON.stringify(header)}`)).toBe("rejected");
        expect(me.status).toBe(401);
        ledger.add("cookie headers (logout + session)", `${out.status}+${me.status}`, 2);
        await expectUnchanged("cookies");
      }),
      fuzzParams(300),
    );
  });

  it("POST /api/v1/imports with fuzzed multipart: 202 and a job that ends, or a 4xx with nothing kept", async () => {
    // Weighted towards well-formed uploads, so the fuzzer also reaches the import behind a 202.
    const field = fc.tuple(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom("format", "skipInvalid") },
        { weight: 1, arbitrary: fc.constantFrom("file", "formt", "period") },
      ),
      fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom("csv", "faers", "openfda", "e2b", "true", "false", "xlsx") },
        { weight: 1, arbitrary: hostileString },
      ),
    );
    const contentType = fc.oneof(
      { weight: 6, arbitrary: fc.constant("multipart/form-data; boundary=XyZ") },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "multipart/form-data",
          "multipart/form-data; boundary=",
          'multipart/form-data; boundary="',
          "application/json",
          "text/plain",
          "multipart/mixed; boundary=XyZ",
          `multipart/form-data; boundary=${"b".repeat(80)}`,
        ),
      },
    );
    const part = ([name, value]: [string, string]) => `--XyZ\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const filePart = (content: string) =>
      `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="fuzz.csv"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n`;
    const body = fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .tuple(fc.array(field, { maxLength: 2 }), fc.oneof(fc.constant(caseCsv), hostileString), fc.integer({ min: 0, max: 5 }))
          .map(([fields, content, close]) => fields.map(part).join("") + filePart(content) + (close > 0 ? "--XyZ--\r\n" : "")),
      },
      { weight: 1, arbitrary: hostileString },
      { weight: 1, arbitrary: invalidUtf8.map((bytes) => Buffer.from(bytes).toString("latin1")) },
    );
    await fc.assert(
      fc.asyncProperty(contentType, body, async (type, text) => {
        const answer = await call(upload, noParams, "POST", "/api/v1/imports", Buffer.from(text, "utf8"), { "content-type": type });
        ledger.add("POST /api/v1/imports (multipart)", answer.status);
        if (expectNoServerError(answer, "POST /imports") === "rejected") return expectUnchanged("POST /imports");
        expect(answer.status).toBe(202);
        const jobId = (answer.json as { jobId: string }).jobId;
        await expect
          .poll(async () => (await getPrisma().importJob.findUniqueOrThrow({ where: { id: jobId } })).status, { timeout: 30_000 })
          .toMatch(/^(succeeded|failed)$/);
        const job = await getPrisma().importJob.findUniqueOrThrow({ where: { id: jobId } });
        if (job.status === "failed") return expectUnchanged("POST /imports (failed job)");
        expected = await fingerprint();
      }),
      fuzzParams(150),
    );
  });

  it(`tried at least ${FUZZ_FLOORS["fuzz-bodies"]} generated inputs (the three fuzz files add up to 10,000)`, () => {
    expect(floorsAddUp()).toBe(true);
    expect(ledger.total).toBeGreaterThanOrEqual(FUZZ_FLOORS["fuzz-bodies"]);
  });
});
