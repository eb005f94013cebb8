// Property-based fuzzing of every query parameter of every GET route, through the route handlers
// on a real database holding a small fixture: a 200 whose numbers hang together, or a 400 in the
// error envelope — never a 5xx, never a hang — and a read never changes the stored data.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as aggregates } from "@/app/api/v1/aggregates/route";
import { GET as audit } from "@/app/api/v1/audit/route";
import { GET as baselines } from "@/app/api/v1/baselines/route";
import { GET as getCase } from "@/app/api/v1/cases/[id]/route";
import { GET as cases } from "@/app/api/v1/cases/route";
import { GET as catalogue } from "@/app/api/v1/catalogue/route";
import { GET as aggregatesCsv } from "@/app/api/v1/export/aggregates.csv/route";
import { GET as aggregatesJson } from "@/app/api/v1/export/aggregates.json/route";
import { GET as casesCsv } from "@/app/api/v1/export/cases.csv/route";
import { GET as importJob } from "@/app/api/v1/imports/[id]/route";
import { GET as imports } from "@/app/api/v1/imports/route";
import { GET as signals } from "@/app/api/v1/signals/route";
import type { Role } from "@/lib/domain/vocabulary";
import { writeReferenceData } from "@/seed/write-reference-data";
import { requestsAs, withId } from "../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../helpers/test-database";
import { writeFixtureCases } from "../integration/exports/fixture-cases";
import {
  FUZZ_FLOORS,
  FuzzLedger,
  type TFingerprint,
  expectNoServerError,
  fingerprint,
  floorsAddUp,
  fuzzParams,
  hostileString,
  readAnswer,
  SQL_INJECTIONS,
  withinTime,
} from "./fuzz-support";
import { AGGREGATE_PARAMS, AUDIT_PARAMS, CASE_LIST_PARAMS, EXPORT_PARAMS, SIGNAL_PARAMS, type TParamValues } from "./fuzz-query-values";

const ledger = new FuzzLedger();
let database: TTestDatabase;
let expected: TFingerprint;
const callers = new Map<Role, Awaited<ReturnType<typeof requestsAs>>>();

beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  await writeFixtureCases();
  for (const role of ["admin", "safety_officer", "researcher"] as const) callers.set(role, await requestsAs(role));
  expected = await fingerprint();
});
afterAll(async () => {
  console.info(ledger.report("fuzz-queries"));
  await database.close();
});

type THandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type TRoute = {
  path: string;
  handler: THandler;
  roles: readonly Role[];
  params: TParamValues;
  /** Parameters most queries carry (a required `by`), so the fuzzer also reaches the 200s. */
  usual?: Record<string, string>;
  /** What a 200 must satisfy beyond "it parses". */
  check?: (json: unknown, text: string) => void;
  runs: number;
};

/** Counts are null where a researcher's answer suppresses them (docs/security.md). */
type TAggregateAnswer = { total: { cases: number | null }; groups: { cases: number | null }[] };
const checkAggregates = (json: unknown) => {
  const answer = json as TAggregateAnswer;
  const total = answer.total.cases;
  if (total !== null) expect(total).toBeGreaterThanOrEqual(0);
  // A case counts once in the total and at most once per group (class shares may sum past 100%).
  for (const group of answer.groups) if (group.cases !== null && total !== null) expect(group.cases).toBeLessThanOrEqual(total);
};
const checkPage = (json: unknown) => {
  const page = json as { total: number; pageSize: number; cases?: unknown[]; events?: unknown[] };
  const rows = page.cases ?? page.events ?? [];
  expect(rows.length).toBeLessThanOrEqual(page.pageSize);
  expect(page.total).toBeGreaterThanOrEqual(rows.length);
};

const ROUTES: TRoute[] = [
  {
    path: "/api/v1/aggregates",
    handler: aggregates,
    roles: ["researcher", "safety_officer"],
    params: AGGREGATE_PARAMS,
    usual: { by: "drugClass" },
    check: checkAggregates,
    runs: 550,
  },
  {
    path: "/api/v1/export/aggregates.json",
    handler: aggregatesJson,
    roles: ["researcher", "admin"],
    params: EXPORT_PARAMS,
    usual: { by: "sex" },
    runs: 400,
  },
  {
    path: "/api/v1/export/aggregates.csv",
    handler: aggregatesCsv,
    roles: ["researcher", "safety_officer"],
    params: EXPORT_PARAMS,
    usual: { by: "outcome" },
    check: (_json, text) => expect(text.length).toBeGreaterThan(0),
    runs: 400,
  },
  { path: "/api/v1/cases", handler: cases, roles: ["safety_officer"], params: CASE_LIST_PARAMS, check: checkPage, runs: 550 },
  {
    path: "/api/v1/export/cases.csv",
    handler: casesCsv,
    roles: ["admin"],
    params: CASE_LIST_PARAMS,
    check: (_json, text) => expect(text.startsWith("source_id,")).toBe(true),
    runs: 300,
  },
  { path: "/api/v1/signals", handler: signals, roles: ["researcher"], params: SIGNAL_PARAMS, runs: 400 },
  { path: "/api/v1/audit", handler: audit, roles: ["admin"], params: AUDIT_PARAMS, check: checkPage, runs: 400 },
  {
    path: "/api/v1/baselines",
    handler: baselines,
    roles: ["researcher"],
    params: { metric: ["case_fatality", "incidence_per_100k_py", "sex_ratio"] },
    runs: 200,
  },
  {
    path: "/api/v1/catalogue",
    handler: catalogue,
    roles: ["safety_officer"],
    params: { q: ["halo", "HALDOL", "%", "_", ""], limit: ["1", "10", "100", "0", "101"] },
    runs: 200,
  },
  {
    path: "/api/v1/imports",
    handler: imports,
    roles: ["safety_officer"],
    params: { limit: ["1", "20", "100", "0", "-5", "1e3"] },
    runs: 150,
  },
];

