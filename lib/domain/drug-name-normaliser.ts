// Maps a free-text drug name from a form or an import ("HALDOL DECANOATE 100MG/ML INJ.",
// "CARBIDOPA/LEVODOPA") to its catalogue entry and, where the text says so, depot or oral form.
import { DEPOT_KEYWORDS, DRUG_CATALOGUE, SALT_WORDS, type TCatalogueDrug } from "./drug-catalogue";

export type TDrugNameMatch = Readonly<{
  drug: TCatalogueDrug;
  /** "depot" when the text names a depot salt, brand or keyword; "oral" for an oral dosage form; else null. */
  formulation: "depot" | "oral" | null;
  /** "salt-stripped": the INN or a synonym, in a text that also names a salt ("HALOPERIDOL LACTATE"). */
  matchedBy: "name" | "synonym" | "brand" | "salt-stripped";
}>;

type TKeyKind = "name" | "synonym" | "brand";
type TIndex = {
  keys: Map<string, { drug: TCatalogueDrug; kind: TKeyKind }>;
  /** First words of multi-word keys: only these start an n-gram search, keeping the scan one lookup per token. */
  multiWordHeads: Set<string>;
  longestKey: number;
  depotMarkers: Map<string, readonly string[]>;
};

const ORAL_WORDS = new Set([
  "tablet",
  "tablets",
  "tab",
  "tabs",
  "capsule",
  "capsules",
  "cap",
  "caps",
  "oral",
  "orally",
  "po",
  "syrup",
  "elixir",
  "odt",
  "orodispersible",
  "dispersible",
  "sublingual",
  "buccal",
  "chewable",
  "drops",
  "zydis",
]);
const SALTS = new Set<string>(SALT_WORDS);
const GENERIC_DEPOT_MARKERS: readonly string[] = DEPOT_KEYWORDS;

/** Bound on the memo: an import sees each distinct spelling once, but FAERS has very many. */
const CACHE_LIMIT = 100_000;
const cache = new Map<string, TDrugNameMatch | null>();
let index: TIndex | undefined;

/**
 * Lowercase, accents dropped, punctuation to spaces, digits split from letters ("5MG" → "5 mg"),
 * tokens joined by single spaces — the form both catalogue keys and reported names take.
 */
export function normaliseDrugText(raw: string): string {
  return raw
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/([a-z])(\d)/g, "$1 $2")
    .replace(/(\d)([a-z])/g, "$1 $2")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function buildIndex(): TIndex {
  const keys = new Map<string, { drug: TCatalogueDrug; kind: TKeyKind }>();
  const add = (text: string, drug: TCatalogueDrug, kind: TKeyKind) => {
    const key = normaliseDrugText(text);
    const existing = keys.get(key);
    // A key naming two agents would make matching depend on catalogue order: refuse to start.
    if (existing && existing.drug !== drug) throw new Error(`drug catalogue: "${key}" names both ${existing.drug.name} and ${drug.name}`);
    if (!existing) keys.set(key, { drug, kind });
  };
  for (const drug of DRUG_CATALOGUE) {
    add(drug.name, drug, "name");
    for (const synonym of drug.synonyms) add(synonym, drug, "synonym");
    for (const brand of drug.brands) add(brand, drug, "brand");
  }
  let longestKey = 1;
  const multiWordHeads = new Set<string>();
  for (const key of keys.keys()) {
    const words = key.split(" ");
    longestKey = Math.max(longestKey, words.length);
    if (words.length > 1 && words[0] !== undefined) multiWordHeads.add(words[0]);
  }

  const depotMarkers = new Map<string, readonly string[]>();
  for (const drug of DRUG_CATALOGUE) {
    const markers = new Set<string>();
    for (const form of drug.depotForms) {
      const phrase = normaliseDrugText(form);
      markers.add(phrase);
      // "Invega Sustenna" → also "sustenna", so "PALIPERIDONE (SUSTENNA)" reads as depot too.
      const [head, ...rest] = phrase.split(" ");
      if (head !== undefined && rest.length > 0 && keys.get(head)?.drug === drug) markers.add(rest.join(" "));
    }
    depotMarkers.set(drug.name, [...markers]);
  }
  return { keys, multiWordHeads, longestKey, depotMarkers };
}

/** Every distinct catalogue agent named in the text, in order of appearance (combination products name several). */
export function findCatalogueDrugs(raw: string): TDrugNameMatch[] {
  const idx = (index ??= buildIndex());
  const text = normaliseDrugText(raw);
  if (text === "") return [];
  const tokens = text.split(" ");
  const found: { drug: TCatalogueDrug; kind: TKeyKind }[] = [];
  for (let i = 0; i < tokens.length;) {
    let matched = 0;
    // Longest key first, so a multi-word key ("l dopa") wins over a key that is its first word.
    const longest = idx.multiWordHeads.has(tokens[i] ?? "") ? Math.min(idx.longestKey, tokens.length - i) : 1;
    for (let length = longest; length > 0; length--) {
      const hit = idx.keys.get(tokens.slice(i, i + length).join(" "));
      if (hit) {
        found.push(hit);
        matched = length;
        break;
      }
    }
    i += matched || 1;
  }

  const padded = ` ${text} `;
  const has = (phrase: string) => padded.includes(` ${phrase} `);
  const oral = tokens.some((token) => ORAL_WORDS.has(token));
  const genericDepot = GENERIC_DEPOT_MARKERS.some(has);
  const salted = tokens.some((token) => SALTS.has(token));
  const seen = new Set<string>();
  const matches: TDrugNameMatch[] = [];
  for (const { drug, kind } of found) {
    if (seen.has(drug.name)) continue;
    seen.add(drug.name);
    const depot = genericDepot || (idx.depotMarkers.get(drug.name) ?? []).some(has);
    matches.push({
      drug,
      formulation: depot ? "depot" : oral ? "oral" : null,
      matchedBy: kind !== "brand" && salted ? "salt-stripped" : kind,
    });
  }
  return matches;
}

/**
 * The catalogue agent a reported drug name means, or null when it names none (the importer keeps
 * the name unmapped and reports it). A combination naming two catalogue agents resolves to the
 * first; use findCatalogueDrugs to see all. Results are memoised: imports call this per drug row.
 */
export function normaliseDrugName(raw: string): TDrugNameMatch | null {
  const cached = cache.get(raw);
  if (cached !== undefined) return cached;
  const match = findCatalogueDrugs(raw)[0] ?? null;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(raw, match);
  return match;
}
