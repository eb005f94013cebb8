// Sessions and CSRF through the route handlers on a real database: a session id planted before
// sign-in is never promoted or accepted, and every cookie-authenticated change (each mutation
// route) without the session's x-csrf-token, or from another site, is a 403 that writes nothing.
// Already covered in tests/integration/security/sessions.test.ts and not repeated: cookie flags,
// a new id on each sign-in, lockout, sign-out ending the session, and the CSRF check on POST /cases.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as session } from "@/app/api/auth/session/route";
import { DELETE as deleteCase, PATCH as patchCase } from "@/app/api/v1/cases/[id]/route";
import { POST as createCase } from "@/app/api/v1/cases/route";
import { POST as upload } from "@/app/api/v1/imports/route";
import { newSecret, sha256 } from "@/lib/auth/secrets";
import { SESSION_COOKIE } from "@/lib/auth/sessions";
import { createUser } from "@/lib/auth/users";
import { getPrisma } from "@/lib/db/client";
import { writeReferenceData } from "@/seed/write-reference-data";
import { noParams, withId } from "../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../helpers/test-database";
import { CSV_FIXTURE } from "./fuzz-import-inputs";
import { caseBody } from "./fuzz-case-bodies";
import { type TFingerprint, fingerprint, fuzzParams } from "./fuzz-support";

const ORIGIN = "http://nms.test";
const PASSWORD = "a long and careful passphrase";
let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  await createUser({ email: "victim@nms.test", name: "Victim", role: "safety_officer", password: PASSWORD });
  await createUser({ email: "attacker@nms.test", name: "Attacker", role: "safety_officer", password: PASSWORD });
});
afterAll(() => database.close());

