// The audit trail on a real database: one event per change to accounts, API tokens, imports and
// baselines (with who, before and after, never a secret), rows the database itself refuses to
// change or delete, and the administrators' API with its filters.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as auditRoute } from "@/app/api/v1/audit/route";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { createUser } from "@/lib/auth/users";
import { expandAuditEvents } from "@/lib/audit/expand-audit-events";
import { getPrisma } from "@/lib/db/client";
import { BASELINES } from "@/lib/domain/baselines";
import { runImport } from "@/lib/imports/write/run-import";
import type { TAuditPage } from "@/lib/queries/find-audit-events";
import { writeReferenceData } from "@/seed/write-reference-data";
import { noParams, requestsAs } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { tempDir } from "../../helpers/temp-dir";

let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
});
afterAll(() => database.close());

const eventsOf = (entity: string, entityId?: string) =>
  getPrisma().auditEvent.findMany({ where: { entity, ...(entityId ? { entityId } : {}) }, orderBy: { id: "asc" } });
/** Everything an event says, as text (its bigint id left out). */
const text = (events: { id: bigint }[]) => JSON.stringify(events.map(({ id: _id, ...rest }) => rest));

describe("append-only audit rows", () => {
  it("the database refuses UPDATE and DELETE on audit_event, whoever asks", async () => {
    const prisma = getPrisma();
    const row = await prisma.auditEvent.create({ data: { actor: "t", action: "create", entity: "probe", entityId: "1" } });
    await expect(prisma.$executeRawUnsafe(`UPDATE "audit_event" SET "actor" = 'forger' WHERE "id" = ${row.id}`)).rejects.toThrow(
      /append-only/,
    );
    await expect(prisma.$executeRawUnsafe(`DELETE FROM "audit_event" WHERE "id" = ${row.id}`)).rejects.toThrow(/append-only/);
    await expect(prisma.auditEvent.update({ where: { id: row.id }, data: { actor: "forger" } })).rejects.toThrow();
    await expect(prisma.auditEvent.deleteMany({ where: { entity: "probe" } })).rejects.toThrow();
    expect(await prisma.auditEvent.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ actor: "t" });
  });
});

