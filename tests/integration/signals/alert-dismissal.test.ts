// Dismissing an alert without a topic, and linking a drill-down's cases to a topic, through their
// routes on a real database (docs/signals.md): a dismissal needs a reason, is audited and shown in
// the alert's history, can be taken back; a check on unchanged numbers raises nothing, a check that
// would raise the dismissed numbers again is suppressed, and new numbers raise a new alert;
// researchers get 403. Cases of a drill-down are linked at once, those already linked skipped.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAlerts } from "@/app/api/v1/alerts/route";
import { PATCH as patchAlert } from "@/app/api/v1/alerts/[id]/route";
import { POST as postTopic } from "@/app/api/v1/signals/topics/route";
import { POST as linkCases } from "@/app/api/v1/signals/topics/[id]/cases/route";
import { getPrisma } from "@/lib/db/client";
import { runImport } from "@/lib/imports/write/run-import";
import type { TAlert } from "@/lib/queries/find-alerts";
import type { TTopic } from "@/lib/queries/find-signal-topics";
import { checkAlerts } from "@/lib/signals/alerts/check-alerts";
import { noParams, requestsAs, withId } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { writeSyntheticQuarter } from "./synthetic-faers";

let database: TTestDatabase;
let root: string;
let as: Awaited<ReturnType<typeof requestsAs>>;
let researcher: Awaited<ReturnType<typeof requestsAs>>;
beforeAll(async () => {
  database = await openTestDatabase();
  root = mkdtempSync(path.join(os.tmpdir(), "nms-dismiss-"));
  as = await requestsAs("safety_officer");
  researcher = await requestsAs("researcher");
  await runImport(writeSyntheticQuarter(root, "24Q1"));
});
afterAll(async () => {
  await database.close();
  rmSync(root, { recursive: true, force: true });
});

const base = "http://nms.test/api/v1/alerts";
const listed = async (status: string) =>
  ((await (await getAlerts(as("GET", `${base}?status=${status}`), noParams)).json()) as { alerts: TAlert[] }).alerts;
const patch = async (id: string, body: unknown, who = as) => {
  const response = await patchAlert(who("PATCH", `${base}/${id}`, body), withId(id));
  return { status: response.status, body: (await response.json()) as TAlert & { error?: { issues: { path: string }[] } } };
};

