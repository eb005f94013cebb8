// Resolves a verbatim drug name to a catalogue drug: first the users' drug-name mappings (exact
// decisions on a normalised name), then the catalogue's own names, synonyms, brands and salts.
// Pure: the caller loads the index once (lib/queries/get-catalogue-index.ts) per write or import.
import { normaliseDrugName, normaliseDrugText } from "./drug-name-normaliser";
import type { DrugClass, PotencyGrade } from "./vocabulary";

export type TCatalogueEntry = { id: number; drugClass: DrugClass; potency: PotencyGrade | null; treatsNms: boolean };

export type TDrugIndex = {
  /** Catalogue name → its stored row. */
  drugs: ReadonlyMap<string, TCatalogueEntry>;
  /** normaliseDrugText(verbatim) → catalogue name, or null for "not an antidopaminergic agent". */
  mappings: ReadonlyMap<string, string | null>;
};

export type TDrugResolution =
  | { kind: "matched"; name: string; entry: TCatalogueEntry; formulation: "depot" | "oral" | null; via: "mapping" | "catalogue" }
  /** A user said the name is no antidopaminergic agent: unmatched on purpose. */
  | { kind: "ignored" }
  | { kind: "unmatched" };

const UNMATCHED: TDrugResolution = { kind: "unmatched" };
const IGNORED: TDrugResolution = { kind: "ignored" };

export function resolveDrugName(index: TDrugIndex, raw: string): TDrugResolution {
  if (index.mappings.size > 0) {
    const mapped = index.mappings.get(normaliseDrugText(raw));
    if (mapped === null) return IGNORED;
    if (mapped !== undefined) {
      const entry = index.drugs.get(mapped);
      // The normaliser still tells a depot form from an oral one when it recognises the text.
      const formulation = normaliseDrugName(raw)?.formulation ?? null;
      return entry ? { kind: "matched", name: mapped, entry, formulation, via: "mapping" } : UNMATCHED;
    }
  }
  const match = normaliseDrugName(raw);
  const entry = match ? index.drugs.get(match.drug.name) : undefined;
  if (!match || !entry) return UNMATCHED;
  return { kind: "matched", name: match.drug.name, entry, formulation: match.formulation, via: "catalogue" };
}

/** An index with no mappings, from catalogue rows (tests and tools that hold the rows already). */
export function drugIndexOf(
  drugs: ReadonlyMap<string, TCatalogueEntry>,
  mappings: ReadonlyMap<string, string | null> = new Map(),
): TDrugIndex {
  return { drugs, mappings };
}
