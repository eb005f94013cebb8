// The data-access audit (docs/security.md, "Data-access audit") on a real database: a sign-in, a
// failed one and a throttled account, the first use of a token each day (once, however often it
// is used), an export with its query and size, and a view of a case — each an "access" event the
// administrators' audit filters find.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getOne } from "@/app/api/v1/cases/[id]/route";
import { GET as casesCsv } from "@/app/api/v1/export/cases.csv/route";
import { GET as aggregatesCsv } from "@/app/api/v1/export/aggregates.csv/route";
import { createApiToken, principalFromToken } from "@/lib/auth/api-tokens";
import { SignInError, signIn } from "@/lib/auth/sessions";
import { createUser } from "@/lib/auth/users";
import { createCase } from "@/lib/cases/case-commands";
import { getPrisma } from "@/lib/db/client";
import { CSV_COLUMNS } from "@/lib/imports/csv/columns";
import { ZAuditQuery, findAuditEvents } from "@/lib/queries/find-audit-events";
import { writeReferenceData } from "@/seed/write-reference-data";
import { noParams, requestsAs, withId } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
});
afterAll(() => database.close());

const accessEvents = async (entity: string) =>
  (await getPrisma().auditEvent.findMany({ where: { action: "access", entity }, orderBy: { id: "asc" } })).map((e) => ({
    actor: e.actor,
    entityId: e.entityId,
    after: e.after as Record<string, unknown>,
  }));

describe("data-access events", () => {
  it("records a sign-in, a failed sign-in and a throttled account", async () => {
    const user = await createUser({
      email: "reader@nms.test",
      name: "Reader",
      role: "safety_officer",
      password: "a long enough password 1",
    });
    await signIn("reader@nms.test", "a long enough password 1", "10.0.0.1");
    await expect(signIn("reader@nms.test", "wrong", "10.0.0.2")).rejects.toBeInstanceOf(SignInError);
    const events = await accessEvents("session");
    expect(events).toEqual([
      { actor: "reader@nms.test", entityId: user.id, after: { event: "sign_in", client: "10.0.0.1" } },
      { actor: "reader@nms.test", entityId: "reader@nms.test", after: { event: "sign_in_failed", client: "10.0.0.2" } },
    ]);
    // Past the free failures the account must wait: the refused checks are on record too.
    for (let i = 0; i < 8; i++) await signIn("reader@nms.test", "wrong", `10.0.1.${i}`).catch(() => undefined);
    const throttled = (await accessEvents("session")).filter((e) => e.after.event === "sign_in_throttled");
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled[0]?.after).toMatchObject({ scope: "account" });
  });

  it("records a token's first use of the day once", async () => {
    const { id, token } = await createApiToken({ name: "daily", role: "researcher" });
    for (let i = 0; i < 3; i++) expect(await principalFromToken(token)).not.toBeNull();
    const today = new Date().toISOString().slice(0, 10);
    expect(await accessEvents("api_token")).toEqual([{ actor: "token:daily", entityId: id, after: { event: "token_use", day: today } }]);
  });

  it("records each export with its query and size, and each view of a case", async () => {
    const as = await requestsAs("safety_officer");
    const created = await createCase(
      {
        source: "manual",
        sourceId: "AUD-1",
        sex: "male",
        country: "FR",
        onsetDate: "2024-01-02",
        onsetUnknown: false,
        reporterType: "unknown",
        outcome: "unknown",
        drugs: [{ name: "haloperidol", role: "suspect" }],
      },
      { name: "test" },
    );
    expect((await aggregatesCsv(as("GET", "http://nms.test/api/v1/export/aggregates.csv?by=sex"), noParams)).status).toBe(200);
    expect((await casesCsv(as("GET", "http://nms.test/api/v1/export/cases.csv?sex=male"), noParams)).status).toBe(200);
    // by=sex: the total and three groups; three count cells (cases, fatal, known outcome) each. The
    // query is stored normalised (the interval method made explicit), as the export's metadata has it.
    expect(await accessEvents("export")).toEqual([
      {
        actor: "token:test-safety_officer",
        entityId: "aggregates.csv",
        after: { event: "export", query: "by=sex&ci=wilson", rows: 4, cells: 12 },
      },
      {
        actor: "token:test-safety_officer",
        entityId: "cases.csv",
        after: { event: "export", query: "sex=male", rows: 1, cells: CSV_COLUMNS.length },
      },
    ]);
    expect((await getOne(as("GET", `http://nms.test/api/v1/cases/${created.id}`), withId(created.id))).status).toBe(200);
    expect(await accessEvents("case")).toEqual([
      { actor: "token:test-safety_officer", entityId: created.id, after: { event: "case_view", via: "api" } },
    ]);
  });

  it("is what the audit trail's action filter finds", async () => {
    const page = await findAuditEvents(ZAuditQuery.parse({ action: "access", pageSize: 200 }));
    const kinds = new Set(page.events.map((e) => (e.after as { event: string }).event));
    expect([...kinds].sort()).toEqual(["case_view", "export", "sign_in", "sign_in_failed", "sign_in_throttled", "token_use"]);
  });
});
