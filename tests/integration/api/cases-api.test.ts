// The cases REST API through its route handlers on a real database: create, read with scores,
// list, edit with optimistic concurrency, nullify — each change with one audit event —
// and field-level 400s, 404s and 409s in the error envelope.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE, GET as getOne, PATCH } from "@/app/api/v1/cases/[id]/route";
import { GET as list, POST } from "@/app/api/v1/cases/route";
import { getPrisma } from "@/lib/db/client";
import { writeReferenceData } from "@/seed/write-reference-data";
import { noParams, requestsAs, withId } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

let database: TTestDatabase;
let as: Awaited<ReturnType<typeof requestsAs>>;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  as = await requestsAs("safety_officer");
});
afterAll(() => database.close());

const base = "http://nms.test/api/v1/cases";
const json = (method: string, body: unknown, url = base) => as(method, url, body);
const ctx = withId;
type TBody = Record<string, unknown> & { error?: { code: string; issues: { path: string; message: string }[] } };
const read = async (r: Response) => ({ status: r.status, body: (await r.json()) as TBody });

const textbookCase = {
  sourceId: "MAN-1",
  reporterType: "physician",
  onsetDate: "2024-05-02",
  receivedDate: "2024-05-09",
  sex: "male",
  ageYears: 31,
  maxTempC: 40.2,
  ckMax: 9000,
  ckUln: 200,
  rigidity: true,
  mentalStatusChange: true,
  bpLability: true,
  diaphoresis: true,
  tachycardia: true,
  tachypnoea: true,
  negativeWorkup: true,
  outcome: "recovered",
  drugs: [{ name: "Haloperidol 5 mg tablets", role: "suspect", startDate: "2024-04-28" }],
};

describe("cases API", () => {
  let id = "";

  it("creates a case and serves it with its scores", async () => {
    const created = await read(await POST(json("POST", textbookCase), noParams));
    expect(created.status).toBe(201);
    id = String(created.body.id);
    const fetched = await read(await getOne(as("GET", `${base}/${id}`), ctx(id)));
    expect(fetched.status).toBe(200);
    expect(fetched.body).toMatchObject({ sourceId: "MAN-1", revision: 1, source: "manual" });
    // Every consensus criterion is met: exposure 20 + hyperthermia 18 + rigidity 17 + mental status 13
    // + CK 10 + autonomic lability 10 + hypermetabolism 5 + negative work-up 7 = 100.
    expect(fetched.body.scores).toMatchObject({ consensus: { score: 100, maxScore: 100, meetsCutoff: true } });
    const stored = await getPrisma().caseReport.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ consensusScore: 100, meetsConsensus: true });
  });

  it("lists cases with filters and paging", async () => {
    const page = await read(await list(as("GET", `${base}?sex=male&sort=-onsetDate&pageSize=10`), noParams));
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    const none = await read(await list(as("GET", `${base}?sex=female`), noParams));
    expect(none.body.total).toBe(0);
    const bad = await read(await list(as("GET", `${base}?sex=robot&colour=red`), noParams));
    expect(bad.status).toBe(400);
    expect(bad.body.error?.issues.map((i) => i.path).sort()).toEqual(["colour", "sex"]);
  });

  it("rejects invalid input naming the field, and a duplicate identity with 409", async () => {
    const bad = await read(
      await POST(json("POST", { ...textbookCase, sourceId: "MAN-2", maxTempC: 60, drugs: [{ name: "x", role: "boss" }] }), noParams),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error?.issues.map((i) => i.path).sort()).toEqual(["drugs.0.role", "maxTempC"]);
    expect((await read(await POST(json("POST", "{not json"), noParams))).status).toBe(400);
    const duplicate = await read(await POST(json("POST", textbookCase), noParams));
    expect(duplicate.status).toBe(409);
    expect(await getPrisma().caseReport.count()).toBe(1);
  });

  it("edits at the revision read, refuses a stale revision, and audits each change", async () => {
    const edited = await read(await PATCH(json("PATCH", { expectedRevision: 1, outcome: "fatal" }), ctx(id)));
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ revision: 2, outcome: "fatal", ageYears: 31 });
    const stale = await read(await PATCH(json("PATCH", { expectedRevision: 1, outcome: "recovered" }), ctx(id)));
    expect(stale.status).toBe(409);
    const badField = await read(await PATCH(json("PATCH", { expectedRevision: 2, sourceId: "X" }), ctx(id)));
    expect(badField.status).toBe(400);
    const crossField = await read(await PATCH(json("PATCH", { expectedRevision: 2, onsetDate: "2024-06-01" }), ctx(id)));
    expect(crossField.body.error?.issues).toEqual([expect.objectContaining({ path: "onsetDate" })]);

    const audit = await getPrisma().auditEvent.findMany({ where: { entityId: id, action: { not: "access" } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["create", "update"]);
    expect(audit[0]?.actor).toBe("token:test-safety_officer");
    expect(audit[1]?.before).toMatchObject({ outcome: "recovered" });
    expect(audit[1]?.after).toMatchObject({ outcome: "fatal" });
  });

  it("nullifies at the revision read with a reason; the case stays readable, marked, and out of the listing", async () => {
    const noReason = await read(await DELETE(as("DELETE", `${base}/${id}?revision=2`), ctx(id)));
    expect(noReason.status).toBe(400);
    expect(noReason.body.error?.issues.map((i) => i.path)).toEqual(["reason"]);
    expect((await DELETE(as("DELETE", `${base}/${id}?revision=1&reason=entered%20twice`), ctx(id))).status).toBe(409);
    expect((await DELETE(as("DELETE", `${base}/${id}?revision=2&reason=entered%20twice`), ctx(id))).status).toBe(204);
    const nullified = await read(await getOne(as("GET", `${base}/${id}`), ctx(id)));
    expect(nullified.status).toBe(200);
    expect(nullified.body.nullified).toMatchObject({ reason: "entered twice", by: "token:test-safety_officer" });
    expect((await read(await list(as("GET", base), noParams))).body.total).toBe(0);
    expect((await getOne(as("GET", `${base}/not-a-uuid`), ctx("not-a-uuid"))).status).toBe(404);
    expect(await getPrisma().caseReport.count({ where: { id, deletedAt: { not: null } } })).toBe(1);
    const audit = await getPrisma().auditEvent.findMany({ where: { entityId: id, action: { not: "access" } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["create", "update", "delete"]);
  });
});