describe("one audit event per change", () => {
  it("baselines: each written once when the reference data first appears, none when it is written again", async () => {
    const first = await eventsOf("baseline");
    expect(first).toHaveLength(BASELINES.length);
    expect(first.every((e) => e.action === "create" && e.before === null && e.actor === "system:reference-data")).toBe(true);
    await writeReferenceData();
    expect(await eventsOf("baseline")).toHaveLength(BASELINES.length);
  });

  it("accounts: the creation with who did it, and never the password or its hash", async () => {
    const user = await createUser(
      { email: "Officer@NMS.test", name: "Officer", role: "safety_officer", password: "correct horse battery" },
      "admin@nms.test",
    );
    const events = await eventsOf("user", user.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: "admin@nms.test",
      action: "create",
      before: null,
      after: { email: "officer@nms.test", name: "Officer", role: "safety_officer" },
    });
    expect(text(events)).not.toMatch(/correct horse|\$2[aby]\$|passwordHash/);
  });

  it("API tokens: creation and revocation once each, never the token or its hash", async () => {
    const { id, token } = await createApiToken({ name: "script", role: "researcher" }, "admin@nms.test");
    expect(await revokeApiToken(id, "admin@nms.test")).toBe(true);
    expect(await revokeApiToken(id, "admin@nms.test")).toBe(false); // already revoked: no change, no event
    const events = await eventsOf("api_token", id);
    expect(events.map((e) => e.action)).toEqual(["create", "update"]);
    expect(events[0]!.after).toEqual({ name: "script", role: "researcher", userId: null, expiresAt: expect.any(String) as string });
    expect(events[1]).toMatchObject({ before: { revokedAt: null }, after: { revokedAt: expect.any(String) as string } });
    const stored = await getPrisma().apiToken.findUniqueOrThrow({ where: { id } });
    expect(text(events)).not.toContain(token);
    expect(text(events)).not.toContain(stored.tokenHash);
  });

  it("imports: one event per case created or replaced and one for the job, written with the data — none when it rolls back", async () => {
    const dir = tempDir("nms-audit-");
    const header =
      "source_id,version,received_date,onset_date,country,sex,age_years,drugs,max_temp_c,rigidity,mental_status_change,ck_max,outcome,narrative";
    const good = path.join(dir, "good.csv");
    writeFileSync(
      good,
      [
        header,
        "A-1,1,2024-02-01,2024-01-20,GB,F,34,haloperidol:suspect,40.1,yes,yes,5000,recovered,",
        "A-2,1,2024-02-02,2024-01-21,US,M,51,olanzapine:suspect,,,,,fatal,",
      ].join("\n"),
    );
    const result = await runImport(good, { actor: "officer@nms.test" });
    const events = await eventsOf("import", result.jobId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: "officer@nms.test",
      action: "create",
      before: null,
      after: { format: "csv", fileName: "good.csv", read: 2, imported: 2, rejected: 0 },
    });
    const caseEventsOf = async (jobId: string) =>
      getPrisma().auditEvent.findMany({ where: { entity: "case", requestId: `import:${jobId}` }, orderBy: { id: "asc" } });
    // A created case's "after" is its row, not a copy (lib/audit/write-audit-event.ts): read back as the whole case.
    const storedEvents = await caseEventsOf(result.jobId);
    expect(storedEvents.map((e) => [e.afterInCaseRow, e.after])).toEqual([
      [true, null],
      [true, null],
    ]);
    const caseEvents = await expandAuditEvents(getPrisma(), storedEvents);
    expect(caseEvents.map((e) => [e.action, (e.after as { sourceId: string }).sourceId, e.before])).toEqual([
      ["create", "A-1", null],
      ["create", "A-2", null],
    ]);
    // Re-importing the same file changes nothing, so it records no case event.
    const again = await runImport(good, { actor: "officer@nms.test" });
    expect(await getPrisma().auditEvent.count({ where: { entity: "case", requestId: `import:${again.jobId}` } })).toBe(0);
    // A follow-up version replaces A-1: one update event, before = the stored version 1, after = version 2.
    const followUp = path.join(dir, "follow-up.csv");
    writeFileSync(
      followUp,
      [header, "A-1,2,2024-02-01,2024-01-20,GB,F,34,haloperidol:suspect,41.0,yes,yes,5000,fatal,died day 3"].join("\n"),
    );
    const update = await runImport(followUp, { actor: "officer@nms.test" });
    const [replaced, ...more] = await getPrisma().auditEvent.findMany({ where: { entity: "case", requestId: `import:${update.jobId}` } });
    expect(more).toHaveLength(0);
    const stored = await getPrisma().caseReport.findFirstOrThrow({ where: { sourceId: "A-1" } });
    expect(replaced).toMatchObject({
      action: "update",
      entityId: stored.id,
      before: {
        sourceId: "A-1",
        version: 1,
        maxTempC: 40.1,
        outcome: "recovered",
        narrative: null,
        drugs: [{ name: "haloperidol", role: "suspect" }],
      },
      after: { sourceId: "A-1", version: 2, maxTempC: 41, outcome: "fatal", narrative: "died day 3" },
    });
    // A-1 changed since it was created: its creation still reads as version 1 (the replacement's
    // "before"), A-2 as its row — the same documents the first read gave, and through the API too.
    const createdNow = await expandAuditEvents(getPrisma(), await caseEventsOf(result.jobId));
    expect(createdNow.map((e) => e.after)).toEqual(caseEvents.map((e) => e.after));
    expect(createdNow[0]!.after).toMatchObject({ sourceId: "A-1", version: 1, maxTempC: 40.1, outcome: "recovered" });
    expect(createdNow[0]!.after).toEqual(replaced!.before);
    const bad = path.join(dir, "bad.csv");
    writeFileSync(
      bad,
      [header, "B-1,1,2024-02-01,2024-01-20,GB,F,34,haloperidol:suspect,,,,,recovered,", "B-2,1,not-a-date,,,,,,,,,,,"].join("\n"),
    );
    await expect(runImport(bad, { actor: "officer@nms.test" })).rejects.toThrow();
    const failed = await getPrisma().importJob.findFirstOrThrow({ where: { fileName: "bad.csv" } });
    expect(failed.status).toBe("failed");
    expect(await eventsOf("import", failed.id)).toHaveLength(0);
    expect(await getPrisma().auditEvent.count({ where: { requestId: `import:${failed.id}` } })).toBe(0);
  });
});

describe("GET /api/v1/audit", () => {
  const call = async (as: Awaited<ReturnType<typeof requestsAs>>, query: string) => {
    const response = await auditRoute(as("GET", `http://nms.test/api/v1/audit?${query}`), noParams);
    return { status: response.status, body: (await response.json()) as TAuditPage };
  };

  it("filters by entity, actor, action and day, newest first, for administrators only", async () => {
    const admin = await requestsAs("admin");
    const users = await call(admin, "entity=user");
    expect(users.body.events.length).toBeGreaterThan(0);
    expect(users.body.events.every((e) => e.entity === "user")).toBe(true);
    expect(users.body.entities).toEqual(expect.arrayContaining(["api_token", "baseline", "import", "user"]));
    const byActor = await call(admin, "actor=OFFICER@&action=create");
    // The officer's three import jobs and the two cases the first one created (the follow-up is an update).
    expect(byActor.body.events.map((e) => e.entity).sort()).toEqual(["case", "case", "import", "import", "import"]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await call(admin, `from=${today}&to=${today}`)).body.total).toBeGreaterThan(0);
    expect((await call(admin, "from=2099-01-01")).body.total).toBe(0);
    const paged = await call(admin, "pageSize=2&page=2");
    expect(paged.body.events).toHaveLength(2);
    const ats = (await call(admin, "pageSize=200")).body.events.map((e) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    expect((await call(admin, "from=2024-02-30")).status).toBe(400);
    expect((await call(await requestsAs("researcher"), "")).status).toBe(403);
    expect((await call(await requestsAs("safety_officer"), "")).status).toBe(403);
  });
});
