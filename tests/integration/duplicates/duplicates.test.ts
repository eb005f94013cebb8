// Duplicate reports end to end on a real database (embedded, or NMS_TEST_POSTGRES_URL): the scan
// after case writes finds the pair, the review API decides it, and a confirmed duplicate changes
// case counts, the rate numerator and the signal tables by exactly one — undoing restores them.
// Bad input: a changed case (409), a master outside the pair (400), concurrent decisions (one 409).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAggregatesRoute } from "@/app/api/v1/aggregates/route";
import { GET as listPairs } from "@/app/api/v1/duplicates/route";
import { POST as decidePair } from "@/app/api/v1/duplicates/[id]/route";
import { GET as getSignals } from "@/app/api/v1/signals/route";
import { createCase } from "@/lib/cases/case-commands";
import { getPrisma } from "@/lib/db/client";
import { withTransaction } from "@/lib/db/transaction";
import { scanDuplicates } from "@/lib/duplicates/scan-duplicates";
import { duplicateScansIdle } from "@/lib/duplicates/scan-queue";
import { writeScoredPairs } from "@/lib/duplicates/write-pairs";
import { countAggregateCells } from "@/lib/queries/aggregates/count-aggregate-cells";
import { ZAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import type { TDuplicatePair } from "@/lib/queries/find-duplicate-pairs";
import { noParams, requestsAs, withId } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { OTHERS, REPORT_A, REPORT_B, REPORT_C } from "./fixture";

let database: TTestDatabase;
let as: Awaited<ReturnType<typeof requestsAs>>;
const ids = { a: "", b: "", c: "" };

beforeAll(async () => {
  database = await openTestDatabase();
  as = await requestsAs("safety_officer");
  const actor = { name: "duplicates-test" };
  for (const input of OTHERS) await createCase(input, actor);
  ids.a = (await createCase(REPORT_A, actor)).id;
  ids.b = (await createCase(REPORT_B, actor)).id;
  await duplicateScansIdle();
  // A and B came from one FAERS quarter, whose background counts include both reports.
  const prisma = getPrisma();
  const job = await prisma.importJob.create({
    data: { format: "faers", fileName: "faers_ascii_2020q1.zip", status: "succeeded", unmappedDrugs: [] },
  });
  await prisma.$executeRaw`UPDATE case_report SET import_job_id = ${job.id}::uuid WHERE id IN (${ids.a}::uuid, ${ids.b}::uuid)`;
  const haloperidol = await prisma.catalogueDrug.findUniqueOrThrow({ where: { name: "haloperidol" } });
  await prisma.backgroundCount.create({
    data: { source: "faers", period: "2020Q1", drugId: null, drugReports: 10_000, nmsReports: 40, totalReports: 10_000 },
  });
  await prisma.backgroundCount.create({
    data: { source: "faers", period: "2020Q1", drugId: haloperidol.id, drugReports: 300, nmsReports: 12 },
  });
}, 120_000);
afterAll(() => database.close());

async function pairs(status = "candidate"): Promise<TDuplicatePair[]> {
  const response = await listPairs(as("GET", `http://nms.test/api/v1/duplicates?status=${status}`), noParams);
  expect(response.status).toBe(200);
  return ((await response.json()) as { pairs: TDuplicatePair[] }).pairs;
}
const decide = (pairId: string, body: unknown) =>
  decidePair(as("POST", `http://nms.test/api/v1/duplicates/${pairId}`, body), withId(pairId));
const pairOf = (list: TDuplicatePair[], x: string, y: string) =>
  list.find((p) => p.cases.some((c) => c.id === x) && p.cases.some((c) => c.id === y));

/** Everything a confirmed duplicate must change by one. */
async function measures() {
  const aggregates = await getAggregatesRoute(as("GET", "http://nms.test/api/v1/aggregates?by=sex"), noParams);
  const body = (await aggregates.json()) as { total: { cases: number } };
  const query = ZAggregateQuery.parse({ by: "drug", from: "2020-01-01", to: "2020-12-31" });
  const counted = await countAggregateCells(query, { start: "2020-01-01", end: "2020-12-31" });
  const fromCases = await countAggregateCells(query, { start: "2020-01-01", end: "2020-12-31" }, { source: "cases" });
  const signals = await getSignals(as("GET", "http://nms.test/api/v1/signals?source=faers&drug=haloperidol"), noParams);
  const report = (await signals.json()) as { totals: { reports: number; nmsReports: number }; drugs: { key: string; a: number }[] };
  return {
    cases: body.total.cases,
    haloperidolInPeriod: counted.groups.get("haloperidol")?.inPeriod ?? 0,
    haloperidolFromCases: fromCases.groups.get("haloperidol")?.inPeriod ?? 0,
    nmsReports: report.totals.nmsReports,
    reports: report.totals.reports,
    signalA: report.drugs.find((d) => d.key === "haloperidol")?.a ?? -1,
  };
}

describe("duplicate reports", () => {
  it("finds the pair after the cases were written, and nothing among unrelated cases", async () => {
    const list = await pairs();
    const pair = pairOf(list, ids.a, ids.b);
    expect(pair?.status).toBe("candidate");
    expect(pair!.score).toBeGreaterThanOrEqual(16);
    expect(pair!.cases.map((c) => c.source)).toEqual(["faers", "faers"]);
    expect(list).toHaveLength(1);
  });

  it("counts a confirmed duplicate once in counts, rates and signals, and undoing restores them", async () => {
    const before = await measures();
    expect(before).toEqual({
      cases: OTHERS.length + 2,
      haloperidolInPeriod: 2,
      haloperidolFromCases: 2,
      nmsReports: 40,
      reports: 10_000,
      signalA: 12,
    });
    const pair = pairOf(await pairs(), ids.a, ids.b)!;
    const decided = await decide(pair.id, { decision: "duplicate", master: ids.a });
    expect(decided.status).toBe(200);
    expect(((await decided.json()) as TDuplicatePair).status).toBe("duplicate");
    const after = await measures();
    expect(after).toEqual({
      cases: before.cases - 1,
      haloperidolInPeriod: before.haloperidolInPeriod - 1,
      haloperidolFromCases: before.haloperidolFromCases - 1,
      nmsReports: before.nmsReports - 1,
      reports: before.reports - 1,
      signalA: before.signalA - 1,
    });
    expect(pairOf(await pairs("duplicate"), ids.a, ids.b)?.master).toBe(ids.a);
    const undone = await decide(pair.id, { decision: "candidate" });
    expect(undone.status).toBe(200);
    expect(await measures()).toEqual(before);
  });

  it("refuses a master outside the pair (400) and a decision on a case changed since scoring (409)", async () => {
    const pair = pairOf(await pairs(), ids.a, ids.b)!;
    const outside = await decide(pair.id, {
      decision: "duplicate",
      master: OTHERS.length ? (await getPrisma().caseReport.findFirstOrThrow({ where: { sourceId: "OTHER-0" } })).id : "",
    });
    expect(outside.status).toBe(400);
    await getPrisma().$executeRaw`UPDATE case_report SET revision = revision + 1 WHERE id = ${ids.b}::uuid`;
    const stale = await decide(pair.id, { decision: "distinct" });
    expect(stale.status).toBe(409);
    // Scored again, the pair can be decided.
    await scanDuplicates({ scope: { kind: "cases", ids: [ids.b] } });
    expect((await decide(pair.id, { decision: "distinct" })).status).toBe(200);
    expect((await decide(pair.id, { decision: "candidate" })).status).toBe(200);
  });

  it("lets one of two concurrent decisions win; the other gets 409", async () => {
    const pair = pairOf(await pairs(), ids.a, ids.b)!;
    const answers = await Promise.all([
      decide(pair.id, { decision: "distinct" }),
      decide(pair.id, { decision: "duplicate", master: ids.b }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await decide(pair.id, { decision: "candidate" })).status).toBe(200);
  });

  it("remembers a distinct pair across scans until one of its cases changes", async () => {
    const pair = pairOf(await pairs(), ids.a, ids.b)!;
    expect((await decide(pair.id, { decision: "distinct" })).status).toBe(200);
    await scanDuplicates();
    expect(pairOf(await pairs("distinct"), ids.a, ids.b)?.id).toBe(pair.id);
    expect(pairOf(await pairs(), ids.a, ids.b)).toBeUndefined();
    await getPrisma().$executeRaw`UPDATE case_report SET revision = revision + 1 WHERE id = ${ids.a}::uuid`;
    await scanDuplicates({ scope: { kind: "cases", ids: [ids.a] } });
    expect(pairOf(await pairs(), ids.a, ids.b)?.status).toBe("candidate");
  });

  it("merges groups of three under the master of the latest decision, and counts the group once", async () => {
    const before = await measures();
    ids.c = (await createCase(REPORT_C, { name: "duplicates-test" })).id;
    await duplicateScansIdle();
    const list = await pairs();
    const ab = pairOf(list, ids.a, ids.b)!;
    const bc = pairOf(list, ids.b, ids.c) ?? pairOf(list, ids.a, ids.c)!;
    expect((await decide(ab.id, { decision: "duplicate", master: ids.a })).status).toBe(200);
    const other = bc.cases.find((c) => c.id !== ids.c)!.id;
    expect((await decide(bc.id, { decision: "duplicate", master: ids.c })).status).toBe(200);
    const masters = await getPrisma().caseReport.findMany({
      where: { id: { in: [ids.a, ids.b, ids.c] } },
      select: { id: true, duplicateOf: true },
    });
    expect(Object.fromEntries(masters.map((m) => [m.id, m.duplicateOf]))).toEqual({ [ids.a]: ids.c, [ids.b]: ids.c, [ids.c]: null });
    expect((await measures()).cases).toBe(before.cases + 1 - 2);
    // Undoing the later decision leaves the first pair's group with its own master.
    expect((await decide(bc.id, { decision: "candidate" })).status).toBe(200);
    const after = await getPrisma().caseReport.findMany({
      where: { id: { in: [ids.a, ids.b, ids.c] } },
      select: { id: true, duplicateOf: true },
    });
    expect(Object.fromEntries(after.map((m) => [m.id, m.duplicateOf]))).toEqual({ [ids.a]: null, [ids.b]: ids.a, [ids.c]: null });
    expect(other).not.toBe(ids.c);
    const audit = await getPrisma().auditEvent.count({ where: { entity: "duplicate_pair" } });
    expect(audit).toBeGreaterThanOrEqual(10);
  });

  it("writes a scan's pairs all or not at all", async () => {
    const stored = await getPrisma().duplicatePair.count();
    const valid = { a: ids.a, b: ids.c, revA: 1, revB: 1, score: 30, later: ids.c };
    const missing = { a: ids.a, b: "00000000-0000-4000-8000-000000000000", revA: 1, revB: 1, score: 30, later: ids.a };
    await expect(withTransaction(({ sql: client }) => writeScoredPairs(client, [valid, missing], { kind: "all" }))).rejects.toThrow();
    expect(await getPrisma().duplicatePair.count()).toBe(stored);
  });
});
