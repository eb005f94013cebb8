// Load on the real Postgres server: 50 concurrent API clients for 60 s against the production
// app, mixing reads (aggregates with varying filters, the line listing, single cases) and
// writes (creates, edits at the revision read, deletes) as a safety officer. Some edits race on
// shared "hot" cases on purpose; their 409s are expected and counted apart. Afterwards nothing
// may be lost or doubled: every acknowledged create is readable, the case count reconciles, and
// the audit trail holds exactly one event per acknowledged write.
import { writeFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prng } from "@/seed/prng";
import { runCli } from "./fault-helpers";
import { call, newCaseBody, startAppOnServer, type TAnswer, type TAppOnServer } from "./app-under-test";

const CLIENTS = Number(process.env.NMS_LOAD_CLIENTS ?? 50);
const DURATION_MS = Number(process.env.NMS_LOAD_SECONDS ?? 60) * 1000;
const RESULTS_FILE = "/tmp/nms-load-results.json";
const HOT_CASES = 5;

const DIMENSIONS = ["drugClass", "drug", "sex", "ageBand", "outcome", "year", "country", "source"];
const FILTERS = [
  "",
  "&sex=male",
  "&sex=female&ageBand=18-39",
  "&outcome=fatal",
  "&drugClass=second_generation",
  "&from=2015-01-01&to=2020-12-31",
  "&country=US",
  "&meetsConsensus=true",
  "&ci=exact",
  "&source=manual&source=csv",
];
const LIST_FILTERS = [
  "",
  "&sex=male",
  "&outcome=fatal",
  "&drugClass=first_generation",
  "&ageBand=65%2B",
  "&sort=-onsetDate",
  "&q=rigidity",
];

type TOp = "aggregates" | "list" | "read" | "create" | "patch" | "racePatch" | "delete";
type TResult = TAnswer & { op: TOp; caseId?: string };
type TOwned = { id: string; revision: number };

let subject: TAppOnServer;
let db: pg.Client;
let token = "";
let knownIds: string[] = [];
const hotIds: string[] = [];

const countRows = async (sql: string): Promise<number> => Number((await db.query<{ n: string }>(sql)).rows[0]?.n);
/** Cases that count, by the app's rule (docs/case-processing.md): live, not a confirmed duplicate, not a draft (the demo seed writes a few). */
const liveCases = () =>
  countRows("SELECT count(*)::text AS n FROM case_report WHERE deleted_at IS NULL AND duplicate_of IS NULL AND status <> 'draft'");

beforeAll(async () => {
  subject = await startAppOnServer("load");
  // Cases to read and aggregate (the seed writes no case audit events, so the trail starts empty of them).
  const seeded = await runCli(["seed", "--cases", "5000"], { DATABASE_URL: subject.database.url });
  expect(seeded.code, seeded.stderr).toBe(0);
  token = await subject.token("safety_officer");
  db = new pg.Client({ connectionString: subject.database.url });
  await db.connect();
  knownIds = (await db.query<{ id: string }>("SELECT id::text FROM case_report ORDER BY id LIMIT 500")).rows.map((r) => r.id);
  for (let i = 0; i < HOT_CASES; i++) {
    const created = await call(subject.app.baseUrl, token, "POST", "/api/v1/cases", newCaseBody(`HOT-${i}`, i));
    expect(created.status).toBe(201);
    hotIds.push(String((created.body as { id: unknown }).id));
  }
});
afterAll(async () => {
  await db?.end();
  await subject?.close();
});

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;
}

const revisionOf = (a: TAnswer) => Number((a.body as { revision?: unknown }).revision);
const idOf = (a: TAnswer) => String((a.body as { id?: unknown }).id);

