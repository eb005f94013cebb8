// FAERS across quarters: a follow-up version replaces the stored case in place (same id, drugs
// replaced, never counted twice), the quarter's DELETE list hides cases, and the background
// counts for disproportionality are stored per quarter.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expandAuditEvents } from "@/lib/audit/expand-audit-events";
import { getPrisma } from "@/lib/db/client";
import { runImport } from "@/lib/imports/write/run-import";
import { writeReferenceData } from "@/seed/write-reference-data";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { MAIN_QUARTER, quarterFiles, type TQuarter } from "../../unit/imports/faers-fixtures";
import { tempDir } from "../../helpers/temp-dir";

function writeQuarter(name: string, quarter: TQuarter): string {
  const folder = path.join(tempDir("nms-faers-"), name);
  mkdirSync(folder);
  for (const [file, content] of Object.entries(quarterFiles(quarter))) writeFileSync(path.join(folder, file), content);
  return folder;
}

/** Only the rows of the given primaryids, so a quarter can hold a case's first version alone. */
function onlyReports(quarter: TQuarter, primaryids: string[]): TQuarter {
  const keep = new Set(primaryids);
  const pick = (rows?: Record<string, string>[]) => rows?.filter((r) => keep.has(r.primaryid ?? ""));
  return {
    DEMO: pick(quarter.DEMO),
    DRUG: pick(quarter.DRUG),
    REAC: pick(quarter.REAC),
    OUTC: pick(quarter.OUTC),
    THER: pick(quarter.THER),
  };
}

let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
});
afterAll(() => database.close());

const faersCase = (caseid: string) =>
  getPrisma().caseReport.findUniqueOrThrow({ where: { source_sourceId: { source: "faers", sourceId: caseid } }, include: { drugs: true } });

describe("FAERS quarters", () => {
  it("replaces a case with its follow-up and applies the DELETE list", async () => {
    const first = await runImport(writeQuarter("2023Q4", onlyReports(MAIN_QUARTER, ["1001", "2001"])));
    expect(first).toMatchObject({ imported: 2, updated: 0 });
    const v1 = await faersCase("100");
    expect(v1).toMatchObject({ version: 1, revision: 1, outcome: "unknown" });
    expect(v1.drugs.map((d) => d.reportedName)).toEqual(["HALOPERIDOL"]);

    const second = await runImport(writeQuarter("2024Q1", { ...MAIN_QUARTER, DELETE: ["200"] }));
    expect(second).toMatchObject({ updated: 1, deleted: 1 });
    const v2 = await faersCase("100");
    expect(v2.id).toBe(v1.id); // replaced in place: one case, not two
    expect(v2).toMatchObject({ version: 2, revision: 2, outcome: "fatal", rhabdomyolysis: true });
    expect(v2.drugs.map((d) => d.reportedName).sort()).toEqual(["HALDOL DECANOATE", "LITHIUM CARBONATE"]);
    expect((await faersCase("200")).deletedAt).not.toBeNull();
    expect(await getPrisma().caseReport.count({ where: { source: "faers", deletedAt: null } })).toBe(2); // 100 and 400
    // The audit trail: per case one event of the follow-up import — 100 replaced, 200 deleted, 400 new.
    // An import's creation event stores no copy of the case (after_in_case_row); the trail's reader rebuilds it.
    const stored = await getPrisma().auditEvent.findMany({ where: { entity: "case", requestId: `import:${second.jobId}` } });
    expect(stored.find((e) => e.action === "create")).toMatchObject({ after: null, afterInCaseRow: true });
    const events = await expandAuditEvents(getPrisma(), stored);
    const byAction = Object.fromEntries(events.map((e) => [e.action, e]));
    expect(events).toHaveLength(3);
    expect(byAction.update).toMatchObject({
      entityId: v1.id,
      before: { version: 1, outcome: "unknown" },
      after: { version: 2, outcome: "fatal" },
    });
    expect(byAction.delete).toMatchObject({ entityId: (await faersCase("200")).id, before: { sourceId: "200" }, after: null });
    expect(byAction.create).toMatchObject({ before: null, after: { sourceId: "400" } });

    // Cases per drug over all events in 2024Q1: haloperidol is a suspect of case 100 (its latest
    // version 1002, HALDOL DECANOATE) and 300 (twice in one report: counted once); 200 is deleted.
    const haloperidol = await getPrisma().catalogueDrug.findUniqueOrThrow({ where: { name: "haloperidol" } });
    const counts = await getPrisma().backgroundCount.findMany({ where: { source: "faers", period: "2024Q1" } });
    expect(counts.find((c) => c.drugId === haloperidol.id)).toMatchObject({ drugReports: 2, nmsReports: 1 });
    expect(counts.find((c) => c.drugId === null && c.drugClass === null)?.totalReports).toBeGreaterThan(0);
  });
});
