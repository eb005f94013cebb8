// Catalogue look-up for the case form's drug autocomplete: the agents whose name, synonym or
// brand matches what was typed, best first (name prefix, then synonym/brand prefix, then a later
// word, then anywhere), compared in the normaliser's form so "haldol-dec" finds Haldol Decanoate.
import { DRUG_CATALOGUE, type TCatalogueDrug } from "./drug-catalogue";
import { normaliseDrugText } from "./drug-name-normaliser";
import { DRUG_CLASS_LABELS, type DrugClass } from "./vocabulary";

export type TCatalogueSuggestion = {
  name: string;
  displayName: string;
  drugClass: DrugClass;
  classLabel: string;
  /** The synonym or brand that matched, when it was not the agent's own name. */
  matched: string | null;
};

type TTerm = { text: string; label: string; isName: boolean };
let terms: { drug: TCatalogueDrug; terms: TTerm[] }[] | undefined;

function indexed() {
  return (terms ??= DRUG_CATALOGUE.map((drug) => ({
    drug,
    terms: [
      { text: normaliseDrugText(drug.name), label: drug.displayName, isName: true },
      ...[...drug.synonyms, ...drug.brands, ...drug.depotForms].map((label) => ({ text: normaliseDrugText(label), label, isName: false })),
    ],
  })));
}

/** 0 = the name starts with it … 3 = somewhere inside a term; null = no match. */
function rankOf(term: TTerm, query: string): number | null {
  if (term.text.startsWith(query)) return term.isName ? 0 : 1;
  if (term.text.includes(` ${query}`)) return 2;
  return term.text.includes(query) ? 3 : null;
}

export function searchCatalogue(query: string, limit = 10): TCatalogueSuggestion[] {
  const q = normaliseDrugText(query);
  const found: { drug: TCatalogueDrug; rank: number; matched: string | null }[] = [];
  for (const { drug, terms: list } of indexed()) {
    let best: { rank: number; term: TTerm } | null = null;
    for (const term of list) {
      const rank = q === "" ? 0 : rankOf(term, q);
      if (rank !== null && (!best || rank < best.rank)) best = { rank, term };
      if (best?.rank === 0) break;
    }
    if (best) found.push({ drug, rank: best.rank, matched: best.term.isName ? null : best.term.label });
  }
  found.sort((a, b) => a.rank - b.rank || a.drug.displayName.localeCompare(b.drug.displayName));
  return found.slice(0, limit).map(({ drug, matched }) => ({
    name: drug.name,
    displayName: drug.displayName,
    drugClass: drug.drugClass,
    classLabel: DRUG_CLASS_LABELS[drug.drugClass],
    matched,
  }));
}