type TSignIn = { status: number; cookie: string | null; csrfToken: string | null };
async function signIn(email: string, headers: Record<string, string> = {}, body?: string): Promise<TSignIn> {
  const response = await login(
    new Request(`${ORIGIN}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: body ?? JSON.stringify({ email, password: PASSWORD }),
    }),
  );
  const value = new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(response.headers.get("set-cookie") ?? "")?.[1];
  const json = (await response.json()) as { csrfToken?: string };
  return { status: response.status, cookie: value ? `${SESSION_COOKIE}=${value}` : null, csrfToken: json.csrfToken ?? null };
}
async function whoIs(cookie: string): Promise<string | null> {
  const response = await session(new Request(`${ORIGIN}/api/auth/session`, { headers: { cookie } }));
  return response.status === 200 ? ((await response.json()) as { actor: string }).actor : null;
}

describe("session fixation", () => {
  it("a planted session id is refused before sign-in, not adopted by it, and refused after", async () => {
    // Ids an attacker could plant: well-formed secrets like ours, and odd ones.
    const planted = fc.oneof(
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString("base64url")),
      fc.string({ minLength: 1, maxLength: 60 }).map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, ""))),
    );
    await fc.assert(
      fc.asyncProperty(planted, async (id) => {
        const fixed = `${SESSION_COOKIE}=${id}`;
        expect(await whoIs(fixed)).toBeNull();
        const signedIn = await signIn("victim@nms.test", { cookie: fixed });
        expect(signedIn.status).toBe(200);
        expect(signedIn.cookie).not.toBeNull();
        expect(signedIn.cookie).not.toBe(fixed);
        expect(await whoIs(fixed), "the planted id after sign-in").toBeNull();
        expect(await whoIs(signedIn.cookie!)).toBe("victim@nms.test");
        expect(await getPrisma().session.count({ where: { id: sha256(decodeURIComponent(id)) } })).toBe(0);
      }),
      fuzzParams(15), // each sign-in is a bcrypt comparison (~0.2 s)
    );
  });

  it("an attacker's own valid session planted in the victim's browser never becomes the victim's", async () => {
    const attacker = await signIn("attacker@nms.test");
    const victim = await signIn("victim@nms.test", { cookie: attacker.cookie! });
    expect(victim.cookie).not.toBe(attacker.cookie);
    expect(await whoIs(victim.cookie!)).toBe("victim@nms.test");
    // The planted id still means the attacker, so nothing the victim does through it is the victim's.
    expect(await whoIs(attacker.cookie!)).toBe("attacker@nms.test");
  });

  it("sign-in from another site's form is refused (login CSRF), without a session", async () => {
    const sessions = await getPrisma().session.count();
    // A text/plain form can carry a JSON body: name `{"email":"…","password":"pass` and value `word"}`.
    const forged = await signIn(
      "attacker@nms.test",
      { origin: "https://evil.example", "content-type": "text/plain" },
      JSON.stringify({ email: "attacker@nms.test", password: PASSWORD }),
    );
    expect(forged.status).toBe(403);
    expect(forged.cookie).toBeNull();
    expect(await getPrisma().session.count()).toBe(sessions);
    // The same request from the app's own page is fine.
    expect((await signIn("attacker@nms.test", { origin: ORIGIN })).status).toBe(200);
  });
});

describe("CSRF on every cookie-authenticated change", () => {
  type TMutation = { name: string; send: (headers: Record<string, string>) => Promise<Response>; ok: number };
  let victim: TSignIn;
  let other: TSignIn;
  let caseId = "";
  const mutations: TMutation[] = [];

  beforeAll(async () => {
    victim = await signIn("victim@nms.test");
    other = await signIn("attacker@nms.test");
    const headers = (extra: Record<string, string>, type = "application/json") => ({
      "content-type": type,
      cookie: victim.cookie!,
      ...extra,
    });
    const created = await createCase(
      new Request(`${ORIGIN}/api/v1/cases`, {
        method: "POST",
        headers: headers({ "x-csrf-token": victim.csrfToken!, origin: ORIGIN }),
        body: JSON.stringify(caseBody("CSRF-TARGET")),
      }),
      noParams,
    );
    expect(created.status).toBe(201);
    caseId = ((await created.json()) as { id: string }).id;
    let n = 0;
    mutations.push(
      {
        name: "POST /api/v1/cases",
        ok: 201,
        send: (h) =>
          createCase(
            new Request(`${ORIGIN}/api/v1/cases`, { method: "POST", headers: headers(h), body: JSON.stringify(caseBody(`CSRF-${++n}`)) }),
            noParams,
          ),
      },
      {
        name: "PATCH /api/v1/cases/{id}",
        ok: 200,
        send: async (h) => {
          const revision = (await getPrisma().caseReport.findUniqueOrThrow({ where: { id: caseId } })).revision;
          return patchCase(
            new Request(`${ORIGIN}/api/v1/cases/${caseId}`, {
              method: "PATCH",
              headers: headers(h),
              body: JSON.stringify({ expectedRevision: revision, outcome: "fatal" }),
            }),
            withId(caseId),
          );
        },
      },
      {
        name: "DELETE /api/v1/cases/{id}",
        ok: 204,
        send: async (h) => {
          const revision = (await getPrisma().caseReport.findUniqueOrThrow({ where: { id: caseId } })).revision;
          return deleteCase(
            new Request(`${ORIGIN}/api/v1/cases/${caseId}?revision=${revision}&reason=session-test`, {
              method: "DELETE",
              headers: { cookie: victim.cookie!, ...h },
            }),
            withId(caseId),
          );
        },
      },
      {
        name: "POST /api/v1/imports",
        ok: 202,
        send: (h) => {
          const form = new FormData();
          form.append("file", new Blob([CSV_FIXTURE], { type: "text/csv" }), "csrf.csv");
          return upload(
            new Request(`${ORIGIN}/api/v1/imports`, { method: "POST", headers: { cookie: victim.cookie!, ...h }, body: form }),
            noParams,
          );
        },
      },
    );
  });

  const FORGERIES: [string, () => Record<string, string>][] = [
    ["no x-csrf-token", () => ({ origin: ORIGIN })],
    ["a made-up x-csrf-token", () => ({ origin: ORIGIN, "x-csrf-token": newSecret() })],
    ["another session's x-csrf-token", () => ({ origin: ORIGIN, "x-csrf-token": other.csrfToken! })],
    ["an empty x-csrf-token", () => ({ origin: ORIGIN, "x-csrf-token": "" })],
    ["the right token from another site", () => ({ origin: "https://evil.example", "x-csrf-token": victim.csrfToken! })],
    ["the right token from a look-alike host", () => ({ origin: "http://nms.test.evil.example", "x-csrf-token": victim.csrfToken! })],
    ["the right token from an opaque origin", () => ({ origin: "null", "x-csrf-token": victim.csrfToken! })],
  ];

  it("each forgery is a 403 in the envelope on each mutation route, and nothing is written", async () => {
    const before: TFingerprint = await fingerprint();
    const jobs = await getPrisma().importJob.count();
    for (const mutation of mutations) {
      for (const [forgery, headers] of FORGERIES) {
        const response = await mutation.send(headers());
        expect(response.status, `${mutation.name} with ${forgery}`).toBe(403);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe("csrf");
      }
    }
    expect(await fingerprint()).toEqual(before);
    expect(await getPrisma().importJob.count()).toBe(jobs);
  });

  it("the same changes with the session's token from the app's own origin go through", async () => {
    for (const mutation of mutations) {
      const response = await mutation.send({ origin: ORIGIN, "x-csrf-token": victim.csrfToken! });
      expect(response.status, mutation.name).toBe(mutation.ok);
    }
    // Let the upload's background import finish before the database is dropped.
    await expect
      .poll(async () => getPrisma().importJob.count({ where: { status: { in: ["queued", "running"] } } }), { timeout: 30_000 })
      .toBe(0);
  });
});
