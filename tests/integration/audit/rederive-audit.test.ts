// A re-derivation changes one input field of stored cases — a drug's formulation, inferred as
// depot when a newer catalogue recognises its name — and must say so per case: an imported case's
// creation event stores no copy of the case (it is rebuilt from the next change's "before"), so
// without that event the rebuilt creation document would show today's formulation, not the file's.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expandAuditEvents } from "@/lib/audit/expand-audit-events";
import { getPrisma } from "@/lib/db/client";
import { getPgPool } from "@/lib/db/pg-pool";
import { runImport } from "@/lib/imports/write/run-import";
import { rederiveAllCases } from "@/lib/reference/rederive-all";
import { writeReferenceData } from "@/seed/write-reference-data";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { tempDir } from "../../helpers/temp-dir";

let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
});
afterAll(() => database.close());

type TDoc = { sourceId: string; drugs: { name: string; formulation: string | null }[] };
const formulationsOf = (doc: unknown) => (doc as TDoc).drugs.map((d) => [d.name, d.formulation]);

describe("re-deriving a drug's formulation", () => {
  it("writes one update per changed case, so the imported case's creation document stays as imported", async () => {
    const file = path.join(tempDir("nms-rederive-"), "depot.csv");
    writeFileSync(
      file,
      [
        "source_id,version,received_date,onset_date,country,sex,age_years,drugs,max_temp_c,rigidity,mental_status_change,ck_max,outcome,narrative",
        'R-1,1,2024-02-01,2024-01-20,GB,F,34,"haloperidol decanoate:suspect;lorazepam:concomitant",40.1,yes,yes,5000,recovered,',
        "R-2,1,2024-02-02,2024-01-21,US,M,51,olanzapine:suspect,,,,,fatal,",
      ].join("\n"),
    );
    const imported = await runImport(file, { actor: "officer@nms.test" });
    const prisma = getPrisma();
    const stored = await prisma.caseReport.findUniqueOrThrow({ where: { source_sourceId: { source: "csv", sourceId: "R-1" } } });
    // As an older release stored it, before its catalogue knew the depot form (the app's catalogue
    // is code, so a test cannot teach it a new name; the stored row is set back instead).
    await getPgPool().query(`UPDATE "case_drug" SET "formulation" = NULL WHERE "case_id" = $1`, [stored.id]);
    const created = await prisma.auditEvent.findFirstOrThrow({ where: { entity: "case", entityId: stored.id, action: "create" } });
    expect(created).toMatchObject({ requestId: `import:${imported.jobId}`, afterInCaseRow: true, after: null });
    const asImported = formulationsOf((await expandAuditEvents(prisma, [created]))[0]!.after);
    expect(asImported).toContainEqual(["haloperidol decanoate", null]);

    const result = await rederiveAllCases("rederive-test");
    expect(result.changedDrugRows).toBe(1);
    const drug = await prisma.caseDrug.findFirstOrThrow({ where: { caseId: stored.id, reportedName: "haloperidol decanoate" } });
    expect(drug.formulation).toBe("depot");

    const updates = await prisma.auditEvent.findMany({ where: { entity: "case", action: "update", actor: "rederive-test" } });
    expect(updates.map((e) => e.entityId)).toEqual([stored.id]); // R-2's drug did not change
    expect(formulationsOf(updates[0]!.before)).toContainEqual(["haloperidol decanoate", null]);
    expect(formulationsOf(updates[0]!.after)).toContainEqual(["haloperidol decanoate", "depot"]);
    // The creation document, rebuilt now, is still the file's.
    expect(formulationsOf((await expandAuditEvents(prisma, [created]))[0]!.after)).toEqual(asImported);
  });
});