describe("API under load on Postgres", () => {
  it(`serves ${CLIENTS} concurrent clients for ${DURATION_MS / 1000} s with no error and no lost write`, async () => {
    const { baseUrl } = subject.app;
    const casesBefore = await liveCases();
    const auditBefore = await countRows("SELECT count(*)::text AS n FROM audit_event WHERE entity = 'case' AND action::text <> 'access'");
    const results: TResult[] = [];
    const deadline = performance.now() + DURATION_MS;
    let serial = 0;

    const client = async (index: number) => {
      const rng = new Prng(2026, index);
      const owned: TOwned[] = [];
      const record = (op: TOp, answer: TAnswer, caseId?: string) => {
        results.push({ ...answer, op, caseId });
        return answer;
      };
      while (performance.now() < deadline) {
        const roll = rng.next();
        if (roll < 0.35) {
          const path = `/api/v1/aggregates?by=${rng.pick(DIMENSIONS)}${rng.pick(FILTERS)}`;
          record("aggregates", await call(baseUrl, token, "GET", path));
        } else if (roll < 0.55) {
          record("list", await call(baseUrl, token, "GET", `/api/v1/cases?pageSize=20&page=${rng.int(1, 20)}${rng.pick(LIST_FILTERS)}`));
        } else if (roll < 0.73) {
          const id = owned.length && rng.bernoulli(0.3) ? rng.pick(owned).id : rng.pick(knownIds);
          record("read", await call(baseUrl, token, "GET", `/api/v1/cases/${id}`), id);
        } else if (roll < 0.85) {
          const n = ++serial;
          const answer = record("create", await call(baseUrl, token, "POST", "/api/v1/cases", newCaseBody(`LOAD-${n}`, n)));
          if (answer.status === 201) owned.push({ id: idOf(answer), revision: revisionOf(answer) });
        } else if (roll < 0.93 && owned.length) {
          // Own cases: this client is their only editor, so a 409 here would be a real error.
          const target = rng.pick(owned);
          const answer = record(
            "patch",
            await call(baseUrl, token, "PATCH", `/api/v1/cases/${target.id}`, {
              expectedRevision: target.revision,
              outcome: rng.pick(["fatal", "recovered", "recovering"]),
              ageYears: rng.int(18, 80),
            }),
            target.id,
          );
          if (answer.status === 200) target.revision = revisionOf(answer);
        } else if (roll < 0.97) {
          // Shared hot cases: read, then edit at the revision read, racing the other clients.
          const id = rng.pick(hotIds);
          const read = await call(baseUrl, token, "GET", `/api/v1/cases/${id}`);
          record("read", read, id);
          if (read.status === 200)
            record(
              "racePatch",
              await call(baseUrl, token, "PATCH", `/api/v1/cases/${id}`, {
                expectedRevision: revisionOf(read),
                maxTempC: 38 + rng.int(0, 30) / 10,
              }),
              id,
            );
        } else if (owned.length > 3) {
          const target = owned.splice(rng.int(0, owned.length - 1), 1)[0]!;
          record(
            "delete",
            await call(baseUrl, token, "DELETE", `/api/v1/cases/${target.id}?revision=${target.revision}&reason=load-test`),
            target.id,
          );
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    const elapsedS = (performance.now() - started) / 1000;

    const expected = (r: TResult) => (r.status >= 200 && r.status < 300) || (r.op === "racePatch" && r.status === 409);
    const errors = results.filter((r) => !expected(r));
    const latencies = results.map((r) => r.endedAt - r.startedAt).sort((a, b) => a - b);
    const byOp = (op: TOp, status?: number) => results.filter((r) => r.op === op && (status === undefined || r.status === status));
    const created = byOp("create", 201).map(idOf);
    const deleted = byOp("delete", 204).map((r) => r.caseId!);
    const patched = [...byOp("patch", 200), ...byOp("racePatch", 200)].map((r) => r.caseId!);
    const summary = {
      clients: CLIENTS,
      seconds: Number(elapsedS.toFixed(1)),
      requests: results.length,
      requestsPerSecond: Number((results.length / elapsedS).toFixed(1)),
      latencyMs: {
        p50: Number(percentile(latencies, 50).toFixed(1)),
        p99: Number(percentile(latencies, 99).toFixed(1)),
        max: Number((latencies.at(-1) ?? 0).toFixed(1)),
      },
      errors: errors.length,
      expectedRaceConflicts: byOp("racePatch", 409).length,
      operations: Object.fromEntries(
        (["aggregates", "list", "read", "create", "patch", "racePatch", "delete"] as const).map((op) => [op, byOp(op).length]),
      ),
      writes: { created: created.length, patched: patched.length, deleted: deleted.length },
    };
    console.log(`API load: ${JSON.stringify(summary)}`);
    expect(
      errors.slice(0, 5).map((r) => `${r.op} ${r.method} ${r.path} → ${r.failure ?? r.status} ${JSON.stringify(r.body).slice(0, 300)}`),
    ).toEqual([]);
    // Enough writes for the reconciliation below to mean something (about 1 create per second of load at least).
    expect(created.length).toBeGreaterThanOrEqual(DURATION_MS / 1000);
    expect(patched.length).toBeGreaterThanOrEqual(DURATION_MS / 4000);

    // Nothing lost: every acknowledged create is there (deleted ones are gone from reads, not from the table).
    const gone = new Set(deleted);
    const stored = await db.query<{ id: string; deleted: boolean }>(
      "SELECT id::text, deleted_at IS NOT NULL AS deleted FROM case_report WHERE id = ANY($1::uuid[])",
      [created],
    );
    expect(stored.rows.length).toBe(created.length);
    expect(stored.rows.filter((r) => r.deleted !== gone.has(r.id))).toEqual([]);
    const readable = created.filter((i) => !gone.has(i));
    const unreadable: string[] = [];
    for (let at = 0; at < readable.length; at += 25) {
      const batch = readable.slice(at, at + 25);
      const answers = await Promise.all(batch.map((id) => call(baseUrl, token, "GET", `/api/v1/cases/${id}`)));
      answers.forEach((a, i) => a.status !== 200 && unreadable.push(`${batch[i]} → ${a.status}`));
    }
    expect(unreadable).toEqual([]);
    // Counts reconcile, through the database and through the API.
    expect(await liveCases()).toBe(casesBefore + created.length - deleted.length);
    const health = await call(baseUrl, token, "GET", "/api/health");
    expect(health.body).toMatchObject({ status: "ok", cases: casesBefore + created.length - deleted.length });

    // The audit trail: one event per acknowledged write, of the right kind, on the right case.
    const audit = await db.query<{ action: string; entity_id: string; n: string }>(
      "SELECT action::text, entity_id::text, count(*)::text AS n FROM audit_event WHERE entity = 'case' AND action::text <> 'access' GROUP BY 1, 2",
    );
    const tally = (ids: string[]) => ids.reduce<Record<string, number>>((acc, id) => ({ ...acc, [id]: (acc[id] ?? 0) + 1 }), {});
    const audited = (action: string) =>
      Object.fromEntries(audit.rows.filter((r) => r.action === action).map((r) => [r.entity_id, Number(r.n)]));
    const createdAudits = audited("create");
    for (const id of hotIds) delete createdAudits[id]; // created before the load started
    expect(createdAudits).toEqual(tally(created));
    expect(audited("update")).toEqual(tally(patched));
    expect(audited("delete")).toEqual(tally(deleted));
    expect(await countRows("SELECT count(*)::text AS n FROM audit_event WHERE entity = 'case' AND action::text <> 'access'")).toBe(
      auditBefore + created.length + patched.length + deleted.length,
    );
    writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...summary, lostWrites: 0, measuredAt: new Date().toISOString() }, null, 2)}\n`);
  });
});