/** Pairs of (name, value): a known name with a valid or hostile value, sometimes an unknown name, repeats allowed. */
function queryOf(route: TRoute): fc.Arbitrary<[string, string][]> {
  const names = Object.keys(route.params);
  const pair = fc
    .constantFrom(...names)
    .chain((name) =>
      fc.tuple(
        fc.constant(name),
        fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(route.params[name] ?? [""])) }, { weight: 2, arbitrary: hostileString }),
      ),
    );
  const stray = fc.tuple(hostileString, hostileString);
  const pairs = fc.array(fc.oneof({ weight: 9, arbitrary: pair }, { weight: 1, arbitrary: stray }), { maxLength: 6 });
  return fc.tuple(pairs, fc.boolean()).map(([list, usual]) => (usual && route.usual ? [...Object.entries(route.usual), ...list] : list));
}

describe("fuzzed query parameters", () => {
  for (const route of ROUTES) {
    it(`GET ${route.path}: 200 that hangs together, or 400 in the envelope; nothing changes`, async () => {
      await fc.assert(
        fc.asyncProperty(queryOf(route), fc.constantFrom(...route.roles), async (pairs, role) => {
          const url = new URL(`http://nms.test${route.path}`);
          for (const [name, value] of pairs) url.searchParams.append(name, value);
          const label = `GET ${url.pathname}${url.search} as ${role}`;
          const request = callers.get(role)!("GET", url.toString());
          const answer = await readAnswer(await withinTime(route.handler(request, { params: Promise.resolve({}) }), label), label);
          ledger.add(`GET ${route.path}`, answer.status);
          if (expectNoServerError(answer, label) === "ok") {
            expect(answer.status, label).toBe(200);
            route.check?.(answer.json, answer.text);
          } else {
            expect([400, 403], label).toContain(answer.status); // 403: a researcher asking for unsuppressed data
          }
          // A read writes nothing, whatever it was asked.
          expect(await fingerprint(), label).toEqual(expected);
        }),
        fuzzParams(route.runs),
      );
    });
  }

  // Random pairs rarely put a given hostile string in a given parameter: this table does, for all.
  const EVERY_PARAM_VALUES = [
    "\u0000",
    "a\u0000b",
    "\uD800",
    "\uDFFFx",
    SQL_INJECTIONS[0],
    SQL_INJECTIONS[3],
    "x".repeat(10_001),
    "%",
    "_",
    "\u202Eevil",
    "-1",
    "1e309",
    "",
  ];
  it("every parameter of every GET route × each hostile value: 200 or 400, never a 5xx", async () => {
    const failures: string[] = [];
    for (const route of ROUTES) {
      for (const name of Object.keys(route.params)) {
        for (const value of EVERY_PARAM_VALUES) {
          const url = new URL(`http://nms.test${route.path}`);
          for (const [key, usual] of Object.entries(route.usual ?? {})) if (key !== name) url.searchParams.set(key, usual);
          url.searchParams.append(name, value);
          const role = route.roles[0]!;
          const label = `GET ${route.path} ${name}=${JSON.stringify(value.slice(0, 20))} as ${role}`;
          const answer = await readAnswer(
            await withinTime(route.handler(callers.get(role)!("GET", url.toString()), { params: Promise.resolve({}) }), label),
            label,
          );
          ledger.add("every parameter × hostile value", answer.status);
          // Collected rather than thrown, so one run lists every parameter that fails.
          if (answer.status >= 500) failures.push(`${label} → ${answer.status}`);
          else if (expectNoServerError(answer, label) === "ok") route.check?.(answer.json, answer.text);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await fingerprint()).toEqual(expected);
  });

  it("GET /api/v1/cases/{id} and /api/v1/imports/{id} with hostile ids: 404 in the envelope", async () => {
    const officer = callers.get("safety_officer")!;
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileString, fc.uuid()), fc.boolean(), async (id, isCase) => {
        const handler = (isCase ? getCase : importJob) as THandler;
        const label = `GET ${isCase ? "cases" : "imports"}/${JSON.stringify(id).slice(0, 80)}`;
        const answer = await readAnswer(await withinTime(handler(officer("GET", "http://nms.test/api/v1/x"), withId(id)), label), label);
        ledger.add("GET {cases,imports}/{id}", answer.status);
        expect(expectNoServerError(answer, label)).toBe("rejected");
        expect(answer.status).toBe(404);
      }),
      fuzzParams(400),
    );
    expect(await fingerprint()).toEqual(expected);
  });

  it(`tried at least ${FUZZ_FLOORS["fuzz-queries"]} generated inputs (the fuzz files add up to 10,000)`, () => {
    expect(floorsAddUp()).toBe(true);
    expect(ledger.total).toBeGreaterThanOrEqual(FUZZ_FLOORS["fuzz-queries"]);
  });
});
