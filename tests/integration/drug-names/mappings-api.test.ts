// The drug-name workbench through its API: unmatched names with counts, a mapping re-derives the
// cases naming it at once (classes, drugs, scores, rollup), bad input is refused naming the
// field with nothing changed, concurrent mappings of one name conflict, and the CSV round-trips.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getUnmatched } from "@/app/api/v1/drug-names/unmatched/route";
import { GET as getMappings, POST as postMapping } from "@/app/api/v1/drug-names/mappings/route";
import { DELETE as deleteMapping } from "@/app/api/v1/drug-names/mappings/[name]/route";
import { getPgPool } from "@/lib/db/pg-pool";
import { runImport } from "@/lib/imports/write/run-import";
import { getAggregates } from "@/lib/queries/aggregates/get-aggregates";
import { ZAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import { rederiveAllCases } from "@/lib/reference/rederive-all";
import { audienceOf } from "@/lib/queries/aggregates/audience";
import { MAX_NOISE } from "@/lib/stats/cell-key";
import { noParams, requestsAs } from "../../helpers/api-request";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";
import { DRUG_LISTS, writeRealisticCsv } from "./real-data-fixture";

const BASE = "http://nms.test/api/v1/drug-names";
const work = mkdtempSync(path.join(os.tmpdir(), "nms-mappings-"));
let database: TTestDatabase;
let as: Awaited<ReturnType<typeof requestsAs>>;
const ROWS = 100;
/** Rows naming "haloperidolo" (one in ten, from the fixture's cycle) — all as suspect. */
const HALOPERIDOLO_CASES = DRUG_LISTS.filter((d) => d.startsWith("haloperidolo")).length * (ROWS / DRUG_LISTS.length);

beforeAll(async () => {
  database = await openTestDatabase();
  as = await requestsAs("safety_officer");
  await runImport(writeRealisticCsv(work, ROWS), { actor: "test" });
});
afterAll(async () => {
  await database.close();
  rmSync(work, { recursive: true, force: true });
});

type TUnmatched = { names: { name: string; key: string; cases: number; attributingCases: number }[]; totalNames: number };
const unmatched = async () => (await (await getUnmatched(as("GET", `${BASE}/unmatched`), noParams)).json()) as TUnmatched;
const post = (body: unknown) => postMapping(as("POST", `${BASE}/mappings`, body), noParams);
const classCount = async (key: string) => {
  const answer = await getAggregates(ZAggregateQuery.parse({ by: "drugClass" }));
  return answer.groups.find((g) => g.key === key)?.cases;
};
async function rollupMatchesCases(): Promise<void> {
  for (const params of [
    { by: "drugClass" },
    { by: "drug" },
    { by: "drugClass", then: "sex" },
    { by: "year", drugClass: "first_generation" },
  ]) {
    const query = ZAggregateQuery.parse(params);
    expect(await getAggregates(query)).toEqual(await getAggregates(query, { source: "cases" }));
  }
}
const auditCount = async (entity: string) =>
  Number((await getPgPool().query<{ n: string }>('SELECT count(*) AS n FROM "audit_event" WHERE "entity" = $1', [entity])).rows[0]?.n);

describe("drug-name workbench API", () => {
  it("lists the unmatched names by case count, leaving catalogue names out", async () => {
    const { names } = await unmatched();
    const keys = names.map((n) => n.key);
    expect(keys).toContain("haloperidolo");
    expect(keys).toContain("zyprxa");
    expect(keys).toContain("lorazepam");
    expect(keys).not.toContain("haldol decanoate 100 mg ml inj");
    expect(names.find((n) => n.key === "haloperidolo")).toMatchObject({ cases: HALOPERIDOLO_CASES, attributingCases: HALOPERIDOLO_CASES });
    // Suspect names first: lorazepam (concomitant only) sorts after them.
    expect(keys.indexOf("haloperidolo")).toBeLessThan(keys.indexOf("lorazepam"));
  });

  it("warns of cases with unmatched suspects: exact for staff, under the disclosure rule for researchers", async () => {
    const query = ZAggregateQuery.parse({ by: "drugClass" });
    const staff = (await getAggregates(query)).unmatchedSuspects;
    // haloperidolo rows and Zyprxa rows (Zyprxa's companion haloperidol lactate matches, Zyprxa does not).
    expect(staff?.cases).toBe(2 * HALOPERIDOLO_CASES);
    const researcher = (await getAggregates(query, { audience: audienceOf("researcher", 5) })).unmatchedSuspects;
    expect(researcher?.cases === null || Math.abs(researcher!.cases - staff!.cases!) <= MAX_NOISE).toBe(true);
    const fewer = ZAggregateQuery.parse({ by: "drugClass", country: ["US"], sex: ["male"] });
    const few = (await getAggregates(fewer)).unmatchedSuspects!.cases!;
    const shown = (await getAggregates(fewer, { audience: audienceOf("researcher", 5) })).unmatchedSuspects!.cases;
    if (few > 0 && few < 5 - MAX_NOISE) expect(shown).toBeNull();
  });

  it("maps a name: its cases move into the class at once, the rollup stays exact, both audited", async () => {
    const before = (await classCount("first_generation"))!;
    const response = await post({ name: "HALOPERIDOLO", drug: "haloperidol" });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { rederived: { changedCases: number; classMoves: Record<string, number> } };
    expect(body.rederived.changedCases).toBe(HALOPERIDOLO_CASES);
    expect(body.rederived.classMoves).toEqual({ first_generation: HALOPERIDOLO_CASES });
    expect(await classCount("first_generation")).toBe(before + HALOPERIDOLO_CASES);
    expect((await unmatched()).names.map((n) => n.key)).not.toContain("haloperidolo");
    // Re-derivation clears the mapped cases' unmatched-suspect flag: only the Zyprxa cases are left.
    expect((await getAggregates(ZAggregateQuery.parse({ by: "drugClass" }))).unmatchedSuspects?.cases).toBe(HALOPERIDOLO_CASES);
    await rollupMatchesCases();
    expect(await auditCount("drug-name-mapping")).toBe(1);
    expect(await auditCount("derivation")).toBe(1);
    // The same decision again changes nothing.
    expect((await post({ name: "haloperidolo", drug: "Haloperidol" })).status).toBe(200);
    expect(await auditCount("drug-name-mapping")).toBe(1);
  });

  it("marks a name as no antidopaminergic agent: gone from the worklist, no class moves", async () => {
    const before = await classCount("first_generation");
    expect((await post({ name: "Lorazepam", ignore: true })).status).toBe(201);
    expect((await unmatched()).names.map((n) => n.key)).not.toContain("lorazepam");
    expect(await classCount("first_generation")).toBe(before);
  });

  it("refuses bad mappings naming the field, and changes nothing", async () => {
    const cases = [
      [{ name: "zyprxa", drug: "not-a-drug" }, "drug"],
      [{ name: "  ", drug: "olanzapine" }, "name"],
      [{ name: "zyprxa" }, "drug"],
      [{ name: "zyprxa", drug: "olanzapine", ignore: true }, "drug"],
      [{ name: "haloperidolo", drug: "olanzapine" }, "name"],
      [{ name: "zyprxa", drug: "olanzapine", colour: "red" }, "colour"],
    ] as const;
    const mappingsBefore = await auditCount("drug-name-mapping");
    for (const [body, field] of cases) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = (await response.json()) as { error: { issues: { path: string }[] } };
      expect(error.error.issues.map((i) => i.path)).toContain(field);
    }
    expect(await auditCount("drug-name-mapping")).toBe(mappingsBefore);
  });

  it("lets one of two simultaneous mappings of a name win; the other gets 409", async () => {
    const answers = await Promise.all([post({ name: "Zyprxa", drug: "olanzapine" }), post({ name: "ZYPRXA", drug: "quetiapine" })]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses[0]).toBe(201);
    expect([400, 409]).toContain(statuses[1]); // 409 when both inserted at once; 400 when the second saw the first
    await rollupMatchesCases();
  });

  it("exports the mappings as CSV and re-imports them all or nothing", async () => {
    const csv = await (await getMappings(as("GET", `${BASE}/mappings?format=csv`), noParams)).text();
    expect(csv.split("\r\n")[0]).toBe("name,drug,ignore");
    expect(csv).toContain("HALOPERIDOLO,haloperidol,no");
    const csvPost = (text: string) =>
      postMapping(
        new Request(`${BASE}/mappings`, {
          method: "POST",
          headers: { ...Object.fromEntries(as("POST", BASE).headers), "content-type": "text/csv" },
          body: text,
        }),
        noParams,
      );
    // Re-importing the export changes nothing.
    const again = (await (await csvPost(csv)).json()) as { saved: number; unchanged: number };
    expect(again).toMatchObject({ saved: 0, unchanged: 3 });
    // A bad row names its line and field; the good row before it is not kept.
    const bad = await csvPost("name,drug,ignore\r\nMOTILIUM 10,domperidone,\r\nfoo,nonsense,\r\n");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe("line 3.drug");
    const listed = (await (await getMappings(as("GET", `${BASE}/mappings`), noParams)).json()) as { mappings: unknown[] };
    expect(listed.mappings).toHaveLength(3);
  });

  it("deletes a mapping: its cases go back to unmatched", async () => {
    const before = (await classCount("first_generation"))!;
    const response = await deleteMapping(as("DELETE", `${BASE}/mappings/haloperidolo`), {
      params: Promise.resolve({ name: "haloperidolo" }),
    });
    expect(response.status).toBe(200);
    expect(await classCount("first_generation")).toBe(before - HALOPERIDOLO_CASES);
    expect((await unmatched()).names.map((n) => n.key)).toContain("haloperidolo");
    const missing = await deleteMapping(as("DELETE", `${BASE}/mappings/nothing`), { params: Promise.resolve({ name: "nothing" }) });
    expect(missing.status).toBe(404);
  });

  it("re-derives after a catalogue change; a second run changes nothing", async () => {
    // Stand-in for an upgrade that moves a drug between classes (the catalogue is code-owned).
    await getPgPool().query(`UPDATE "catalogue_drug" SET "drug_class" = 'other_antidopaminergic' WHERE "name" = 'metoclopramide'`);
    const first = await rederiveAllCases("test");
    expect(first.changedCases).toBeGreaterThan(0);
    expect(first.classMoves.other_antidopaminergic).toBe(-(first.classMoves.antiemetic ?? 0));
    await rollupMatchesCases();
    const second = await rederiveAllCases("test");
    expect(second).toMatchObject({ changedCases: 0, changedDrugRows: 0 });
    await getPgPool().query(`UPDATE "catalogue_drug" SET "drug_class" = 'antiemetic' WHERE "name" = 'metoclopramide'`);
    await rederiveAllCases("test");
    await rollupMatchesCases();
  });
});