describe("dismissing an alert", () => {
  let target: TAlert;
  beforeAll(async () => {
    const open = await listed("open");
    expect(open.length).toBeGreaterThan(0);
    target = open.find((a) => a.rule === "threshold_crossing" && a.subjectKind === "drug")!;
    expect(target).toBeDefined();
  });

  it("needs a reason (400 naming it), a uuid (404), and is refused to researchers (403)", async () => {
    expect((await patch(target.id, { status: "dismissed" })).body.error?.issues.map((i) => i.path)).toEqual(["reason"]);
    expect((await patch(target.id, { status: "dismissed", reason: "   " })).status).toBe(400);
    expect((await patch(target.id, { status: "closed", reason: "x" })).status).toBe(400);
    expect((await patch("not-an-id", { status: "dismissed", reason: "x" })).status).toBe(404);
    expect((await patch(target.id, { status: "dismissed", reason: "x" }, researcher)).status).toBe(403);
    const researcherList = await getAlerts(researcher("GET", `${base}?status=all`), noParams);
    expect(researcherList.status).toBe(403);
  });

  it("dismisses with the reason: status, who, history and audit; twice is a 409", async () => {
    const reason = "Known labelled reaction; reviewed at the March safety meeting.";
    const answer = await patch(target.id, { status: "dismissed", reason });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: "dismissed", dismissReason: reason, closedBy: "token:test-safety_officer" });
    expect(answer.body.history.map((e) => e.kind)).toEqual(["raised", "dismissed"]);
    expect(answer.body.history[1]).toMatchObject({ reason, actor: "token:test-safety_officer" });
    const audit = await getPrisma().auditEvent.findMany({ where: { entity: "signal_alert", entityId: target.id, action: "update" } });
    expect(audit.map((e) => e.after)).toEqual([{ status: "dismissed", reason }]);
    expect((await listed("open")).some((a) => a.id === target.id)).toBe(false);
    expect((await listed("dismissed")).map((a) => a.id)).toEqual([target.id]);
    expect((await patch(target.id, { status: "dismissed", reason })).status).toBe(409);
  });

  it("a check on unchanged data raises nothing; re-raising the dismissed numbers is suppressed", async () => {
    const before = await getPrisma().signalAlert.count();
    expect((await checkAlerts()).raised).toBe(0);
    // Forget what the checks saw for the subject: the next check fires its first crossing again,
    // with the very numbers the alert was dismissed at.
    const subject = { source: target.source, subjectKind: target.subjectKind, subjectKey: target.subjectKey };
    await getPrisma().signalState.deleteMany({ where: subject });
    const again = await checkAlerts();
    expect(again.suppressedByDismissal).toBeGreaterThanOrEqual(1);
    expect(await getPrisma().signalAlert.count()).toBe(before);
    expect(await getPrisma().signalAlert.count({ where: { ...subject, rule: target.rule, status: "open" } })).toBe(0);
  });

  it("new numbers raise a new alert of the rule; the dismissed one then cannot be reopened (409)", async () => {
    await runImport(writeSyntheticQuarter(root, "24Q2"));
    const subject = { source: target.source, subjectKind: target.subjectKind, subjectKey: target.subjectKey };
    await getPrisma().signalState.deleteMany({ where: subject });
    await checkAlerts();
    const fresh = await getPrisma().signalAlert.findFirst({ where: { ...subject, rule: target.rule, status: "open" } });
    expect(fresh).not.toBeNull();
    expect(fresh!.after).not.toEqual(target.after);
    expect((await patch(target.id, { status: "open", reason: "Dismissed too early." })).status).toBe(409);
  });

  it("a dismissal is taken back with a reason, and the history keeps both", async () => {
    const other = (await listed("open")).find((a) => a.id !== target.id)!;
    await patch(other.id, { status: "dismissed", reason: "Duplicate reports from one company." });
    const back = await patch(other.id, { status: "open", reason: "The duplicates were not confirmed." });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: "open", dismissReason: null, closedBy: null });
    expect(back.body.history.slice(-2).map((e) => [e.kind, e.reason])).toEqual([
      ["dismissed", "Duplicate reports from one company."],
      ["reopened", "The duplicates were not confirmed."],
    ]);
    expect((await patch(other.id, { status: "open", reason: "again" })).status).toBe(409);
  });
});

describe("linking a drill-down's cases to a topic", () => {
  const url = "http://nms.test/api/v1/signals/topics";
  it("links the listed cases at once, skips those already linked, names a bad id; researchers 403", async () => {
    const created = await postTopic(as("POST", url, { subjectKind: "drug", subjectKey: "haloperidol" }), noParams);
    expect(created.status).toBe(201);
    const topic = (await created.json()) as TTopic;
    const ids = (await getPrisma().caseReport.findMany({ select: { id: true }, orderBy: { id: "asc" }, take: 3 })).map((c) => c.id);
    expect(ids.length).toBe(3);
    const post = async (body: unknown, who = as) => {
      const response = await linkCases(who("POST", `${url}/${topic.id}/cases`, body), withId(topic.id));
      return { status: response.status, body: (await response.json()) as TTopic & { linked: number; alreadyLinked: number } };
    };
    const first = await post({ caseIds: ids.slice(0, 2) });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ linked: 2, alreadyLinked: 0, cases: 2 });
    const second = await post({ caseIds: ids });
    expect(second.body).toMatchObject({ linked: 1, alreadyLinked: 2, cases: 3 });
    expect(second.body.events.filter((e) => e.kind === "case_linked").length).toBe(3);
    const unknown = "00000000-0000-4000-8000-000000000000";
    const bad = await post({ caseIds: [ids[0], unknown] });
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path)).toEqual(["caseIds[1]"]);
    expect((await post({ caseIds: [] })).status).toBe(400);
    expect((await post({ caseId: ids[0], caseIds: ids })).status).toBe(400);
    expect((await post({ caseIds: ids }, researcher)).status).toBe(403);
  });
});
