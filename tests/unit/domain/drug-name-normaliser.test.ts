import { describe, expect, it } from "vitest";
import { findCatalogueDrugs, normaliseDrugName, normaliseDrugText } from "@/lib/domain/drug-name-normaliser";

type TRow = [raw: string, drug: string, formulation: "depot" | "oral" | null, matchedBy: "name" | "synonym" | "brand" | "salt-stripped"];

// Realistic reported names: form entries, canonical CSV, FAERS DRUGNAME/PROD_AI, openFDA medicinalproduct.
const MATCHES: TRow[] = [
  ["haloperidol", "haloperidol", null, "name"],
  ["HALOPERIDOL", "haloperidol", null, "name"],
  ["HALOPERIDOL 5MG TABLETS", "haloperidol", "oral", "name"],
  ["Haldol Decanoate 100 mg/mL inj.", "haloperidol", "depot", "brand"],
  ["HALOPERIDOL LACTATE", "haloperidol", null, "salt-stripped"],
  ["HALOPERIDOL DECANOATE.", "haloperidol", "depot", "salt-stripped"],
  ["Halopéridol", "haloperidol", null, "name"],
  ["APO-HALOPERIDOL", "haloperidol", null, "name"],
  ["haloperidol5mg", "haloperidol", null, "name"],
  ["SERENACE", "haloperidol", null, "brand"],
  ["OLANZAPINE.", "olanzapine", null, "name"],
  ["OLANZAPINE PAMOATE", "olanzapine", "depot", "salt-stripped"],
  ["ZYPREXA RELPREVV", "olanzapine", "depot", "brand"],
  ["Zyprexa Zydis 10 mg", "olanzapine", "oral", "brand"],
  ["OLANZAPINE AND FLUOXETINE", "olanzapine", null, "name"],
  ["RISPERDAL CONSTA", "risperidone", "depot", "brand"],
  ["risperidone long-acting injection 37.5 mg", "risperidone", "depot", "name"],
  ["RISPERIDONE LAI", "risperidone", "depot", "name"],
  ["Risperdal M-Tab", "risperidone", "oral", "brand"],
  ["PERSERIS", "risperidone", "depot", "brand"],
  ["INVEGA SUSTENNA", "paliperidone", "depot", "brand"],
  ["INVEGA TRINZA", "paliperidone", "depot", "brand"],
  ["PALIPERIDONE PALMITATE", "paliperidone", "depot", "salt-stripped"],
  ["INVEGA 6 MG ER TABLET", "paliperidone", "oral", "brand"],
  ["Xeplion", "paliperidone", "depot", "brand"],
  ["ABILIFY MAINTENA", "aripiprazole", "depot", "brand"],
  ["ARISTADA", "aripiprazole", "depot", "brand"],
  ["ARIPIPRAZOLE LAUROXIL", "aripiprazole", "depot", "salt-stripped"],
  ["Abilify 10mg tabs", "aripiprazole", "oral", "brand"],
  ["QUETIAPINE FUMARATE", "quetiapine", null, "salt-stripped"],
  ["SEROQUEL XR", "quetiapine", null, "brand"],
  ["Clozaril", "clozapine", null, "brand"],
  ["LEPONEX 100 MG", "clozapine", null, "brand"],
  ["GEODON", "ziprasidone", null, "brand"],
  ["CARBIDOPA AND LEVODOPA", "levodopa", null, "name"],
  ["CARBIDOPA/LEVODOPA", "levodopa", null, "name"],
  ["carbidopa-levodopa 25/100 tab", "levodopa", "oral", "name"],
  ["LEVODOPA;BENSERAZIDE", "levodopa", null, "name"],
  ["SINEMET CR", "levodopa", null, "brand"],
  ["Madopar 125", "levodopa", null, "brand"],
  ["STALEVO", "levodopa", null, "brand"],
  ["L-DOPA", "levodopa", null, "synonym"],
  ["PRAMIPEXOLE DIHYDROCHLORIDE", "pramipexole", null, "salt-stripped"],
  ["MIRAPEX ER", "pramipexole", null, "brand"],
  ["NEUPRO PATCH", "rotigotine", null, "brand"],
  ["REGLAN", "metoclopramide", null, "brand"],
  ["Metoclopramide HCl 10 mg IV", "metoclopramide", null, "salt-stripped"],
  ["PROMETHAZINE", "promethazine", null, "name"],
  ["PROMAZINE", "promazine", null, "name"],
  ["COMPAZINE", "prochlorperazine", null, "brand"],
  ["Droleptan", "droperidol", null, "brand"],
  ["DOTHIEPIN", "dosulepin", null, "synonym"],
  ["Dosulepin hydrochloride 75mg capsules", "dosulepin", "oral", "salt-stripped"],
  ["METHOTRIMEPRAZINE", "levomepromazine", null, "synonym"],
  ["FLUPENTHIXOL DECANOATE", "flupentixol", "depot", "salt-stripped"],
  ["Depixol", "flupentixol", null, "brand"],
  ["THIOTHIXENE", "tiotixene", null, "synonym"],
  ["FLUPHENAZINE ENANTHATE", "fluphenazine", "depot", "salt-stripped"],
  ["MODECATE", "fluphenazine", "depot", "brand"],
  ["Clopixol Depot", "zuclopenthixol", "depot", "brand"],
  ["XENAZINE", "tetrabenazine", null, "brand"],
  ["AUSTEDO", "deutetrabenazine", null, "brand"],
  ["INGREZZA", "valbenazine", null, "brand"],
  ["NARDIL", "phenelzine", null, "brand"],
  ["Solian", "amisulpride", null, "brand"],
];

