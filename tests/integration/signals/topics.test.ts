// The signal review workflow through its routes on a real database (docs/signals.md): a topic raised
// from an alert closes it; assignment, due date, comments and status changes each leave a history
// row (status changes with the frozen numbers and saved query) and an audit event; the inbox views;
// named 400s and 409s; researchers get 403 on every topic route.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postTopic, GET as getTopics } from "@/app/api/v1/signals/topics/route";
import { GET as getTopic, PATCH as patchTopic } from "@/app/api/v1/signals/topics/[id]/route";
import { POST as linkCase } from "@/app/api/v1/signals/topics/[id]/cases/route";
import { writeDemoAccounts } from "@/lib/auth/users";
import { getPrisma } from "@/lib/db/client";
import { findSignalTopics, type TTopic } from "@/lib/queries/find-signal-topics";
import { getSignalTables } from "@/lib/queries/get-signal-tables";
import { parseSignalQuery } from "@/lib/queries/signals/signal-query";
import { writeDemoCases } from "@/seed/write-demo-data";
import { noParams, requestsAs, withId } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

let database: TTestDatabase;
let as: Awaited<ReturnType<typeof requestsAs>>;
let researcher: Awaited<ReturnType<typeof requestsAs>>;
let alertId: string;
let caseId: string;
const ASSIGNEE = "safety@nms.local";

beforeAll(async () => {
  database = await openTestDatabase();
  await writeDemoAccounts();
  await writeDemoCases(5, { batchSize: 5 });
  as = await requestsAs("safety_officer");
  researcher = await requestsAs("researcher");
  const prisma = getPrisma();
  const haloperidol = await prisma.catalogueDrug.findUniqueOrThrow({ where: { name: "haloperidol" } });
  await prisma.backgroundCount.create({
    data: { source: "faers", period: "2024Q1", drugReports: 10_000, nmsReports: 40, totalReports: 10_000, tally: "cases" },
  });
  await prisma.backgroundCount.create({
    data: { source: "faers", period: "2024Q1", drugId: haloperidol.id, drugReports: 200, nmsReports: 12 },
  });
  alertId = (
    await prisma.signalAlert.create({
      data: {
        source: "faers",
        subjectKind: "drug",
        subjectKey: "haloperidol",
        rule: "threshold_crossing",
        methods: ["prr"],
        after: { a: 12 },
        message: "test",
      },
    })
  ).id;
  caseId = (await prisma.caseReport.findFirstOrThrow({ select: { id: true } })).id;
});
afterAll(() => database.close());

const json = async (response: Response) => ({
  status: response.status,
  body: (await response.json()) as TTopic & { error?: { code: string; issues: { path: string }[] } },
});
const url = "http://nms.test/api/v1/signals/topics";

