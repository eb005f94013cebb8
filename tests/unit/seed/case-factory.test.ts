// Generated cases: reproducible per (seed, index) whatever the batching, always valid input,
// and built from catalogue drugs with the roles the domain rules expect.
import { describe, expect, it } from "vitest";
import { ZCaseInput } from "@/lib/domain/case-schema";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import { DRUG_WEIGHTS } from "@/seed/distributions";
import { buildCase, generateCases, type TSeedCase } from "@/seed/index";

const CATALOGUE = new Map(DRUG_CATALOGUE.map((drug) => [drug.name, drug]));

describe("generateCases", () => {
  it("gives identical output for the same seed, and different output for another seed", () => {
    const first = [...generateCases({ count: 300 })];
    const again = [...generateCases({ count: 300, seed: 20261124 })];
    expect(again).toEqual(first);
    const other = [...generateCases({ count: 300, seed: 1 })];
    expect(other.map((c) => c.onsetDate)).not.toEqual(first.map((c) => c.onsetDate));
  });

  it("does not depend on batching: cases 1000..1999 from startIndex 1000 equal those of a full run", () => {
    const full = [...generateCases({ count: 2_000 })].slice(1_000);
    const batch = [...generateCases({ count: 1_000, startIndex: 1_000 })];
    expect(batch).toEqual(full);
    expect(buildCase(1_500)).toEqual(full[500]);
    expect(batch[0]?.sourceId).toBe("DEMO-00001000");
  });

  it("yields lazily and rejects a bad count or start", () => {
    const iterator = generateCases({ count: 10_000_000 });
    const first = iterator.next();
    expect(first.done ? null : first.value.sourceId).toBe("DEMO-00000000");
    expect(() => generateCases({ count: -1 }).next()).toThrow(RangeError);
    expect(() => generateCases({ count: 1, startIndex: 0.5 }).next()).toThrow(RangeError);
    expect([...generateCases({ count: 0 })]).toEqual([]);
  });

  it("every case passes ZCaseInput unchanged (5,000 cases)", () => {
    for (const seedCase of generateCases({ count: 5_000, seed: 99 })) {
      const parsed = ZCaseInput.safeParse(seedCase);
      if (!parsed.success) throw new Error(`${seedCase.sourceId}: ${JSON.stringify(parsed.error.issues)}`);
      // Nothing the seed sends is dropped or rewritten by the schema.
      expect(parsed.data).toEqual(seedCase);
    }
  });

  it("names catalogue drugs for suspects, with withdrawal roles for dopaminergic agents", () => {
    const cases: TSeedCase[] = [...generateCases({ count: 3_000 })];
    for (const c of cases) {
      const attributing = c.drugs.filter((d) => d.role !== "concomitant");
      expect(attributing.length).toBeGreaterThanOrEqual(1);
      expect(attributing.length).toBeLessThanOrEqual(2);
      expect(c.drugs.filter((d) => d.role === "concomitant").length).toBeLessThanOrEqual(3);
      expect(new Set(c.drugs.map((d) => d.name)).size).toBe(c.drugs.length);
      for (const drug of attributing) {
        const entry = CATALOGUE.get(drug.name);
        expect(entry, drug.name).toBeDefined();
        const withdrawal = entry?.drugClass === "dopaminergic_withdrawal";
        expect(drug.role).toBe(withdrawal ? "withdrawn" : "suspect");
        if (withdrawal) expect(["stopped", "decreased"]).toContain(drug.doseChange);
        if (drug.formulation === "depot") expect(entry?.depotForms.length).toBeGreaterThan(0);
        expect(drug.startDate <= c.onsetDate).toBe(true);
      }
      expect(c.depotFormulation).toBe(attributing.some((d) => d.formulation === "depot"));
      expect(c.lithiumCoMedication).toBe(c.drugs.some((d) => d.name === "lithium"));
      expect(c.onsetDate >= "1995-01-01" && c.onsetDate <= "2025-12-31").toBe(true);
      const delayDays = (Date.parse(c.receivedDate) - Date.parse(c.onsetDate)) / 86_400_000;
      expect(delayDays).toBeGreaterThanOrEqual(0);
      expect(delayDays).toBeLessThanOrEqual(120);
      expect(c.durationDays).toBeGreaterThanOrEqual(1 / 3);
      expect(c.durationDays).toBeLessThanOrEqual(40);
      if (c.rechallenge !== true) expect(c.rechallengeRecurred).toBeNull();
      expect(c.narrative).toMatch(/^Synthetic demo report\./);
    }
  });

  it("weights only agents the catalogue knows (catches renames in the catalogue)", () => {
    const unknown = Object.keys(DRUG_WEIGHTS).filter((name) => !CATALOGUE.has(name));
    expect(unknown).toEqual([]);
  });
});
