import { describe, expect, it } from "vitest";
import { DRUG_CATALOGUE, SALT_WORDS, catalogueDrugByName, catalogueDrugsOfClass, drugClassOf } from "@/lib/domain/drug-catalogue";
import { normaliseDrugName, normaliseDrugText } from "@/lib/domain/drug-name-normaliser";
import { DRUG_CLASSES } from "@/lib/domain/vocabulary";

// Every trigger agent the NMS overview (seeds/000_3fe151248e624ce0.txt, outside the repo) names,
// as it spells them, with the class its wording implies. "dothiepin" and "amoxapines" are the
// overview's spellings of dosulepin and amoxapine.
const OVERVIEW_AGENTS = [
  ["haloperidol", "haloperidol", "first_generation"],
  ["clozapine", "clozapine", "second_generation"],
  ["olanzapine", "olanzapine", "second_generation"],
  ["risperidone", "risperidone", "second_generation"],
  ["quetiapine", "quetiapine", "second_generation"],
  ["ziprasidone", "ziprasidone", "second_generation"],
  ["levodopa", "levodopa", "dopaminergic_withdrawal"],
  ["pramipexole", "pramipexole", "dopaminergic_withdrawal"],
  ["metoclopramide", "metoclopramide", "antiemetic"],
  ["amoxapine", "amoxapine", "other_antidopaminergic"],
  ["desipramine", "desipramine", "other_antidopaminergic"],
  ["dothiepin", "dosulepin", "other_antidopaminergic"],
  ["phenelzine", "phenelzine", "other_antidopaminergic"],
  ["tetrabenazine", "tetrabenazine", "other_antidopaminergic"],
  ["reserpine", "reserpine", "other_antidopaminergic"],
  // Named as treatments, but dopaminergic agents whose withdrawal can trigger NMS as well.
  ["bromocriptine", "bromocriptine", "dopaminergic_withdrawal"],
  ["amantadine", "amantadine", "dopaminergic_withdrawal"],
  ["apomorphine", "apomorphine", "dopaminergic_withdrawal"],
] as const;

// The examples of each class the catalogue's documentation gives.
const CLASS_EXAMPLES = [
  ["prochlorperazine", "antiemetic"],
  ["promethazine", "antiemetic"],
  ["droperidol", "antiemetic"],
  ["ropinirole", "dopaminergic_withdrawal"],
] as const;

describe("drug catalogue", () => {
  it("holds at least 60 agents with unique lowercase canonical names", () => {
    expect(DRUG_CATALOGUE.length).toBeGreaterThanOrEqual(60);
    const names = DRUG_CATALOGUE.map((drug) => drug.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z-]*$/);
  });

  it("has every class populated and the class lookups agree with the entries", () => {
    for (const drugClass of DRUG_CLASSES) {
      const members = catalogueDrugsOfClass(drugClass);
      expect(members.length, drugClass).toBeGreaterThan(0);
      for (const drug of members) expect(drugClassOf(drug.name)).toBe(drugClass);
    }
    const total = DRUG_CLASSES.reduce((sum, drugClass) => sum + catalogueDrugsOfClass(drugClass).length, 0);
    expect(total).toBe(DRUG_CATALOGUE.length);
  });

  it("grades potency for every first-generation agent and for no other", () => {
    for (const drug of DRUG_CATALOGUE) {
      if (drug.drugClass === "first_generation") expect(drug.potency, drug.name).not.toBeNull();
      else expect(drug.potency, drug.name).toBeNull();
    }
    expect(catalogueDrugByName("haloperidol")?.potency).toBe("high");
    expect(catalogueDrugByName("fluphenazine")?.potency).toBe("high");
    expect(catalogueDrugByName("chlorpromazine")?.potency).toBe("low");
    expect(catalogueDrugByName("thioridazine")?.potency).toBe("low");
    expect(catalogueDrugByName("perphenazine")?.potency).toBe("medium");
  });

  it("gives each name, synonym and brand to exactly one agent", () => {
    const owners = new Map<string, Set<string>>();
    for (const drug of DRUG_CATALOGUE) {
      for (const text of [drug.name, ...drug.synonyms, ...drug.brands]) {
        const key = normaliseDrugText(text);
        expect(key, `${drug.name}: "${text}"`).not.toBe("");
        owners.set(key, (owners.get(key) ?? new Set()).add(drug.name));
      }
    }
    const collisions = [...owners].filter(([, drugs]) => drugs.size > 1);
    expect(collisions).toEqual([]);
    for (const drug of DRUG_CATALOGUE) {
      for (const text of [drug.name, ...drug.synonyms, ...drug.brands]) {
        expect(normaliseDrugName(text)?.drug.name, text).toBe(drug.name);
      }
    }
  });

  it("reads every depot form as that agent in a depot formulation", () => {
    for (const drug of DRUG_CATALOGUE) {
      for (const form of drug.depotForms) {
        const match = normaliseDrugName(form);
        expect(match?.drug.name, form).toBe(drug.name);
        expect(match?.formulation, form).toBe("depot");
      }
    }
  });

  it("declares salts only from the shared salt vocabulary", () => {
    const known = new Set<string>(SALT_WORDS);
    for (const drug of DRUG_CATALOGUE) for (const salt of drug.salts) expect(known.has(salt), `${drug.name}: ${salt}`).toBe(true);
  });

  it("has well-formed ATC codes where it has one", () => {
    const codes = DRUG_CATALOGUE.flatMap((drug) => (drug.atcCode ? [drug.atcCode] : []));
    for (const code of codes) expect(code).toMatch(/^[A-Z]\d{2}[A-Z]{2}\d{2}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect(catalogueDrugByName("haloperidol")?.atcCode).toBe("N05AD01");
  });

  it.each(OVERVIEW_AGENTS)("includes the overview's %s as %s (%s)", (spelling, name, drugClass) => {
    expect(catalogueDrugByName(name)?.drugClass).toBe(drugClass);
    expect(normaliseDrugName(spelling)?.drug.name).toBe(name);
  });

  it.each(CLASS_EXAMPLES)("classes %s as %s, as documented", (name, drugClass) => {
    expect(drugClassOf(name)).toBe(drugClass);
  });

  it("leaves lithium out: a co-medication risk factor, not a trigger of its own", () => {
    expect(catalogueDrugByName("lithium")).toBeUndefined();
    expect(normaliseDrugName("LITHIUM CARBONATE")).toBeNull();
  });

  it("looks names up case- and space-insensitively, and only canonical names", () => {
    expect(catalogueDrugByName("  Haloperidol ")?.name).toBe("haloperidol");
    expect(catalogueDrugByName("dothiepin")).toBeUndefined();
    expect(drugClassOf("aspirin")).toBeUndefined();
  });
});