describe("signal review topics", () => {
  let topic: TTopic;

  it("raises a topic from an alert, closes the alert, freezes the numbers and the saved query", async () => {
    const created = await json(await postTopic(as("POST", url, { alertId }), noParams));
    expect(created.status).toBe(201);
    topic = created.body;
    expect(topic).toMatchObject({
      subjectKind: "drug",
      subjectKey: "haloperidol",
      status: "new",
      title: "Haloperidol and NMS",
      query: { source: "faers", drug: "haloperidol" },
    });
    const row = (await getSignalTables(parseSignalQuery({ source: "faers", drug: "haloperidol" }))).drugs[0]!;
    expect(topic.events).toHaveLength(1);
    expect(topic.events[0]).toMatchObject({
      kind: "created",
      detail: {
        status: "new",
        alertId,
        frozen: { query: { source: "faers", drug: "haloperidol" }, periods: ["2024Q1"], row: { a: row.a, prr: row.prr } },
      },
    });
    expect(await getPrisma().signalAlert.findUniqueOrThrow({ where: { id: alertId } })).toMatchObject({ status: "closed" });
  });

  it("assigns, sets a due date, comments and changes status — each in the history, each audited", async () => {
    const id = topic.id;
    expect(
      (await json(await patchTopic(as("PATCH", `${url}/${id}`, { assignee: ASSIGNEE, dueDate: "2020-01-31" }), withId(id)))).status,
    ).toBe(200);
    expect(
      (await json(await patchTopic(as("PATCH", `${url}/${id}`, { comment: "Three fatal cases; ask for follow-up." }), withId(id)))).status,
    ).toBe(200);
    const changed = await json(await patchTopic(as("PATCH", `${url}/${id}`, { status: "under_evaluation" }), withId(id)));
    expect(changed.body.status).toBe("under_evaluation");
    const linked = await json(await linkCase(as("POST", `${url}/${id}/cases`, { caseId }), withId(id)));
    expect(linked.status).toBe(201);
    const { body } = await json(await getTopic(as("GET", `${url}/${id}`), withId(id)));
    expect(body.events.map((e) => e.kind)).toEqual(["created", "assigned", "due_date", "comment", "status", "case_linked"]);
    expect(body.events.find((e) => e.kind === "status")!.detail).toMatchObject({
      from: "new",
      to: "under_evaluation",
      frozen: { query: { drug: "haloperidol" } },
    });
    expect(body.events.find((e) => e.kind === "comment")!.detail).toEqual({ text: "Three fatal cases; ask for follow-up." });
    expect(body).toMatchObject({ assignee: ASSIGNEE, dueDate: "2020-01-31", overdue: true, cases: 1, linkedCases: [{ id: caseId }] });
    expect(await getPrisma().auditEvent.count({ where: { entity: "signal_topic", entityId: id } })).toBe(body.events.length);
  });

  it("lists the inbox: mine, all and overdue", async () => {
    expect((await findSignalTopics("mine", ASSIGNEE)).topics.map((t) => t.id)).toEqual([topic.id]);
    expect((await findSignalTopics("mine", "admin@nms.local")).topics).toEqual([]);
    expect((await findSignalTopics("overdue", "anyone")).topics.map((t) => t.id)).toEqual([topic.id]);
    const all = await getTopics(as("GET", `${url}?view=all`), noParams);
    expect(((await all.json()) as { topics: { id: string }[] }).topics.map((t) => t.id)).toEqual([topic.id]);
    // Validated topics are not overdue any more.
    await patchTopic(as("PATCH", `${url}/${topic.id}`, { status: "validated" }), withId(topic.id));
    expect((await findSignalTopics("overdue", "anyone")).topics).toEqual([]);
  });

  it("refuses bad input by field, a repeated status or link with 409, an unknown topic with 404", async () => {
    const id = topic.id;
    const cases: [unknown, string][] = [
      [{ status: "maybe" }, "status"],
      [{ assignee: "nobody@nms.local" }, "assignee"],
      [{}, "status"],
      [{ dueDate: "31/01/2020" }, "dueDate"],
    ];
    for (const [body, path] of cases) {
      const answer = await json(await patchTopic(as("PATCH", `${url}/${id}`, body), withId(id)));
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error!.issues[0]!.path).toBe(path);
    }
    expect((await json(await patchTopic(as("PATCH", `${url}/${id}`, { status: "validated" }), withId(id)))).status).toBe(409);
    expect((await json(await linkCase(as("POST", `${url}/${id}/cases`, { caseId }), withId(id)))).status).toBe(409);
    const bad = await json(await postTopic(as("POST", url, { subjectKind: "drug", subjectKey: "aspirin" }), noParams));
    expect([bad.status, bad.body.error!.issues[0]!.path]).toEqual([400, "subjectKey"]);
    expect(
      (await json(await getTopic(as("GET", `${url}/00000000-0000-4000-8000-000000000000`), withId("00000000-0000-4000-8000-000000000000"))))
        .status,
    ).toBe(404);
  });

  it("gives researchers 403 on every topic route (topics name cases)", async () => {
    const id = topic.id;
    expect((await getTopics(researcher("GET", url), noParams)).status).toBe(403);
    expect((await getTopic(researcher("GET", `${url}/${id}`), withId(id))).status).toBe(403);
    expect((await postTopic(researcher("POST", url, { alertId }), noParams)).status).toBe(403);
    expect((await patchTopic(researcher("PATCH", `${url}/${id}`, { comment: "x" }), withId(id))).status).toBe(403);
    expect((await linkCase(researcher("POST", `${url}/${id}/cases`, { caseId }), withId(id))).status).toBe(403);
  });
});