// Names the importer must keep unmapped: no catalogue agent, or a near miss in spelling.
const NON_MATCHES = [
  "",
  "   ",
  "ASPIRIN",
  "LEVOTHYROXINE",
  "LITHIUM",
  "DANTROLENE",
  "DIAZEPAM",
  "LORAZEPAM",
  "CARBIDOPA",
  "ENTACAPONE",
  "SELEGILINE",
  "ONDANSETRON",
  "HALOPERIDO",
  "5 MG TABLETS",
  "UNKNOWN DRUG",
  "...",
];

describe("normaliseDrugName", () => {
  it.each(MATCHES)("%j → %s (%s, by %s)", (raw, drug, formulation, matchedBy) => {
    expect(normaliseDrugName(raw)).toMatchObject({ drug: { name: drug }, formulation, matchedBy });
  });

  it.each(NON_MATCHES)("%j → null", (raw) => {
    expect(normaliseDrugName(raw)).toBeNull();
  });

  it("does not confuse promethazine and promazine, or levothyroxine and levodopa", () => {
    expect(normaliseDrugName("PROMETHAZINE HCL")?.drug.name).toBe("promethazine");
    expect(normaliseDrugName("PROMAZINE HCL")?.drug.name).toBe("promazine");
    expect(normaliseDrugName("LEVOTHYROXINE SODIUM")).toBeNull();
  });

  it("returns the memoised result for a repeated name", () => {
    const first = normaliseDrugName("RISPERDAL CONSTA 50 MG");
    expect(normaliseDrugName("RISPERDAL CONSTA 50 MG")).toBe(first);
    expect(normaliseDrugName("UNMAPPED THING")).toBeNull();
    expect(normaliseDrugName("UNMAPPED THING")).toBeNull();
  });

  it("keeps up with an import: 50,000 distinct names, uncached, well under two seconds", () => {
    const started = performance.now();
    for (let i = 0; i < 50_000; i++) normaliseDrugName(`HALDOL DECANOATE ${i} MG/ML INJECTION`);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("answers repeated names from the memo: 200,000 rows well under a second", () => {
    const names = MATCHES.map(([raw]) => raw).concat(NON_MATCHES);
    const started = performance.now();
    for (let i = 0; i < 200_000; i++) normaliseDrugName(names[i % names.length] ?? "");
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("findCatalogueDrugs", () => {
  it("lists every catalogue agent of a combination in order of appearance, once each", () => {
    expect(findCatalogueDrugs("HALOPERIDOL/PROMETHAZINE").map((m) => m.drug.name)).toEqual(["haloperidol", "promethazine"]);
    expect(findCatalogueDrugs("PERPHENAZINE AND AMITRIPTYLINE").map((m) => m.drug.name)).toEqual(["perphenazine"]);
    expect(findCatalogueDrugs("Haldol (haloperidol) 5 mg").map((m) => m.drug.name)).toEqual(["haloperidol"]);
    expect(findCatalogueDrugs("")).toEqual([]);
  });

  it("first match is what normaliseDrugName returns", () => {
    expect(normaliseDrugName("HALOPERIDOL/PROMETHAZINE")?.drug.name).toBe("haloperidol");
  });
});

describe("normaliseDrugText", () => {
  it.each([
    ["HALDOL Decanoate 100mg/mL inj.", "haldol decanoate 100 mg ml inj"],
    ["Halopéridol", "haloperidol"],
    ["  L-DOPA  ", "l dopa"],
    ["", ""],
  ])("%j → %j", (raw, expected) => {
    expect(normaliseDrugText(raw)).toBe(expected);
  });
});
