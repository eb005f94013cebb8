// Which drugs attribute a case, and what the consensus exposure criterion says: treatment agents
// attribute only when withdrawn (never when started after onset); an unknown withdrawal leaves the
// criterion unknown rather than "not met"; user mappings win over the catalogue's own matching.
import { describe, expect, it } from "vitest";
import { toCaseRows } from "@/lib/cases/to-case-rows";
import { ZCaseInput, type TCaseInputRaw } from "@/lib/domain/case-schema";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import { resolveDrugName, type TDrugIndex } from "@/lib/domain/drug-index";
import { normaliseDrugText } from "@/lib/domain/drug-name-normaliser";

const drugs = new Map(
  DRUG_CATALOGUE.map((d, i) => [d.name, { id: i + 1, drugClass: d.drugClass, potency: d.potency, treatsNms: d.treatsNms }]),
);
const index = (mappings: [string, string | null][] = []): TDrugIndex => ({
  drugs,
  mappings: new Map(mappings.map(([name, drug]) => [normaliseDrugText(name), drug])),
});
const rows = (drugList: TCaseInputRaw["drugs"], extra: Partial<TCaseInputRaw> = {}, mappings: [string, string | null][] = []) =>
  toCaseRows(ZCaseInput.parse({ source: "manual", sourceId: "T-1", onsetDate: "2024-03-10", drugs: drugList, ...extra }), index(mappings));
const exposureOf = (r: ReturnType<typeof rows>) => r.caseRow.consensusScore;

describe("drug attribution", () => {
  it("counts an antipsychotic suspect, never a concomitant one", () => {
    expect(rows([{ name: "Haldol", role: "suspect" }]).caseRow.attributingClasses).toEqual(["first_generation"]);
    expect(rows([{ name: "Haldol", role: "concomitant" }]).caseRow.attributingClasses).toEqual([]);
  });

  it("counts bromocriptine, amantadine and apomorphine only when withdrawn or reduced", () => {
    for (const name of ["bromocriptine", "Symmetrel", "apomorphine"]) {
      expect(rows([{ name, role: "suspect" }]).caseRow.attributingClasses, name).toEqual([]);
      expect(rows([{ name, role: "withdrawn" }]).caseRow.attributingClasses, name).toEqual(["dopaminergic_withdrawal"]);
      expect(rows([{ name, role: "suspect", doseChange: "decreased" }]).caseRow.attributingClasses, name).toEqual([
        "dopaminergic_withdrawal",
      ]);
    }
  });

  it("never counts a treatment agent started on or after the onset of NMS", () => {
    const given = rows([
      { name: "bromocriptine", role: "withdrawn", startDate: "2024-03-10" },
      { name: "haloperidol", role: "suspect", startDate: "2024-03-01" },
    ]);
    expect(given.caseRow.attributingDrugs).toEqual(["haloperidol"]);
    const before = rows([{ name: "bromocriptine", role: "withdrawn", startDate: "2023-01-01" }]);
    expect(before.caseRow.attributingDrugs).toEqual(["bromocriptine"]);
  });

  it("counts levodopa by its reported role, but its exposure criterion only when withdrawal is recorded", () => {
    const suspect = rows([{ name: "Sinemet", role: "suspect" }]);
    const withdrawn = rows([{ name: "Sinemet", role: "withdrawn" }]);
    const continued = rows([{ name: "Sinemet", role: "suspect", doseChange: "unchanged" }]);
    expect(suspect.caseRow.attributingClasses).toEqual(["dopaminergic_withdrawal"]);
    // Consensus: the exposure criterion is worth 20 points. Unknown and not-met both score 0, but
    // the maximum reachable score says which it was: unknown keeps the 20 points reachable.
    expect(withdrawn.caseRow.consensusScore! - suspect.caseRow.consensusScore!).toBe(20);
    expect(suspect.caseRow.consensusMaxScore! - continued.caseRow.consensusMaxScore!).toBe(20);
    expect(exposureOf(continued)).toBe(exposureOf(suspect));
  });

  it("resolves through a user mapping first: a misspelling, a wrong catalogue match, an ignored name", () => {
    const mapped = index([
      ["haloperidolo", "haloperidol"],
      ["ZYPREXA RELPREVV", "olanzapine"],
      ["lorazepam", null],
    ]);
    expect(resolveDrugName(mapped, "Haloperidolo")).toMatchObject({ kind: "matched", name: "haloperidol", via: "mapping" });
    expect(resolveDrugName(mapped, "haloperidolo 5mg")).toEqual({ kind: "unmatched" }); // a mapping is exact on the normalised text
    expect(resolveDrugName(mapped, "LORAZEPAM")).toEqual({ kind: "ignored" });
    expect(resolveDrugName(mapped, "Zyprexa Relprevv")).toMatchObject({ kind: "matched", name: "olanzapine", formulation: "depot" });
    const ignoredRow = rows(
      [
        { name: "Lorazepam", role: "suspect" },
        { name: "xyz", role: "suspect" },
      ],
      {},
      [["lorazepam", null]],
    );
    expect(ignoredRow.unmappedDrugNames).toEqual(["xyz"]);
    expect(ignoredRow.drugRows.map((d) => d.nameIgnored)).toEqual([true, false]);
  });
});
