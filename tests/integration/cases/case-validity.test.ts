// The valid-case rule (ICH E2D's minimum criteria, docs/case-processing.md) on every way in — the
// form's mapping and the API, and each importer (canonical CSV, FAERS, openFDA, E2B) — and what a
// draft and a nullified case count: nothing, in the rollup and in the case tables alike, until
// completed or restored.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE, GET as getOne, PATCH } from "@/app/api/v1/cases/[id]/route";
import { POST } from "@/app/api/v1/cases/route";
import { POST as restore } from "@/app/api/v1/cases/[id]/restore/route";
import { emptyFormState, toCaseInput } from "@/app/cases/_components/case-form-state";
import { caseToInput } from "@/lib/cases/case-to-input";
import { getPrisma } from "@/lib/db/client";
import { missingCriteria } from "@/lib/domain/case-validity";
import { ImportError } from "@/lib/imports/errors";
import { runImport, type TImportOptions } from "@/lib/imports/write/run-import";
import { getAggregates } from "@/lib/queries/aggregates/get-aggregates";
import { parseAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import { countCases } from "@/lib/queries/count-cases";
import { findCaseWorkQueue } from "@/lib/queries/find-case-work-queue";
import { writeReferenceData } from "@/seed/write-reference-data";
import { noParams, requestsAs, withId } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { NMS_MESSAGE, r3Batch, r3Message } from "../../unit/imports/e2b-fixtures";
import { NMS, quarterFiles } from "../../unit/imports/faers-fixtures";
import { tempDir } from "../../helpers/temp-dir";

let database: TTestDatabase;
let officer: Awaited<ReturnType<typeof requestsAs>>;
let admin: Awaited<ReturnType<typeof requestsAs>>;
beforeAll(async () => {
  database = await openTestDatabase();
  await writeReferenceData();
  officer = await requestsAs("safety_officer");
  admin = await requestsAs("admin");
});
afterAll(() => database.close());

const BASE = "http://nms.test/api/v1/cases";
type TBody = Record<string, unknown> & { status?: string; revision?: number; error?: { issues: { path: string; message: string }[] } };
const read = async (r: Response) => ({ status: r.status, body: (await r.json()) as TBody });

/**
 * Live cases counted three ways: the health count, the aggregates total answered by the rollup
 * (a year-aligned query) and the one answered from the case tables (a date off the grain).
 */
async function counted() {
  const rollup = await getAggregates(parseAggregateQuery(new URLSearchParams("by=sex&from=2000-01-01&to=2029-12-31")));
  const tables = await getAggregates(parseAggregateQuery(new URLSearchParams("by=sex&from=2000-01-02&to=2029-12-31")));
  return { live: await countCases(), rollup: rollup.total.cases, tables: tables.total.cases };
}
const plus = (c: Awaited<ReturnType<typeof counted>>, n: number) => ({
  live: c.live + n,
  rollup: (c.rollup ?? 0) + n,
  tables: (c.tables ?? 0) + n,
});

describe("the form and the API", () => {
  let draftId = "";

  it("saves what the form holds without the minimum criteria as a draft that counts nowhere", async () => {
    const before = await counted();
    const state = { ...emptyFormState("FORM-1"), onsetDate: "2024-03-02" };
    state.drugs = [{ ...state.drugs[0]!, name: "haloperidol", role: "concomitant" }];
    const { input, issues } = toCaseInput(state, "manual");
    expect(issues).toEqual({});
    const created = await read(await POST(officer("POST", BASE, input), noParams));
    expect(created.status).toBe(201);
    draftId = String(created.body.id);
    expect(created.body.status).toBe("draft");
    expect((created.body.missingCriteria as { criterion: string }[]).map((m) => m.criterion)).toEqual(["patient", "reporter", "drug"]);
    expect(await counted()).toEqual(before);
    expect((await findCaseWorkQueue()).drafts.map((d) => d.id)).toContain(draftId);
  });

  it("counts the draft once an edit completes it, in the rollup and the case tables alike", async () => {
    const before = await counted();
    const edited = await read(
      await PATCH(
        officer("PATCH", `${BASE}/${draftId}`, {
          expectedRevision: 1,
          sex: "female",
          reporterType: "pharmacist",
          drugs: [{ name: "haloperidol", role: "suspect" }],
        }),
        withId(draftId),
      ),
    );
    expect(edited.status).toBe(200);
    expect(edited.body.status).toBe("complete");
    expect(await counted()).toEqual(plus(before, 1));
    expect((await findCaseWorkQueue()).drafts.map((d) => d.id)).not.toContain(draftId);
  });

  it("refuses to mark an incomplete case complete, naming each missing field", async () => {
    const refused = await read(await POST(officer("POST", BASE, { sourceId: "API-2", status: "complete", onsetUnknown: true }), noParams));
    expect(refused.status).toBe(400);
    expect(refused.body.error?.issues.map((i) => i.path)).toEqual(["sex", "reporterType", "drugs"]);
    const due = await read(await POST(officer("POST", BASE, { sourceId: "API-3", status: "follow_up_requested" }), noParams));
    expect(due.body.error?.issues.map((i) => i.path)).toEqual(["followUpDue"]);
    const both = await read(
      await POST(officer("POST", BASE, { sourceId: "API-4", onsetDate: "2024-01-01", onsetUnknown: true }), noParams),
    );
    expect(both.body.error?.issues.map((i) => i.path)).toEqual(["onsetUnknown"]);
  });

  it("keeps a requested follow-up with its due date; a valid case counts while it waits", async () => {
    const before = await counted();
    const body = {
      sourceId: "API-5",
      sex: "male",
      country: "FR",
      onsetUnknown: true,
      drugs: [{ name: "olanzapine", role: "suspect" }],
      status: "follow_up_requested",
      followUpDue: "2099-01-31",
    };
    const created = await read(await POST(officer("POST", BASE, body), noParams));
    expect(created.body).toMatchObject({ status: "follow_up_requested", followUpDue: "2099-01-31", missingCriteria: [] });
    expect(await counted()).toEqual({ ...plus(before, 1), rollup: before.rollup, tables: before.tables }); // no onset date: outside a dated query
    expect((await findCaseWorkQueue()).followUps.map((f) => f.sourceId)).toEqual(["API-5"]);
  });
});

describe("nullification", () => {
  it("takes a case out of every count with its reason, keeps it readable, and an administrator restores it", async () => {
    const body = {
      sourceId: "NUL-1",
      sex: "male",
      reporterType: "physician",
      onsetDate: "2023-06-01",
      drugs: [{ name: "haloperidol", role: "suspect" }],
    };
    const created = await read(await POST(officer("POST", BASE, body), noParams));
    const id = String(created.body.id);
    const before = await counted();
    expect(
      (await DELETE(officer("DELETE", `${BASE}/${id}?revision=1&reason=${encodeURIComponent("entered in error")}`), withId(id))).status,
    ).toBe(204);
    expect(await counted()).toEqual(plus(before, -1));
    const shown = await read(await getOne(officer("GET", `${BASE}/${id}`), withId(id)));
    expect(shown.body.nullified).toMatchObject({ reason: "entered in error", by: "token:test-safety_officer" });
    expect((await findCaseWorkQueue()).nullified.map((n) => n.id)).toContain(id);
    // Not editable while nullified; only an administrator restores.
    expect((await PATCH(officer("PATCH", `${BASE}/${id}`, { expectedRevision: 2, outcome: "fatal" }), withId(id))).status).toBe(409);
    expect((await restore(officer("POST", `${BASE}/${id}/restore`, { revision: 2 }), withId(id))).status).toBe(403);
    const restored = await read(await restore(admin("POST", `${BASE}/${id}/restore`, { revision: 2 }), withId(id)));
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ nullified: null, revision: 3 });
    expect(await counted()).toEqual(before);
    const audit = await getPrisma().auditEvent.findMany({ where: { entityId: id, action: { not: "access" } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ["create", "token:test-safety_officer"],
      ["delete", "token:test-safety_officer"],
      ["update", "token:test-admin"],
    ]);
    expect(audit[1]?.after).toEqual({ nullified: true, reason: "entered in error" });
    expect(audit[2]?.after).toEqual({ nullified: false, restored: true });
  });
});

