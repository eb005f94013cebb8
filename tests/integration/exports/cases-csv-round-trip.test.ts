// The line-listing CSV round-trips through the canonical CSV importer: cases exported from one
// database and imported into a fresh one are the same cases, field by field — every clinical
// field, the drugs with dose, route, form, dates and dose change, source, version, status and
// follow-up date, seriousness, initials, reporter — and the same derived columns (classes, scores).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GET as casesCsv } from "@/app/api/v1/export/cases.csv/route";
import { createCase, nullifyCase } from "@/lib/cases/case-commands";
import { caseToInput } from "@/lib/cases/case-to-input";
import { missingCriteria } from "@/lib/domain/case-validity";
import { getPrisma } from "@/lib/db/client";
import { ZCaseInput, type TCaseInputRaw } from "@/lib/domain/case-schema";
import { runImport } from "@/lib/imports/write/run-import";
import { writeDemoCases } from "@/seed/write-demo-data";
import { noParams, requestsAs } from "../../helpers/api-request";
import { openTestDatabase } from "../../helpers/test-database";

const dir = mkdtempSync(path.join(os.tmpdir(), "nms-round-trip-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const actor = { name: "round-trip@test" };
const DEMO_CASES = 300;

/** Cases the demo generator never writes: every text hazard and every status the listing carries. */
const EDGE_CASES: TCaseInputRaw[] = [
  {
    source: "faers",
    sourceId: '=HYPERLINK("http://evil.example")',
    version: 3,
    receivedDate: "2024-02-01",
    onsetDate: "2024-01-20",
    country: "DE",
    reporterType: "physician",
    patientInitials: "'=AB",
    sex: "female",
    ageYears: 44.5,
    weightKg: 61.2,
    maxTempC: 40.3,
    ckMax: 15234.5,
    ckUln: 171,
    wbc: 13.4,
    rigidity: true,
    mentalStatusChange: false,
    seriousDeath: false,
    seriousHospitalisation: true,
    seriousOther: null,
    outcome: "recovered_with_sequelae",
    durationDays: 15.083333333333334,
    narrative: 'Said "stop", then\nfever; rigidity, CK 15,234 — +2 after 3 days\r\n@night',
    drugs: [
      {
        name: "haloperidol decanoate",
        role: "suspect",
        dose: "50 mg every 4 weeks",
        route: "intramuscular",
        formulation: "depot",
        startDate: "2023-11-01",
        doseChange: "increased",
        doseChangeDate: "2024-01-10",
      },
      { name: "lithium; carbonate", role: "concomitant", dose: "400 mg", route: "oral", startDate: "2020-05-05", stopDate: "2024-01-21" },
      { name: "-promethazine", role: "interacting" },
    ],
  },
  {
    source: "manual",
    sourceId: "FOLLOW-1",
    receivedDate: "2024-03-05",
    onsetUnknown: true,
    country: "GB",
    reporterType: "pharmacist",
    status: "follow_up_requested",
    followUpDue: "2099-01-31",
    sex: "unknown",
    ageYears: 80,
    outcome: "unknown",
    drugs: [{ name: "metoclopramide", role: "suspect", dose: "10 mg", route: "oral" }],
  },
  {
    source: "e2b",
    sourceId: "E2B-7",
    version: 2,
    receivedDate: "2023-07-07",
    onsetDate: "2023-07-01",
    reporterType: "consumer",
    patientInitials: "JS",
    sex: "male",
    outcome: "fatal",
    seriousDeath: true,
    seriousLifeThreatening: true,
    seriousDisability: false,
    seriousCongenitalAnomaly: false,
    drugs: [{ name: "levodopa", role: "withdrawn", stopDate: "2023-06-28", doseChange: "stopped", doseChangeDate: "2023-06-28" }],
  },
];

/** A stored case without what belongs to one database (ids, revision, timestamps, the import job). */
async function storedCases() {
  const rows = await getPrisma().caseReport.findMany({
    include: { drugs: { include: { catalogueDrug: { select: { name: true } } } } },
    orderBy: [{ source: "asc" }, { sourceId: "asc" }],
  });
  return rows.map(({ id: _id, revision: _r, importJobId: _j, createdAt: _c, updatedAt: _u, drugs, ...fields }) => ({
    ...fields,
    drugs: drugs.map(({ id: _d, caseId: _k, catalogueDrugId: _cd, catalogueDrug, ...drug }) => ({
      ...drug,
      catalogue: catalogueDrug?.name ?? null,
    })),
  }));
}

describe("line-listing CSV", () => {
  it("re-imports into a fresh database as identical cases", async () => {
    const first = await openTestDatabase();
    let csv: string;
    let exported: Awaited<ReturnType<typeof storedCases>>;
    try {
      await writeDemoCases(DEMO_CASES);
      // The demo writer stores a generated case missing a minimum criterion as a draft, by the rule
      // every import applies (docs/case-processing.md).
      const demo = await getPrisma().caseReport.findMany({ include: { drugs: true } });
      const invalid = demo.filter((c) => missingCriteria(caseToInput(c)).length > 0);
      expect(invalid.every((c) => c.status === "draft")).toBe(true);
      expect(demo.filter((c) => c.status === "draft")).toHaveLength(invalid.length);
      for (const input of EDGE_CASES) await createCase(ZCaseInput.parse(input), actor);
      // A draft and a nullified case count nowhere, so the listing (and its export) leaves them out.
      await createCase(ZCaseInput.parse({ sourceId: "DRAFT-1", sex: "unknown", drugs: [] }), actor);
      const nullified = await createCase(ZCaseInput.parse({ ...EDGE_CASES[1], sourceId: "NULL-1" }), actor);
      await nullifyCase(nullified.id, nullified.revision, "entered twice", actor);

      const officer = await requestsAs("safety_officer");
      const response = await casesCsv(officer("GET", "http://nms.test/api/v1/export/cases.csv"), noParams);
      expect(response.status).toBe(200);
      csv = await response.text();
      exported = (await storedCases()).filter((c) => c.status !== "draft" && c.deletedAt === null);
    } finally {
      await first.close();
    }
    // Every counting case was exported: the demo's valid cases and the three above.
    expect(exported.length).toBeGreaterThan(DEMO_CASES / 2);
    expect(exported.filter((c) => c.sourceId === "FOLLOW-1" || c.sourceId === "E2B-7")).toHaveLength(2);
    // The JSON drug form carried the details; the compact form a case whose drugs have none.
    expect(csv).toContain('"dose"":""50 mg every 4 weeks""');

    const second = await openTestDatabase();
    try {
      const file = path.join(dir, "line-listing.csv");
      writeFileSync(file, csv);
      const result = await runImport(file);
      expect(result).toMatchObject({ format: "csv", imported: exported.length, rejected: 0 });
      const reimported = await storedCases();
      expect(reimported).toHaveLength(exported.length);
      for (const [i, stored] of exported.entries()) expect(reimported[i]).toEqual(stored);
      // The hazards came back as they were written, not with the export's formula guard.
      const faers = reimported.find((c) => c.source === "faers")!;
      expect(faers).toMatchObject({
        sourceId: EDGE_CASES[0]!.sourceId,
        patientInitials: "'=AB",
        version: 3,
        durationDays: 15.083333333333334,
      });
      expect(faers.drugs.map((d) => d.reportedName)).toEqual(["haloperidol decanoate", "lithium; carbonate", "-promethazine"]);
    } finally {
      await second.close();
    }
  });
});
