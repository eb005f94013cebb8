// Alerts after imports (docs/signals.md), on a real database: importing a second FAERS quarter
// raises exactly the crossings, strengthenings and baseline drifts that the signal tables and the
// aggregates before and after it imply — computed here from those answers — and checking again
// raises nothing.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/alerts/route";
import { getPrisma } from "@/lib/db/client";
import { runImport } from "@/lib/imports/write/run-import";
import { getAggregates } from "@/lib/queries/aggregates/get-aggregates";
import { parseAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import type { TAlert } from "@/lib/queries/find-alerts";
import { getSignalTables, type TSignalReport } from "@/lib/queries/get-signal-tables";
import { parseSignalQuery } from "@/lib/queries/signals/signal-query";
import { SIGNAL_METHODS } from "@/lib/signals/alerts/alert-rules";
import { checkAlerts } from "@/lib/signals/alerts/check-alerts";
import { noParams, requestsAs } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { writeSyntheticQuarter } from "./synthetic-faers";

let database: TTestDatabase;
let root: string;
beforeAll(async () => {
  database = await openTestDatabase();
  root = mkdtempSync(path.join(os.tmpdir(), "nms-alerts-"));
});
afterAll(async () => {
  await database.close();
  rmSync(root, { recursive: true, force: true });
});

const tables = (search: string) => getSignalTables(parseSignalQuery(new URLSearchParams(search)));
const verdicts = async () => {
  const answer = await getAggregates(parseAggregateQuery(new URLSearchParams("by=drugClass")), { source: "cases" });
  return new Map(
    answer.groups.flatMap((g) =>
      g.comparisons.filter((c) => c.verdict !== "not_comparable").map((c) => [`${g.key}|${c.baseline}`, c.verdict] as const),
    ),
  );
};

/** What the rules imply between two answers: per subject, the crossing and strengthening methods. */
function implied(before: TSignalReport, after: TSignalReport, margin = 0.25) {
  const out = new Map<string, { crossing: string[]; strengthening: string[] }>();
  for (const row of [...after.drugs, ...after.classes]) {
    const was = [...before.drugs, ...before.classes].find((r) => r.kind === row.kind && r.key === row.key);
    const entry = { crossing: [] as string[], strengthening: [] as string[] };
    for (const m of SIGNAL_METHODS) {
      if (row.flags[m] !== true) continue;
      if (was?.flags[m] !== true) entry.crossing.push(m);
      else {
        const [from, to] = [was[m].lower!, row[m].lower!];
        if (m === "ic" ? to - from >= Math.log2(1 + margin) : to >= from * (1 + margin)) entry.strengthening.push(m);
      }
    }
    if (entry.crossing.length || entry.strengthening.length) out.set(`${row.kind}:${row.key}`, entry);
  }
  return out;
}

describe("signal alerts", () => {
  it("raises on the first quarter the crossings it holds, and on the second exactly what changed, once", async () => {
    const first = await runImport(writeSyntheticQuarter(root, "24Q1"));
    const q1 = await tables("source=faers");
    const q1Verdicts = await verdicts();
    const afterFirst = await getPrisma().signalAlert.findMany({ where: { importJobId: first.jobId } });
    const firstCrossings = implied({ ...q1, drugs: [], classes: [] }, q1);
    expect(
      afterFirst
        .filter((a) => a.rule === "threshold_crossing")
        .map((a) => `${a.subjectKind}:${a.subjectKey}`)
        .sort(),
    ).toEqual([...firstCrossings.keys()].sort());
    expect(firstCrossings.size).toBeGreaterThan(3);

    const second = await runImport(writeSyntheticQuarter(root, "24Q2"));
    const q2 = await tables("source=faers");
    expect(q2.periods.used).toEqual(["2024Q1", "2024Q2"]);
    const expected = implied(q1, q2);
    const q2Verdicts = await verdicts();
    const drifts = [...q2Verdicts]
      .filter(([k, v]) => v !== "consistent" && q1Verdicts.get(k) !== v)
      .map(([k]) => `class:${k.split("|")[0]}`);

    const touched = await getPrisma().signalAlert.findMany({ where: { importJobId: second.jobId } });
    const got = (rule: string) =>
      touched
        .filter((a) => a.rule === rule && a.source === (rule === "baseline_drift" ? "cases" : "faers"))
        .map((a) => `${a.subjectKind}:${a.subjectKey}`)
        .sort();
    expect(got("threshold_crossing")).toEqual(
      [...expected]
        .filter(([, e]) => e.crossing.length)
        .map(([k]) => k)
        .sort(),
    );
    expect(got("strengthening")).toEqual(
      [...expected]
        .filter(([, e]) => e.strengthening.length)
        .map(([k]) => k)
        .sort(),
    );
    expect(got("baseline_drift")).toEqual([...new Set(drifts)].sort());
    // The synthetic second quarter triples clozapine's NMS rate: its lower bounds rise.
    // The synthetic second quarter triples clozapine's NMS rate: it crosses; and some signal strengthens.
    expect(expected.get("drug:clozapine")?.crossing.length ?? 0).toBeGreaterThan(0);
    expect([...expected.values()].some((e) => e.strengthening.length > 0)).toBe(true);
    for (const alert of touched.filter((a) => a.rule !== "baseline_drift")) {
      const e = expected.get(`${alert.subjectKind}:${alert.subjectKey}`)!;
      const methods = alert.rule === "threshold_crossing" ? e.crossing : e.strengthening;
      expect(alert.methods).toEqual(expect.arrayContaining(methods));
    }

    // One open alert per subject and rule, and a check on unchanged data raises nothing.
    const open = await getPrisma().signalAlert.findMany({ where: { status: "open" } });
    expect(new Set(open.map((a) => `${a.source}|${a.subjectKind}|${a.subjectKey}|${a.rule}`)).size).toBe(open.length);
    const again = await checkAlerts();
    expect(again).toMatchObject({ raised: 0, updated: 0, alerts: [] });
    expect(await getPrisma().signalAlert.count()).toBe(open.length);
    // Every alert created is audited.
    expect(await getPrisma().auditEvent.count({ where: { entity: "signal_alert", action: "create" } })).toBe(open.length);
  });

  it("lists alerts for staff with the cases behind them; researchers get 403", async () => {
    const as = await requestsAs("safety_officer");
    const response = await GET(as("GET", "http://nms.test/api/v1/alerts"), noParams);
    expect(response.status).toBe(200);
    const { alerts } = (await response.json()) as { alerts: TAlert[] };
    const clozapine = alerts.find((a) => a.subjectKey === "clozapine" && a.rule === "threshold_crossing")!;
    expect(clozapine.casesUrl).toBe("/cases?drug=clozapine&source=faers");
    const now = (await tables("source=faers")).drugs.find((d) => d.key === "clozapine")!;
    expect(clozapine.after).toMatchObject({ a: now.a, periods: ["2024Q1", "2024Q2"], ror: { lower: now.ror.lower, flag: true } });
    const stronger = alerts.find((a) => a.rule === "strengthening")!;
    expect(stronger.casesUrl).toBe(`/cases?${stronger.subjectKind === "class" ? "drugClass" : "drug"}=${stronger.subjectKey}&source=faers`);
    expect(stronger.before).not.toBeNull();
    const bad = await GET(as("GET", "http://nms.test/api/v1/alerts?status=maybe"), noParams);
    expect(bad.status).toBe(400);
    const researcher = await requestsAs("researcher");
    expect((await GET(researcher("GET", "http://nms.test/api/v1/alerts"), noParams)).status).toBe(403);
  });
});