// Each importer: one file with a valid case and one without an identifiable reporter (no
// qualification, no country). Default: the file is refused naming the field; --skip-invalid:
// the valid case only; --allow-drafts: both, the incomplete one a draft that counts nowhere.
const enc = (text: string) => new TextEncoder().encode(text);
function faersFolder(): string {
  const folder = path.join(tempDir("nms-validity-"), "2024Q1");
  mkdirSync(folder);
  const files = quarterFiles({
    DEMO: [
      { primaryid: "91", caseid: "9", caseversion: "1", event_dt: "20231101", fda_dt: "20240110", sex: "M", occp_cod: "MD" },
      { primaryid: "81", caseid: "8", caseversion: "1", event_dt: "20231102", fda_dt: "20240111", sex: "F" },
    ],
    DRUG: [
      { primaryid: "91", caseid: "9", drug_seq: "1", role_cod: "PS", drugname: "HALOPERIDOL" },
      { primaryid: "81", caseid: "8", drug_seq: "1", role_cod: "PS", drugname: "HALOPERIDOL" },
    ],
    REAC: [
      { primaryid: "91", caseid: "9", pt: NMS },
      { primaryid: "81", caseid: "8", pt: NMS },
    ],
  });
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(folder, file), content);
  return folder;
}
const openFdaReport = (id: string, qualification: string) => ({
  safetyreportid: id,
  receivedate: "20240110",
  primarysource: { qualification },
  patient: {
    patientsex: "1",
    reaction: [{ reactionmeddrapt: NMS, reactionstartdate: "20240101" }],
    drug: [{ medicinalproduct: "HALOPERIDOL", drugcharacterization: "1" }],
  },
});
const e2bWithoutReporter = () =>
  r3Message({ ...NMS_MESSAGE, id: "US-TEST-0002", qualification: "" }).replace(/<location typeCode="LOC">.*?<\/location>/s, "");