describe("an interrupted re-derivation", () => {
  it("leaves nothing half-applied: the transaction holds all of it or none", async () => {
    const before = await getAggregates(ZAggregateQuery.parse({ by: "drugClass" }), { source: "cases" });
    await getPgPool().query(`UPDATE "catalogue_drug" SET "drug_class" = 'second_generation' WHERE "name" = 'haloperidol'`);
    const { withTransaction } = await import("@/lib/db/transaction");
    const { rederiveCases } = await import("@/lib/cases/rederive-cases");
    const { getCatalogueIndex } = await import("@/lib/queries/get-catalogue-index");
    await expect(
      withTransaction(async ({ sql: client }) => {
        const result = await rederiveCases(client, await getCatalogueIndex(client), { all: true }, { actor: "rederive-test" });
        expect(result.changedCases).toBeGreaterThan(0);
        throw new Error("killed mid-way"); // as a process death would: the transaction never commits
      }),
    ).rejects.toThrow("killed mid-way");
    expect(await getAggregates(ZAggregateQuery.parse({ by: "drugClass" }), { source: "cases" })).toEqual(before);
    await rollupMatchesCases();
    await getPgPool().query(`UPDATE "catalogue_drug" SET "drug_class" = 'first_generation' WHERE "name" = 'haloperidol'`);
  });
});
