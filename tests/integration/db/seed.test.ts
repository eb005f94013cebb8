// Seeding writes the reference data idempotently and streams deterministic demo cases whose
// stored scores and drug mapping come from the same code as every other write path.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { BASELINES } from "@/lib/domain/baselines";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import { buildCase } from "@/seed";
import { writeDemoCases } from "@/seed/write-demo-data";
import { writeReferenceData } from "@/seed/write-reference-data";
import { openTestDatabase, type TTestDatabase } from "../../helpers/test-database";

let database: TTestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe("seeding", () => {
  it("writes the catalogue and baselines, and writing them again changes nothing", async () => {
    expect(await writeReferenceData()).toEqual({ drugs: DRUG_CATALOGUE.length, baselines: BASELINES.length });
    await writeReferenceData();
    const prisma = getPrisma();
    expect(await prisma.catalogueDrug.count()).toBe(DRUG_CATALOGUE.length);
    expect(await prisma.baseline.count()).toBe(BASELINES.length);
    const haloperidol = await prisma.catalogueDrug.findUniqueOrThrow({ where: { name: "haloperidol" } });
    expect(haloperidol).toMatchObject({ drugClass: "first_generation", potency: "high" });
  });

  it("streams demo cases in batches, deterministically, continuing the numbering", async () => {
    const progress: number[] = [];
    const first = await writeDemoCases(250, { batchSize: 100, onProgress: (done) => progress.push(done) });
    expect(first.cases).toBe(250);
    expect(progress).toEqual([100, 200, 250]);
    await writeDemoCases(50, { startIndex: 250 });
    const prisma = getPrisma();
    expect(await prisma.caseReport.count()).toBe(300);

    const expected = buildCase(123);
    const stored = await prisma.caseReport.findUniqueOrThrow({
      where: { source_sourceId: { source: "manual", sourceId: expected.sourceId } },
      include: { drugs: true },
    });
    expect(stored.sex).toBe(expected.sex);
    expect(stored.outcome).toBe(expected.outcome);
    expect(stored.ageYears).toBe(expected.ageYears ?? null);
    expect(stored.drugs.map((d) => d.reportedName).sort()).toEqual(expected.drugs.map((d) => d.name).sort());
    // Every suspect of a demo case is a catalogue agent, so it is mapped and the case scored.
    expect(stored.drugs.filter((d) => d.role === "suspect").every((d) => d.catalogueDrugId !== null)).toBe(true);
    expect(stored.consensusScore).not.toBeNull();
    expect(await prisma.caseReport.count({ where: { consensusScore: null } })).toBe(0);
  });
});