const INPUTS = {
  csv: () => ({
    name: "validity.csv",
    bytes: enc(
      "source_id,received_date,onset_date,country,sex,age_years,drugs,max_temp_c,rigidity,mental_status_change,ck_max,outcome,narrative\n" +
        "V-1,2024-01-10,2024-01-02,FR,male,40,haloperidol:suspect,,,,,unknown,\n" +
        "V-2,2024-01-10,2024-01-02,,female,50,haloperidol:suspect,,,,,unknown,\n",
    ),
  }),
  faers: () => faersFolder(),
  openfda: () => ({
    name: "validity.json",
    bytes: enc(JSON.stringify({ results: [openFdaReport("OF-1", "1"), openFdaReport("OF-2", "")] })),
  }),
  e2b: () => ({ name: "validity.xml", bytes: enc(r3Batch([r3Message(NMS_MESSAGE), e2bWithoutReporter()])) }),
} as const;
const FIELD = { csv: "reporter_type", faers: "occp_cod", openfda: "reporterType", e2b: "reporterType" } as const;

describe.each(Object.keys(INPUTS) as (keyof typeof INPUTS)[])("the %s importer", (format) => {
  const run = (options: TImportOptions) => runImport(INPUTS[format](), { format, ...options });

  it("refuses the file by default, naming the missing criterion's field", async () => {
    const before = await getPrisma().caseReport.count();
    const error = await run({}).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).field).toBe(FIELD[format]);
    expect((error as ImportError).reason).toMatch(/identifiable reporter.*--allow-drafts/);
    expect(await getPrisma().caseReport.count()).toBe(before);
  });

  it("skips the incomplete case with --skip-invalid and imports it as a draft with --allow-drafts", async () => {
    const rejects: string[] = [];
    const skipped = await run({ skipInvalid: true, onReject: (r) => rejects.push(r.field) });
    expect([skipped.imported, skipped.rejected, rejects]).toEqual([1, 1, [FIELD[format]]]);
    const before = await counted();
    const drafted = await run({ allowDrafts: true });
    expect([drafted.imported, drafted.rejected]).toEqual([1, 0]);
    const stored = await getPrisma().caseReport.findMany({ where: { importJobId: drafted.jobId }, include: { drugs: true } });
    expect(stored.map((c) => c.status)).toEqual(["draft"]);
    expect(missingCriteria(caseToInput(stored[0]!)).map((m) => m.criterion)).toEqual(["reporter"]);
    expect(await counted()).toEqual(before);
  });
});
